// A small seeded PRNG (mulberry32) and the draws the seed needs. Every stream is derived from
// a fixed base seed and a name (plus a batch number for bulk data), so the same scale always
// produces the same organisation, and one batch can be generated without replaying the ones
// before it.

import { mulberry32 } from "@/lib/engine/random/mulberry32";

export const BASE_SEED = 20_261_121;

/** FNV-1a over the parts: turns ("leads", 7) into an independent 32-bit stream seed. */
export function streamSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5 ^ BASE_SEED;
  for (const ch of parts.join("\u0001")) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export type TRng = ReturnType<typeof createRng>;

export function createRng(seed: number) {
  const next = mulberry32(seed);
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(next() * items.length)]!;
  };
  return {
    next,
    int,
    pick,
    chance: (p: number): boolean => next() < p,
    float: (min: number, max: number): number => min + next() * (max - min),
    /** Picks by relative weight: weighted([["a", 3], ["b", 1]]) is "a" three times in four. */
    weighted<T>(entries: readonly (readonly [T, number])[]): T {
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, w] of entries) {
        r -= w;
        if (r < 0) return value;
      }
      return entries[entries.length - 1]![0];
    },
    /** Standard normal (Box–Muller). */
    normal(mean = 0, sd = 1): number {
      const u = Math.max(next(), 1e-12);
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    },
    /** Distinct items, in random order. */
    sample<T>(items: readonly T[], n: number): T[] {
      const copy = [...items];
      for (let i = copy.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      }
      return copy.slice(0, Math.min(n, copy.length));
    },
    /** A version-4-shaped UUID from the stream: ids are as deterministic as the data. */
    uuid(): string {
      const hex = (n: number) => Math.floor(n * 4_294_967_296).toString(16).padStart(8, "0");
      const a = hex(next()), b = hex(next()), c = hex(next()), d = hex(next());
      const variant = ((parseInt(c[0]!, 16) & 0x3) | 0x8).toString(16);
      return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(1, 4)}-${c.slice(4)}${d}`;
    },
  };
}

/** Cumulative-weight table for many picks from one large weighted list (binary search). */
export function weightedIndex(weights: readonly number[]): (rng: TRng) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  return (rng) => {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}
