// Backtest: how a model version's scores and MQL flags would have done on historical leads
// with a known outcome, and two versions side by side.
import type { TScoringPolicy } from "@/lib/schemas/policies/scoring";
import { liftByDecile, rocAuc, thresholdFigures, type TDecile, type TThresholdFigures } from "./metrics";
import { scoreTotals } from "./score";
import type { TActivity, TFacts } from "./types";

export type TBacktestRow = { id: string; externalId?: string; score: number; isMql: boolean; outcome: boolean };

export type TBacktestReport = {
  rows: number;
  positives: number;
  baseRate: number | null;
  auc: number | null;
  deciles: TDecile[];
  /** Figures for the MQL flag (fit and engagement minimums and the threshold together). */
  atThreshold: TThresholdFigures;
  reasons: string[];
};

const pct = (x: number | null) => (x === null ? "n/a" : `${(x * 100).toFixed(1)}%`);
const fixed = (x: number | null, digits = 3) => (x === null ? "n/a" : x.toFixed(digits));

export function backtest(rows: readonly TBacktestRow[]): TBacktestReport {
  const outcomes = rows.map((r) => r.outcome);
  const positives = outcomes.filter(Boolean).length;
  const baseRate = rows.length === 0 ? null : positives / rows.length;
  const auc = rocAuc(rows.map((r) => r.score), outcomes);
  const atThreshold = thresholdFigures(rows.map((r) => r.isMql), outcomes);
  const deciles = liftByDecile(rows);
  const top = deciles[0];
  const reasons = [
    `${rows.length} leads, ${positives} converted (base rate ${pct(baseRate)})`,
    auc === null ? "ROC AUC undefined: the history needs both converted and unconverted leads" : `ROC AUC ${fixed(auc)}`,
    `MQL rate ${pct(atThreshold.mqlRate)}; precision ${pct(atThreshold.precision)}, recall ${pct(atThreshold.recall)}, F1 ${fixed(atThreshold.f1)}`,
  ];
  if (top?.lift != null) reasons.push(`Top decile converts at ${pct(top.conversionRate)}, ${top.lift.toFixed(2)}× the base rate`);
  if (deciles.some((d) => d.splitsTie)) reasons.push("Some decile edges cut through leads with equal scores; those ties are split by lead id");
  return { rows: rows.length, positives, baseRate, auc, deciles, atThreshold, reasons };
}

export type THistoricalLead = {
  id: string;
  externalId?: string;
  facts: TFacts;
  activities: readonly TActivity[];
  outcome: boolean;
  /** When the lead would have been scored (e.g. its MQL decision); defaults to `now`. */
  asOf?: Date;
};

export type TScoredHistoricalLead = TBacktestRow & { fit: number; engagement: number; negative: number };

/** Scores history with a model version. Activities after a lead's as-of time are left out: they would leak the outcome. */
export function scoreHistory(model: TScoringPolicy, leads: readonly THistoricalLead[], now: Date): TScoredHistoricalLead[] {
  return leads.map((lead) => {
    const at = lead.asOf ?? now;
    const activities = lead.activities.filter((a) => a.occurredAt.getTime() <= at.getTime());
    const t = scoreTotals(model, lead.facts, activities, at);
    return {
      id: lead.id,
      ...(lead.externalId === undefined ? {} : { externalId: lead.externalId }),
      score: t.total,
      isMql: t.isMql,
      outcome: lead.outcome,
      fit: t.fit,
      engagement: t.engagement,
      negative: t.negative,
    };
  });
}

type TDelta = { a: number | null; b: number | null; delta: number | null };
const delta = (a: number | null, b: number | null): TDelta => ({ a, b, delta: a === null || b === null ? null : b - a });

export type TBacktestComparison = {
  a: TBacktestReport;
  b: TBacktestReport;
  auc: TDelta;
  precision: TDelta;
  recall: TDelta;
  f1: TDelta;
  mqlRate: TDelta;
  deciles: { decile: number; liftA: number | null; liftB: number | null; delta: number | null }[];
  reasons: string[];
};

/** Version a vs version b (b − a deltas), normally two versions scored on the same history. */
export function compareBacktests(a: TBacktestReport, b: TBacktestReport): TBacktestComparison {
  const figures = {
    auc: delta(a.auc, b.auc),
    precision: delta(a.atThreshold.precision, b.atThreshold.precision),
    recall: delta(a.atThreshold.recall, b.atThreshold.recall),
    f1: delta(a.atThreshold.f1, b.atThreshold.f1),
    mqlRate: delta(a.atThreshold.mqlRate, b.atThreshold.mqlRate),
  };
  const sign = (d: number | null, digits: number, scale = 1) => (d === null ? "n/a" : `${d >= 0 ? "+" : ""}${(d * scale).toFixed(digits)}`);
  const reasons = [
    `ROC AUC ${fixed(a.auc)} → ${fixed(b.auc)} (${sign(figures.auc.delta, 3)})`,
    `Precision ${pct(a.atThreshold.precision)} → ${pct(b.atThreshold.precision)} (${sign(figures.precision.delta, 1, 100)} points)`,
    `Recall ${pct(a.atThreshold.recall)} → ${pct(b.atThreshold.recall)} (${sign(figures.recall.delta, 1, 100)} points)`,
    `MQL rate ${pct(a.atThreshold.mqlRate)} → ${pct(b.atThreshold.mqlRate)} (${sign(figures.mqlRate.delta, 1, 100)} points)`,
  ];
  if (a.rows !== b.rows || a.positives !== b.positives) {
    reasons.push(`The two backtests ran on different histories (${a.rows} vs ${b.rows} leads): compare with care`);
  }
  const deciles = a.deciles.map((d, i) => {
    const liftB = b.deciles[i]?.lift ?? null;
    return { decile: d.decile, liftA: d.lift, liftB, delta: d.lift === null || liftB === null ? null : liftB - d.lift };
  });
  return { a, b, ...figures, deciles, reasons };
}
