// Chart data for the backtest page, shaped from backtest rows and reports so the charts
// themselves only draw. Pure: the server computes these once and sends plain numbers.
import type { TConfusion, TDecile } from "./metrics";

export type TRocPoint = { fpr: number; tpr: number; /** Leads scoring at least this are flagged at this point. */ threshold: number | null };

/**
 * The ROC curve of a score: one point per distinct score (flag every lead at or above it),
 * from (0,0) (flag nobody) to (1,1) (flag everybody). Ties move diagonally, as AUC by ranks
 * counts them. Empty when there are not both outcomes.
 */
export function rocCurve(rows: readonly { score: number; outcome: boolean }[]): TRocPoint[] {
  const positives = rows.filter((r) => r.outcome).length;
  const negatives = rows.length - positives;
  if (positives === 0 || negatives === 0) return [];
  const sorted = [...rows].sort((a, b) => b.score - a.score);
  const points: TRocPoint[] = [{ fpr: 0, tpr: 0, threshold: null }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < sorted.length; ) {
    const score = sorted[i]!.score;
    while (i < sorted.length && sorted[i]!.score === score) {
      if (sorted[i]!.outcome) tp++;
      else fp++;
      i++;
    }
    points.push({ fpr: fp / negatives, tpr: tp / positives, threshold: score });
  }
  return points;
}

export type TLiftBar = { decile: string; liftA: number | null; liftB?: number | null; conversionA: number | null; conversionB?: number | null };

/** Lift per decile ("1" = top 10% of scores), one or two versions per bar group. */
export function liftBars(a: readonly TDecile[], b?: readonly TDecile[]): TLiftBar[] {
  return a.map((d, i) => ({
    decile: String(d.decile),
    liftA: d.lift === null ? null : round(d.lift, 2),
    conversionA: d.conversionRate === null ? null : round(d.conversionRate * 100, 1),
    ...(b ? { liftB: b[i]?.lift == null ? null : round(b[i]!.lift!, 2), conversionB: b[i]?.conversionRate == null ? null : round(b[i]!.conversionRate! * 100, 1) } : {}),
  }));
}

export type TConfusionCell = { key: keyof TConfusion; predicted: "MQL" | "Not MQL"; actual: "Converted" | "Not converted"; count: number; share: number | null; meaning: string };

/** The confusion matrix as four labelled cells, row by row (MQL first), with plain meanings. */
export function confusionCells(c: TConfusion): TConfusionCell[] {
  const n = c.tp + c.fp + c.fn + c.tn;
  const share = (x: number) => (n === 0 ? null : x / n);
  return [
    { key: "tp", predicted: "MQL", actual: "Converted", count: c.tp, share: share(c.tp), meaning: "MQLs that converted" },
    { key: "fp", predicted: "MQL", actual: "Not converted", count: c.fp, share: share(c.fp), meaning: "MQLs that did not convert (wasted sales time)" },
    { key: "fn", predicted: "Not MQL", actual: "Converted", count: c.fn, share: share(c.fn), meaning: "Converted leads the model missed" },
    { key: "tn", predicted: "Not MQL", actual: "Not converted", count: c.tn, share: share(c.tn), meaning: "Leads rightly kept from sales" },
  ];
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
