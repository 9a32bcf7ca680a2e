// Compiles a parsed scoring model once into flat arrays of closures and slots, so scoring a
// lead is a few array walks with no parsing and no string building. The
// compiled form is cached per policy object: parsed policies are treated as immutable.
import { compileCondition, type TCompiledCondition, type TFactValue } from "@/lib/engine/conditions/evaluate";
import { describeCondition } from "@/lib/engine/conditions/describe";
import type { TFitRule, TNegativeRule, TScoringPolicy } from "@/lib/schemas/policies/scoring";

const DAY_MS = 86_400_000;
const ACTIVITY_PREFIX = "activity.";

export type TCompiledFactRule = {
  readonly id: string;
  readonly label: string;
  readonly attribute: string;
  /** Index into the per-lead value slots (attributes first, then activity counts). */
  readonly slot: number;
  readonly test: TCompiledCondition;
  readonly points: number;
  /** "employees is at least 2000", built once for explanations. */
  readonly description: string;
};

export type TCompiledEngagementRule = {
  readonly id: string;
  readonly label: string;
  readonly activityType: string;
  readonly points: number;
  /** Infinity when the rule has no cap. */
  readonly cap: number;
  /** undefined: no decay. */
  readonly halfLifeDays: number | undefined;
};

/** The rules reading one fact, evaluated together so the fact is read once per lead. */
export type TCompiledSlot = {
  readonly key: string;
  /** Index into the activity counts for `activity.<type>` keys; -1 for plain facts. */
  readonly countIndex: number;
  readonly fit: readonly TCompiledFactRule[];
  readonly negative: readonly TCompiledFactRule[];
  /**
   * Points by text value. Conditions are pure functions of the value and text facts repeat
   * across leads (industries, countries, titles), so each distinct text is evaluated once
   * through the condition evaluator and then looked up. Bounded: cleared when it fills.
   */
  readonly textCache: Map<string, TSlotPoints>;
  /** Free text that rarely repeats (names, raw titles) only churns the memo: see score.ts. */
  memo: { enabled: boolean; lookups: number; hits: number };
  /** Points for true, false and empty (null / undefined behave alike in every condition), worked out once. */
  readonly ifTrue: TSlotPoints;
  readonly ifFalse: TSlotPoints;
  readonly ifEmpty: TSlotPoints;
};

export type TSlotPoints = { readonly fit: number; readonly negative: number };

export function slotPoints(fit: readonly TCompiledFactRule[], negative: readonly TCompiledFactRule[], value: TFactValue): TSlotPoints {
  const sum = (rules: readonly TCompiledFactRule[]) => rules.reduce((s, r) => s + (r.test(value) ? r.points : 0), 0);
  return { fit: sum(fit), negative: sum(negative) };
}

export const TEXT_CACHE_LIMIT = 20_000;
export const MEMO_TRIAL = 4096;
export const MEMO_RETRY = 16 * MEMO_TRIAL;

export type TCompiledModel = {
  readonly model: TScoringPolicy;
  readonly slots: readonly TCompiledSlot[];
  /** Fact keys read from the lead, one slot each, shared by every rule on that key. */
  readonly attributeKeys: readonly string[];
  /** `activity.<type>` keys: counted from the activities unless the facts carry the count. */
  readonly countKeys: readonly string[];

  readonly fit: readonly TCompiledFactRule[];
  readonly negative: readonly TCompiledFactRule[];
  readonly engagement: readonly TCompiledEngagementRule[];
  /** Per activity type: its engagement rule and its count slot (-1 when none), one lookup per activity. */
  readonly activityIndex: ReadonlyMap<string, { readonly engagement: number; readonly count: number }>;
  /**
   * Scratch buffers reused across calls (scoring is synchronous, so no two calls share them
   * at once); they keep the hot path free of allocation.
   */
  readonly scratch: { counts: Float64Array; engagement: Float64Array };
};

const cache = new WeakMap<TScoringPolicy, TCompiledModel>();
// Bulk rescoring calls with one model in a loop: skip even the WeakMap lookup then.
let last: TCompiledModel | undefined;

