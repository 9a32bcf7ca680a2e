// A parsed routing policy compiled once into column indexes and fact getters. Compiled
// matrices are cached by policy object identity: policies are immutable once parsed, and
// routing a burst of leads must not recompile per lead.
import type { TFactValue } from "@/lib/engine/conditions/evaluate";
import type { TRoutingCondition } from "@/lib/schemas/policies/common";
import type { TRoutingPolicy, TRoutingPool, TRoutingRow } from "@/lib/schemas/policies/routing";
import { ColumnIndex, type TBits } from "./column-index";
import { factGetter, type TFactGetter, type TRoutingLead } from "./facts";

export type TCompiledColumn = {
  key: string;
  /** Position in policy.columns: the order "first failed condition" follows. */
  position: number;
  get: TFactGetter;
  index: ColumnIndex;
};

export type TCompiledMatrix = {
  policy: TRoutingPolicy;
  rows: readonly TRoutingRow[];
  /** Only columns some row actually tests, in policy.columns order. */
  columns: readonly TCompiledColumn[];
  words: number;
  pools: ReadonlyMap<string, TRoutingPool>;
};

/** Per-lead match state: the fact of each tested column and its row bitset. */
export type TMatchState = {
  values: TFactValue[];
  bits: TBits[];
};

const cache = new WeakMap<TRoutingPolicy, TCompiledMatrix>();

export function compileMatrix(policy: TRoutingPolicy): TCompiledMatrix {
  const cached = cache.get(policy);
  if (cached) return cached;
  const rows = policy.rows;
  const columns: TCompiledColumn[] = [];
  policy.columns.forEach((key, position) => {
    const conditions: (TRoutingCondition | undefined)[] = rows.map((r) => (Object.hasOwn(r.conditions, key) ? r.conditions[key] : undefined));
    const index = new ColumnIndex(key, rows.length, conditions);
    if (!index.trivial) columns.push({ key, position, get: factGetter(key), index });
  });
  const compiled: TCompiledMatrix = {
    policy,
    rows,
    columns,
    words: (rows.length + 31) >>> 5,
    pools: new Map(policy.pools.map((p) => [p.id, p])),
  };
  cache.set(policy, compiled);
  return compiled;
}

export function matchState(matrix: TCompiledMatrix, lead: TRoutingLead): TMatchState {
  const n = matrix.columns.length;
  const values = new Array<TFactValue>(n);
  const bits = new Array<TBits>(n);
  for (let c = 0; c < n; c++) {
    const column = matrix.columns[c]!;
    const value = column.get(lead);
    values[c] = value;
    bits[c] = column.index.bitsFor(value);
  }
  return { values, bits };
}

/**
 * The first row at or after `from` whose conditions all hold, or -1. Word by word, so the
 * work is proportional to how deep the match is, not to the matrix size.
 */
export function nextMatch(matrix: TCompiledMatrix, state: TMatchState, from: number): number {
  const rowCount = matrix.rows.length;
  if (from >= rowCount) return -1;
  const bits = state.bits;
  const n = bits.length;
  let w = from >>> 5;
  // Mask off rows before `from` in the first word.
  let mask = ~0 << (from & 31);
  for (; w < matrix.words; w++, mask = ~0) {
    let x = mask;
    for (let c = 0; c < n && x !== 0; c++) x &= bits[c]![w]!;
    if (x !== 0) {
      const row = (w << 5) + (31 - Math.clz32(x & -x));
      return row < rowCount ? row : -1;
    }
  }
  return -1;
}
