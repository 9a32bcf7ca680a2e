// Turns logistic coefficients into whole-number scoring rules. Within a column only the
// differences between levels matter (a constant moves into the intercept), so each column
// is shifted to a reference level that gets no rule: "other" (rare or unseen values, which
// no rule can name) when the column has one, else its lowest level, so points stay ≥ 0
// where they can. The model has no intercept and the total is clamped at 0, so avoiding
// needless negative totals keeps the bottom of the ranking intact. Then one scale factor
// maps the best possible lead to about `maxTotal` points.
import { describeCondition } from "@/lib/engine/conditions/describe";
import type { TScoringCondition } from "@/lib/schemas/policies/common";
import type { TFitRule, TNegativeRule } from "@/lib/schemas/policies/scoring";
import type { TCategoricalColumn, TColumn, TNumericColumn } from "./features";

export type TFeatureStats = { support: Int32Array; positives: Int32Array };

export type TRuleExplanation = {
  column: string;
  attribute: string;
  /** "retail", "empty", "other (rare or new values)", "from 100 to under 500". */
  level: string;
  coefficient: number;
  /** Coefficient minus the column's reference level: what the points express. */
  relativeCoefficient: number;
  points: number;
  support: number;
  conversionRate: number | null;
  /** The proposed rule carrying these points; null for the reference level or 0 points. */
  ruleId: string | null;
  explanation: string;
};

type TLevelPoints = { offset: number; level: string; condition: TScoringCondition | "reference"; points: number };

const slug = (column: string) =>
  column.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "column";

