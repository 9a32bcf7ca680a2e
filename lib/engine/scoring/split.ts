// Deterministic train / held-out split: a row's side depends only on the seed and its id (or
// index), never on row order or a random source, so the same export always splits the same.

/** FNV-1a over the text, finished with murmur3's mixer; uniform in [0, 1). */
export function hashUnit(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

export function isHeldOut(seed: number, key: string, heldOutShare: number): boolean {
  return hashUnit(seed, key) < heldOutShare;
}
