import type { TScoringCondition, TScoringPolicy } from "@/lib/schemas/policies";

// Scores seeded leads with the published default model, so stored scores, stages and the
// model agree on day one (the scoring engine rescoring them should change nothing but decay).
// Follows the condition semantics documented in lib/schemas/policies/common.ts.

export type TAttributeValue = string | number | boolean | null | undefined;
export type TSeedActivity = { type: string; occurredAt: Date };
export type TScore = { fit: number; engagement: number; negative: number; total: number; isMql: boolean };

const DAY = 86_400_000;
const text = (v: TAttributeValue) => (v === null || v === undefined ? "" : String(v).trim().toLowerCase());

/** Compiles a condition once (values lower-cased up front): the seed scores every lead twice. */
export function compileCondition(condition: TScoringCondition): (value: TAttributeValue) => boolean {
  const isEmpty = (v: TAttributeValue) => v === null || v === undefined || text(v) === "";
  switch (condition.op) {
    case "any":
      return () => true;
    case "isEmpty": {
      const expected = condition.value ?? true;
      return (v) => isEmpty(v) === expected;
    }
    case "equals": {
      const want = text(condition.value);
      return (v) => !isEmpty(v) && text(v) === want;
    }
    case "in": {
      const set = new Set(condition.values.map(text));
      return (v) => !isEmpty(v) && set.has(text(v));
    }
    case "range": {
      const { min, max } = condition;
      return (v) => typeof v === "number" && (min === undefined || v >= min) && (max === undefined || v < max);
    }
    case "prefix":
    case "suffix":
    case "contains": {
      const values = condition.values.map(text);
      const op = condition.op;
      return (v) => {
        if (isEmpty(v)) return false;
        const t = text(v);
        return values.some((x) => (op === "prefix" ? t.startsWith(x) : op === "suffix" ? t.endsWith(x) : t.includes(x)));
      };
    }
  }
}

type TCompiled = { attribute: string; test: (v: TAttributeValue) => boolean; points: number }[];
const compiled = new WeakMap<TScoringPolicy, { fit: TCompiled; negative: TCompiled }>();

function compile(model: TScoringPolicy) {
  let c = compiled.get(model);
  if (!c) {
    const rules = (list: TScoringPolicy["fit"]) => list.map((r) => ({ attribute: r.attribute, test: compileCondition(r.condition), points: r.points }));
    c = { fit: rules(model.fit), negative: rules(model.negative) };
    compiled.set(model, c);
  }
  return c;
}

export function scoreLead(
  model: TScoringPolicy,
  attributes: Record<string, TAttributeValue>,
  activities: readonly TSeedActivity[],
  now: Date,
): TScore {
  const counts = new Map<string, number>();
  for (const a of activities) counts.set(a.type, (counts.get(a.type) ?? 0) + 1);
  const read = (key: string): TAttributeValue => (key.startsWith("activity.") ? (counts.get(key.slice(9)) ?? 0) : attributes[key]);

  const rules = compile(model);
  const fit = rules.fit.reduce((s, r) => s + (r.test(read(r.attribute)) ? r.points : 0), 0);
  const negative = rules.negative.reduce((s, r) => s + (r.test(read(r.attribute)) ? r.points : 0), 0);
  let engagement = 0;
  for (const rule of model.engagement) {
    let points = 0;
    for (const a of activities) {
      if (a.type !== rule.activityType) continue;
      const ageDays = Math.max(0, (now.getTime() - a.occurredAt.getTime()) / DAY);
      points += rule.points * (rule.halfLifeDays ? 0.5 ** (ageDays / rule.halfLifeDays) : 1);
    }
    engagement += Math.min(points, rule.cap ?? Number.POSITIVE_INFINITY);
  }
  engagement = Math.round(engagement);
  const total = Math.max(0, Math.min(100, fit + engagement + negative));
  return { fit, engagement, negative, total, isMql: fit >= model.fitMin && engagement >= model.engagementMin && total >= model.mqlThreshold };
}