function activityIndexOf(engagement: readonly TCompiledEngagementRule[], countKeys: readonly string[]) {
  const index = new Map<string, { engagement: number; count: number }>();
  const entry = (type: string) => index.get(type) ?? index.set(type, { engagement: -1, count: -1 }).get(type)!;
  engagement.forEach((rule, i) => (entry(rule.activityType).engagement = i));
  countKeys.forEach((key, i) => (entry(key.slice(ACTIVITY_PREFIX.length)).count = i));
  return index;
}

export function compileScoringModel(model: TScoringPolicy): TCompiledModel {
  if (last?.model === model) return last;
  const cached = cache.get(model);
  if (cached) return (last = cached);

  const attributeKeys: string[] = [];
  const countKeys: string[] = [];
  const slotOf = new Map<string, number>();
  // Attribute slots come first, count slots after them: collect keys before numbering.
  for (const rule of [...model.fit, ...model.negative]) {
    const list = rule.attribute.startsWith(ACTIVITY_PREFIX) ? countKeys : attributeKeys;
    if (!list.includes(rule.attribute)) list.push(rule.attribute);
  }
  attributeKeys.forEach((key, i) => slotOf.set(key, i));
  countKeys.forEach((key, i) => slotOf.set(key, attributeKeys.length + i));

  const factRule = (rule: TFitRule | TNegativeRule): TCompiledFactRule => ({
    id: rule.id,
    label: rule.label,
    attribute: rule.attribute,
    slot: slotOf.get(rule.attribute)!,
    test: compileCondition(rule.condition),
    points: rule.points,
    description: describeCondition(rule.attribute, rule.condition),
  });

  const engagement = model.engagement.map(
    (rule): TCompiledEngagementRule => ({
      id: rule.id,
      label: rule.label,
      activityType: rule.activityType,
      points: rule.points,
      cap: rule.cap ?? Number.POSITIVE_INFINITY,
      halfLifeDays: rule.halfLifeDays,
    }),
  );

  const fit = model.fit.map(factRule);
  const negative = model.negative.map(factRule);
  const slots = [...attributeKeys, ...countKeys].map((key): TCompiledSlot => {
    const slotFit = fit.filter((r) => r.attribute === key);
    const slotNegative = negative.filter((r) => r.attribute === key);
    return {
      key,
      countIndex: countKeys.indexOf(key),
      fit: slotFit,
      negative: slotNegative,
      textCache: new Map(),
      memo: { enabled: true, lookups: 0, hits: 0 },
      ifTrue: slotPoints(slotFit, slotNegative, true),
      ifFalse: slotPoints(slotFit, slotNegative, false),
      ifEmpty: slotPoints(slotFit, slotNegative, undefined),
    };
  });
  const compiled: TCompiledModel = {
    model,
    slots,
    attributeKeys,
    countKeys,
    fit,
    negative,
    engagement,
    activityIndex: activityIndexOf(engagement, countKeys),
    scratch: {
      counts: new Float64Array(countKeys.length),
      engagement: new Float64Array(engagement.length),
    },
  };
  cache.set(model, compiled);
  return (last = compiled);
}

/**
 * Weight of an activity `ageMs` old: 1 when fresh, halving every half-life. An activity
 * stamped after `now` (clock skew between sources) counts as fresh rather than vanishing.
 * exp() is several times faster than a fractional power; whole half-lives take the exact
 * power of ½ instead, so a 3-point activity one half-life old is exactly 1.5 and rounds the
 * same way every time (and as the seed's scorer does).
 */
export function decayWeight(rule: TCompiledEngagementRule, ageMs: number): number {
  if (rule.halfLifeDays === undefined || ageMs <= 0) return 1;
  const halfLives = ageMs / DAY_MS / rule.halfLifeDays;
  return Number.isInteger(halfLives) ? 0.5 ** halfLives : Math.exp(-halfLives * Math.LN2);
}
