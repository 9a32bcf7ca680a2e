// Turns rows of arbitrary export columns into one-hot features for calibration. Each column
// is detected as numeric (binned at training quantiles) or categorical (top levels by
// frequency with a minimum support, the rest pooled as "other"), with missing values as a
// level of their own. Detection looks at training rows only, so held-out rows stay unseen.
import { isEmptyValue, normaliseText, type TFacts } from "@/lib/engine/conditions/evaluate";
import { attributeKeyFor, type TColumnValueType } from "./attribute-keys";

export type TRawValue = string | number | boolean | null | undefined;
export type TCalibrationRow = { id?: string; attributes: Readonly<Record<string, TRawValue>>; outcome: boolean };

export type TLevel = { key: string; values: (string | number | boolean)[]; count: number };

type TColumnBase = { column: string; attribute: string; firstFeature: number; featureCount: number };
export type TCategoricalColumn = TColumnBase & { kind: "categorical"; levels: TLevel[]; hasOther: boolean; hasMissing: boolean; valueType: TColumnValueType };
export type TNumericColumn = TColumnBase & { kind: "numeric"; edges: number[]; hasMissing: boolean };
export type TDroppedColumn = { kind: "dropped"; column: string; reason: string };
export type TColumn = TCategoricalColumn | TNumericColumn | TDroppedColumn;

export type TFeatureOptions = { topLevels: number; minLevelSupport: number; numericBins: number; attributeKeys?: Readonly<Record<string, string>> };

const NUMBER_RE = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;
/** A numeric column with this few distinct values reads better as categories (ratings, flags). */
const MAX_DISTINCT_FOR_CATEGORICAL = 10;

export function toNumber(value: TRawValue): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && NUMBER_RE.test(value.trim())) return Number(value.trim());
  return undefined;
}

const levelKey = (value: string | number | boolean) => normaliseText(String(value));

function valueTypeOf(values: readonly (string | number | boolean)[]): TColumnValueType {
  const types = new Set(values.map((v) => typeof v));
  return types.size === 1 ? (types.values().next().value as TColumnValueType) : "mixed";
}

function detectNumeric(values: readonly (string | number | boolean)[], bins: number): number[] | undefined {
  const numbers: number[] = [];
  for (const v of values) {
    const n = typeof v === "boolean" ? undefined : toNumber(v);
    if (n === undefined) return undefined;
    numbers.push(n);
  }
  if (new Set(numbers).size <= MAX_DISTINCT_FOR_CATEGORICAL) return undefined;
  numbers.sort((a, b) => a - b);
  // Cut points are data values at the quantiles; repeated values collapse bins rather than
  // leaving empty ones, so a skewed column may get fewer bins.
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const edge = numbers[Math.floor((k * numbers.length) / bins)]!;
    if (edge > numbers[0]! && (edges.length === 0 || edge > edges[edges.length - 1]!)) edges.push(edge);
  }
  return edges;
}

function detectColumn(column: string, raw: readonly TRawValue[], options: TFeatureOptions, taken: Set<string>): TColumn | Omit<TColumn, "firstFeature"> {
  const present = raw.filter((v): v is string | number | boolean => !isEmptyValue(v));
  const missing = raw.length - present.length;
  if (present.length === 0) return { kind: "dropped", column, reason: "always empty" };
  const override = options.attributeKeys?.[column];

  const edges = detectNumeric(present, options.numericBins);
  if (edges) {
    if (edges.length === 0) return { kind: "dropped", column, reason: "one value only" };
    const hasMissing = missing >= options.minLevelSupport;
    const attribute = attributeKeyFor(column, "numeric", "number", taken, override);
    return { kind: "numeric", column, attribute, edges, hasMissing, featureCount: edges.length + 1 + (hasMissing ? 1 : 0) };
  }

  const byKey = new Map<string, TLevel>();
  for (const v of present) {
    const key = levelKey(v);
    const level = byKey.get(key) ?? { key, values: [], count: 0 };
    level.count++;
    if (!level.values.some((x) => typeof x === typeof v && levelKey(x) === key)) level.values.push(typeof v === "string" ? v.trim() : v);
    byKey.set(key, level);
  }
  const ranked = [...byKey.values()].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
  const levels = ranked.filter((l) => l.count >= options.minLevelSupport).slice(0, options.topLevels);
  const hasMissing = missing >= options.minLevelSupport;
  // Rare levels, and missing values too rare to estimate, pool into "other".
  const hasOther = levels.length < ranked.length || (missing > 0 && !hasMissing);
  const featureCount = levels.length + (hasOther ? 1 : 0) + (hasMissing ? 1 : 0);
  if (featureCount < 2) {
    return { kind: "dropped", column, reason: levels.length === 0 ? `no value occurs ${options.minLevelSupport}+ times` : "one value only" };
  }
  const valueType = valueTypeOf(levels.flatMap((l) => l.values));
  const attribute = attributeKeyFor(column, "categorical", valueType, taken, override);
  return { kind: "categorical", column, attribute, levels, hasOther, hasMissing, valueType, featureCount };
}

