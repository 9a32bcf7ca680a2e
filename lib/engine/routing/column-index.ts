// One matrix column as an index: for a fact value, the bitset of rows whose condition on this
// column accepts it. Routing ANDs these bitsets instead of testing 500 rows one by one.
//
// The bits are always computed by the one condition evaluator (compileCondition), never by a
// second implementation of the semantics; the index only memoises them per class of values
// that every condition treats alike:
// - strings: by the raw string (every op's result is a function of the value itself);
// - numbers: exact values named by equals/in are their own class; every other number is
//   classed by the half-open interval between consecutive range bounds it falls in. Ranges
//   are half-open with their bounds among the breakpoints, so all numbers in
//   [b(i), b(i+1)) that are not named values get the same answer from every condition;
// - booleans and missing values: one slot each.
import { compileCondition, type TCompiledCondition, type TFactValue } from "@/lib/engine/conditions/evaluate";
import type { TRoutingCondition } from "@/lib/schemas/policies/common";

export type TBits = Uint32Array;

/** Cap per column so high-cardinality text (emails) cannot grow memory without bound. */
const MAX_MEMO = 20_000;

export type TColumnCell = { row: number; condition: TRoutingCondition; test: TCompiledCondition };

export class ColumnIndex {
  readonly words: number;
  /** Rows with a real (non-"any") condition on this column. */
  readonly cells: readonly TColumnCell[];
  private readonly base: TBits;
  private readonly strings = new Map<string, TBits>();
  private readonly points = new Map<number, TBits>();
  private readonly breaks: Float64Array;
  private readonly intervals: (TBits | undefined)[];
  private emptyBits: TBits | undefined;
  private trueBits: TBits | undefined;
  private falseBits: TBits | undefined;

  constructor(readonly key: string, rowCount: number, conditions: readonly (TRoutingCondition | undefined)[]) {
    this.words = (rowCount + 31) >>> 5;
    this.base = new Uint32Array(this.words);
    const cells: TColumnCell[] = [];
    const bounds = new Set<number>();
    const named = new Set<number>();
    conditions.forEach((condition, row) => {
      if (!condition || condition.op === "any") {
        this.base[row >>> 5]! |= 1 << (row & 31);
        return;
      }
      cells.push({ row, condition, test: compileCondition(condition) });
      if (condition.op === "range") {
        if (condition.min !== undefined) bounds.add(condition.min);
        if (condition.max !== undefined) bounds.add(condition.max);
      } else if (condition.op === "equals" && typeof condition.value === "number") named.add(condition.value);
      else if (condition.op === "in") for (const v of condition.values) if (typeof v === "number") named.add(v);
    });
    this.cells = cells;
    this.breaks = Float64Array.from([...bounds].sort((a, b) => a - b));
    this.intervals = new Array<TBits | undefined>(this.breaks.length + 1);
    for (const v of named) this.points.set(v, this.compute(v));
  }

  /** True when no row tests this column, so routing can skip it. */
  get trivial(): boolean {
    return this.cells.length === 0;
  }

  /** Evaluates every condition of the column on `value`: the ground truth the memo caches. */
  compute(value: TFactValue): TBits {
    const bits = this.base.slice();
    for (const { row, test } of this.cells) if (test(value)) bits[row >>> 5]! |= 1 << (row & 31);
    return bits;
  }

  bitsFor(value: TFactValue): TBits {
    switch (typeof value) {
      case "string": {
        let bits = this.strings.get(value);
        if (bits === undefined) {
          bits = this.compute(value);
          if (this.strings.size < MAX_MEMO) this.strings.set(value, bits);
        }
        return bits;
      }
      case "number": {
        const point = this.points.get(value);
        if (point !== undefined) return point;
        if (Number.isNaN(value)) return this.compute(value);
        const slot = this.intervalOf(value);
        return (this.intervals[slot] ??= this.compute(value));
      }
      case "boolean":
        return value ? (this.trueBits ??= this.compute(true)) : (this.falseBits ??= this.compute(false));
      default:
        // null and undefined behave identically in every op (isEmptyValue, typeof checks).
        return (this.emptyBits ??= this.compute(undefined));
    }
  }

  /** Index of the interval holding `value`: 0 below the first breakpoint, i + 1 in [b(i), b(i+1)). */
  private intervalOf(value: number): number {
    const breaks = this.breaks;
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (breaks[mid]! <= value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export function hasBit(bits: TBits, row: number): boolean {
  return ((bits[row >>> 5]! >>> (row & 31)) & 1) === 1;
}
