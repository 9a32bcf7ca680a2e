// Scores one lead with a compiled model. The totals are computed on a lean path (no strings
// built, one small object returned);
// the breakdown and reasons are built on first read (and then kept), because rescoring and
// backtests score millions of leads and read the explanation of only a few. Semantics:
// docs/decisions/0005-scoring-semantics.md.
import type { TFactValue } from "@/lib/engine/conditions/evaluate";
import type { TScoringPolicy } from "@/lib/schemas/policies/scoring";
import {
  MEMO_RETRY,
  MEMO_TRIAL,
  TEXT_CACHE_LIMIT,
  compileScoringModel,
  decayWeight,
  slotPoints,
  type TCompiledFactRule,
  type TCompiledModel,
  type TCompiledSlot,
  type TSlotPoints,
} from "./compile";
import { explainScore } from "./explain";
import type { TActivity, TBreakdownItem, TFacts, TScoreResult, TScoreTotals } from "./types";

function sumRules(rules: readonly TCompiledFactRule[], value: TFactValue): number {
  let sum = 0;
  for (let i = 0; i < rules.length; i++) if (rules[i]!.test(value)) sum += rules[i]!.points;
  return sum;
}

/**
 * One pass over the activities: decayed points per engagement rule into `perRule`, and the
 * counts `activity.<type>` rules read into `counts`.
 */
function readActivities(c: TCompiledModel, activities: readonly TActivity[], nowMs: number, perRule: Float64Array, counts: Float64Array): void {
  for (let i = 0; i < perRule.length; i++) perRule[i] = 0;
  for (let i = 0; i < counts.length; i++) counts[i] = 0;
  for (let i = 0; i < activities.length; i++) {
    const activity = activities[i]!;
    const index = c.activityIndex.get(activity.type);
    if (index === undefined) continue;
    if (index.count >= 0) counts[index.count]! += 1;
    if (index.engagement >= 0) {
      const rule = c.engagement[index.engagement]!;
      perRule[index.engagement]! += rule.points * decayWeight(rule, nowMs - activity.occurredAt.getTime());
    }
  }
}

/**
 * The memoised points of a text value, or undefined when the slot is not memoising. Hit rates
 * are measured per window of MEMO_TRIAL lookups: under half → evaluate directly, and try the
 * memo again after MEMO_RETRY lookups (the mix of leads being scored can change).
 */
function memoised(slot: TCompiledSlot, value: string): TSlotPoints | undefined {
  const memo = slot.memo;
  memo.lookups++;
  if (!memo.enabled) {
    if (memo.lookups >= MEMO_RETRY) Object.assign(memo, { enabled: true, lookups: 0, hits: 0 });
    return undefined;
  }
  let points = slot.textCache.get(value);
  if (points !== undefined) memo.hits++;
  else {
    points = slotPoints(slot.fit, slot.negative, value);
    if (slot.textCache.size >= TEXT_CACHE_LIMIT) slot.textCache.clear();
    slot.textCache.set(value, points);
  }
  if (memo.lookups >= MEMO_TRIAL) {
    if (memo.hits * 2 < memo.lookups) {
      memo.enabled = false;
      slot.textCache.clear();
    }
    memo.lookups = 0;
    memo.hits = 0;
  }
  return points;
}

export function computeTotals(c: TCompiledModel, facts: TFacts, activities: readonly TActivity[], nowMs: number): TScoreTotals {
  const { counts, engagement: perRule } = c.scratch;
  readActivities(c, activities, nowMs, perRule, counts);
  let fit = 0;
  let negative = 0;
  for (let s = 0; s < c.slots.length; s++) {
    const slot = c.slots[s]!;
    let value = facts[slot.key];
    // A count given in the facts wins over counting the activities.
    if (value === undefined && slot.countIndex >= 0) value = counts[slot.countIndex];
    if (typeof value === "number") {
      fit += sumRules(slot.fit, value);
      negative += sumRules(slot.negative, value);
      continue;
    }
    let points: TSlotPoints | undefined;
    if (typeof value === "string") {
      points = slot.memo.enabled ? memoised(slot, value) : undefined;
      if (points === undefined) {
        fit += sumRules(slot.fit, value);
        negative += sumRules(slot.negative, value);
        continue;
      }
    } else points = value === true ? slot.ifTrue : value === false ? slot.ifFalse : slot.ifEmpty;
    fit += points.fit;
    negative += points.negative;
  }
  let rawEngagement = 0;
  for (let i = 0; i < perRule.length; i++) rawEngagement += Math.min(perRule[i]!, c.engagement[i]!.cap);
  // Rounded once per group (not per rule) so decayed fractions are not lost rule by rule.
  const engagement = Math.round(rawEngagement);
  const total = Math.max(0, Math.min(100, fit + engagement + negative));
  const m = c.model;
  const isMql = fit >= m.fitMin && engagement >= m.engagementMin && total >= m.mqlThreshold;
  return { fit, engagement, negative, total, isMql };
}

class ScoreResult implements TScoreResult {
  readonly fit: number;
  readonly engagement: number;
  readonly negative: number;
  readonly total: number;
  readonly isMql: boolean;
  #explained: { breakdown: readonly TBreakdownItem[]; summary: readonly string[]; reasons: readonly string[] } | undefined;
  // Kept as separate fields, not one object: one allocation less per scoring.
  readonly #c: TCompiledModel;
  readonly #facts: TFacts;
  readonly #activities: readonly TActivity[];
  readonly #nowMs: number;

  constructor(totals: TScoreTotals, c: TCompiledModel, facts: TFacts, activities: readonly TActivity[], nowMs: number) {
    this.fit = totals.fit;
    this.engagement = totals.engagement;
    this.negative = totals.negative;
    this.total = totals.total;
    this.isMql = totals.isMql;
    this.#c = c;
    this.#facts = facts;
    this.#activities = activities;
    this.#nowMs = nowMs;
  }

  #explain() {
    this.#explained ??= explainScore(this.#c, this.#facts, this.#activities, this.#nowMs, this);
    return this.#explained;
  }

  get breakdown(): readonly TBreakdownItem[] {
    return this.#explain().breakdown;
  }

  get reasons(): readonly string[] {
    return this.#explain().reasons;
  }

  get summary(): readonly string[] {
    return this.#explain().summary;
  }

  /** Getters do not serialise: the decision log stores the full explanation. */
  toJSON() {
    const { fit, engagement, negative, total, isMql, breakdown, reasons } = this;
    return { fit, engagement, negative, total, isMql, breakdown, reasons };
  }
}

/**
 * Scores a lead at `now`. `facts` are the lead merged with its account, flat
 * ({"employees": 250, "custom.plan": "pro"}); `activities` are its events. The breakdown and
 * reasons read `facts` and `activities` when first accessed: do not mutate them before that.
 */
export function scoreLead(model: TScoringPolicy, facts: TFacts, activities: readonly TActivity[], now: Date): TScoreResult {
  const c = compileScoringModel(model);
  const nowMs = now.getTime();
  return new ScoreResult(computeTotals(c, facts, activities, nowMs), c, facts, activities, nowMs);
}

/** Totals only, for bulk rescoring and backtests. */
export function scoreTotals(model: TScoringPolicy, facts: TFacts, activities: readonly TActivity[], now: Date): TScoreTotals {
  return computeTotals(compileScoringModel(model), facts, activities, now.getTime());
}