/** Detects every column seen in `rows` (sorted by name so feature order is stable). */
export function detectColumns(rows: readonly TCalibrationRow[], options: TFeatureOptions, exclude: readonly string[] = []): TColumn[] {
  const names = new Set<string>();
  for (const row of rows) for (const name of Object.keys(row.attributes)) names.add(name);
  const taken = new Set<string>();
  const columns: TColumn[] = [];
  let next = 0;
  for (const column of [...names].filter((n) => !exclude.includes(n)).sort()) {
    const detected = detectColumn(column, rows.map((r) => r.attributes[column]), options, taken);
    if (detected.kind === "dropped") columns.push(detected as TDroppedColumn);
    else {
      columns.push({ ...detected, firstFeature: next } as TColumn);
      next += (detected as { featureCount: number }).featureCount;
    }
  }
  return columns;
}

export function featureCount(columns: readonly TColumn[]): number {
  return columns.reduce((s, c) => s + (c.kind === "dropped" ? 0 : c.featureCount), 0);
}

/** Index of the bin of `x`: bins are [-∞, e0), [e0, e1), …, [e_last, ∞). */
export function binOf(edges: readonly number[], x: number): number {
  let bin = 0;
  while (bin < edges.length && x >= edges[bin]!) bin++;
  return bin;
}

/** Offset, within its column, of the feature a raw value switches on; -1 for none. */
function featureOffset(column: TCategoricalColumn | TNumericColumn, value: TRawValue, lookup: Map<string, number>): number {
  if (column.kind === "numeric") {
    const n = isEmptyValue(value) ? undefined : toNumber(value);
    if (n === undefined) return column.hasMissing ? column.edges.length + 1 : -1;
    return binOf(column.edges, n);
  }
  const other = column.hasOther ? column.levels.length : -1;
  if (isEmptyValue(value)) return column.hasMissing ? column.levels.length + (column.hasOther ? 1 : 0) : other;
  return lookup.get(levelKey(value as string | number | boolean)) ?? other;
}

export type TEncoder = (attributes: Readonly<Record<string, TRawValue>>) => Int32Array;

/** Compiles the columns into an encoder: a row → the indices of its active features. */
export function featureEncoder(columns: readonly TColumn[]): TEncoder {
  const active = columns.filter((c): c is TCategoricalColumn | TNumericColumn => c.kind !== "dropped");
  const lookups = active.map((c) => new Map(c.kind === "categorical" ? c.levels.map((l, i) => [l.key, i] as const) : []));
  return (attributes) => {
    const out: number[] = [];
    active.forEach((column, i) => {
      const offset = featureOffset(column, attributes[column.column], lookups[i]!);
      if (offset >= 0) out.push(column.firstFeature + offset);
    });
    return Int32Array.from(out);
  };
}

/** A raw export row as the facts a scoring rule reads (numbers parsed, keys mapped). */
export function rowFacts(columns: readonly TColumn[], attributes: Readonly<Record<string, TRawValue>>): TFacts {
  const facts: Record<string, TRawValue> = {};
  for (const column of columns) {
    if (column.kind === "dropped") continue;
    const value = attributes[column.column];
    facts[column.attribute] = column.kind === "numeric" && !isEmptyValue(value) ? (toNumber(value) ?? value) : value;
  }
  return facts;
}

/** Drops the named columns (with their reasons) and renumbers the features of the rest. */
export function dropColumns(columns: readonly TColumn[], reasons: ReadonlyMap<string, string>): TColumn[] {
  let next = 0;
  return columns.map((c) => {
    if (c.kind === "dropped") return c;
    const reason = reasons.get(c.column);
    if (reason !== undefined) return { kind: "dropped", column: c.column, reason };
    const moved = { ...c, firstFeature: next };
    next += c.featureCount;
    return moved;
  });
}