function binCondition(edges: readonly number[], bin: number, toBin = bin): TScoringCondition {
  const min = bin === 0 ? undefined : edges[bin - 1];
  const max = toBin === edges.length ? undefined : edges[toBin];
  return { op: "range", ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
}

function levelConditions(column: TCategoricalColumn | TNumericColumn, weights: Float64Array): { levels: TLevelPoints[]; reference: number } {
  const w = (offset: number) => weights[column.firstFeature + offset]!;
  const levels: TLevelPoints[] = [];
  let referenceOffset: number | undefined;
  if (column.kind === "categorical") {
    column.levels.forEach((l, i) => levels.push({ offset: i, level: l.values.join(" / "), condition: { op: "in", values: [] }, points: 0 }));
    if (column.hasOther) {
      referenceOffset = column.levels.length;
      levels.push({ offset: referenceOffset, level: "other (rare or new values)", condition: "reference", points: 0 });
    }
    if (column.hasMissing) levels.push({ offset: column.levels.length + (column.hasOther ? 1 : 0), level: "empty", condition: { op: "isEmpty" }, points: 0 });
  } else {
    for (let b = 0; b <= column.edges.length; b++) {
      const condition = binCondition(column.edges, b);
      levels.push({ offset: b, level: describeCondition("", condition).replace(/^ is /, ""), condition, points: 0 });
    }
    if (column.hasMissing) levels.push({ offset: column.edges.length + 1, level: "empty", condition: { op: "isEmpty" }, points: 0 });
  }
  const reference = referenceOffset === undefined ? Math.min(...levels.map((l) => w(l.offset))) : w(referenceOffset);
  return { levels, reference };
}

/**
 * Builds the rules. `scale` maps relative coefficients to points; see `pointScale`.
 * Levels of one column with equal points share a rule ("sector is one of a, b").
 */
export function coefficientsToRules(
  columns: readonly TColumn[],
  weights: Float64Array,
  stats: TFeatureStats,
  scale: number,
): { fit: TFitRule[]; negative: TNegativeRule[]; explanations: TRuleExplanation[] } {
  const fit: TFitRule[] = [];
  const negative: TNegativeRule[] = [];
  const explanations: TRuleExplanation[] = [];
  const usedIds = new Set<string>();
  const add = (column: TCategoricalColumn | TNumericColumn, condition: TScoringCondition, points: number) => {
    const base = slug(column.column);
    let n = 1;
    while (usedIds.has(`${base}-${n}`)) n++;
    const id = `${base}-${n}`;
    usedIds.add(id);
    const label = describeCondition(column.column, condition).slice(0, 200);
    const rule = { id, label, attribute: column.attribute, condition, points };
    if (points > 0) fit.push(rule);
    else negative.push(rule);
    return id;
  };

  for (const column of columns) {
    if (column.kind === "dropped") continue;
    const { levels, reference } = levelConditions(column, weights);
    for (const l of levels) {
      const relative = weights[column.firstFeature + l.offset]! - reference;
      l.points = l.condition === "reference" ? 0 : Math.max(-100, Math.min(100, Math.round(relative * scale)));
    }
    const ruleOf = new Map<number, string>();
    if (column.kind === "categorical") {
      // Equal points → one `in` rule; true/false cannot sit in an `in` list, so they get `equals`.
      const byPoints = new Map<number, number[]>();
      levels.forEach((l) => {
        if (l.points === 0 || l.condition === "reference" || l.condition.op !== "in") return;
        byPoints.set(l.points, [...(byPoints.get(l.points) ?? []), l.offset]);
      });
      for (const [points, offsets] of byPoints) {
        const values = offsets.flatMap((o) => column.levels[o]!.values);
        const listed = values.filter((v): v is string | number => typeof v !== "boolean");
        const ids = [
          ...(listed.length ? [add(column, { op: "in", values: listed }, points)] : []),
          ...values.filter((v) => typeof v === "boolean").map((v) => add(column, { op: "equals", value: v }, points)),
        ];
        for (const o of offsets) ruleOf.set(o, ids.join(", "));
      }
    } else {
      // Adjacent bins with equal points → one wider range.
      for (let b = 0; b <= column.edges.length; ) {
        let end = b;
        while (end + 1 <= column.edges.length && levels[end + 1]!.points === levels[b]!.points) end++;
        if (levels[b]!.points !== 0) {
          const id = add(column, binCondition(column.edges, b, end), levels[b]!.points);
          for (let k = b; k <= end; k++) ruleOf.set(k, id);
        }
        b = end + 1;
      }
    }
    for (const l of levels) {
      if (l.points !== 0 && l.condition !== "reference" && l.condition.op === "isEmpty") ruleOf.set(l.offset, add(column, l.condition, l.points));
      const index = column.firstFeature + l.offset;
      const support = stats.support[index]!;
      const rate = support === 0 ? null : stats.positives[index]! / support;
      const coefficient = weights[index]!;
      const relative = coefficient - reference;
      const ruleId = ruleOf.get(l.offset) ?? null;
      const summary = `${support} leads, ${rate === null ? "n/a" : `${(rate * 100).toFixed(1)}%`} converted`;
      explanations.push({
        column: column.column,
        attribute: column.attribute,
        level: l.level,
        coefficient,
        relativeCoefficient: relative,
        points: l.points,
        support,
        conversionRate: rate,
        ruleId,
        explanation:
          l.condition === "reference"
            ? `${column.column} ${l.level}: reference level, 0 points (${summary})`
            : `${column.column} ${l.level}: ${l.points > 0 ? "+" : ""}${l.points} points (coefficient ${relative >= 0 ? "+" : ""}${relative.toFixed(3)} vs the reference level; ${summary})`,
      });
    }
  }
  return { fit, negative, explanations };
}

/** Points per unit of coefficient, so the best possible lead scores about `maxTotal`. */
export function pointScale(columns: readonly TColumn[], weights: Float64Array, maxTotal: number): number {
  let best = 0;
  for (const column of columns) {
    if (column.kind === "dropped") continue;
    const { levels, reference } = levelConditions(column, weights);
    best += Math.max(0, ...levels.map((l) => weights[column.firstFeature + l.offset]! - reference));
  }
  return best > 0 ? maxTotal / best : 0;
}
