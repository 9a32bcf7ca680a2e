// Classification figures for backtests and calibration. Undefined figures (precision with
// no MQLs, AUC with one class) are null rather than NaN so reports serialise and compare.

export type TConfusion = { tp: number; fp: number; fn: number; tn: number };

export type TThresholdFigures = {
  confusion: TConfusion;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  /** Share of all leads flagged as MQL. */
  mqlRate: number | null;
  accuracy: number | null;
};

export type TDecile = {
  /** 1 = the highest scores. */
  decile: number;
  count: number;
  positives: number;
  minScore: number | null;
  maxScore: number | null;
  conversionRate: number | null;
  /** conversionRate / overall base rate. */
  lift: number | null;
  /** Share of all positives found in this and the higher deciles. */
  cumulativeCapture: number | null;
  /** Leads with the same score sit on both sides of this decile's lower edge. */
  splitsTie: boolean;
};

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

/**
 * ROC AUC by ranks (Mann–Whitney): the chance a random positive outscores a random negative,
 * a tie counting one half (tied scores share their average rank). Null with one class only.
 */
export function rocAuc(scores: ArrayLike<number>, outcomes: ArrayLike<boolean>): number | null {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let start = 0; start < n; ) {
    let end = start;
    while (end + 1 < n && scores[order[end + 1]!] === scores[order[start]!]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (outcomes[order[k]!]) {
        positives++;
        rankSum += averageRank;
      }
    }
    start = end + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function thresholdFigures(predicted: ArrayLike<boolean>, outcomes: ArrayLike<boolean>): TThresholdFigures {
  const confusion: TConfusion = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (let i = 0; i < predicted.length; i++) {
    if (predicted[i]) {
      if (outcomes[i]) confusion.tp++;
      else confusion.fp++;
    } else if (outcomes[i]) confusion.fn++;
    else confusion.tn++;
  }
  const { tp, fp, fn, tn } = confusion;
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const n = tp + fp + fn + tn;
  return { confusion, precision, recall, f1, mqlRate: ratio(tp + fp, n), accuracy: ratio(tp + tn, n) };
}

/**
 * Ten bins of (near) equal size by score, highest first. Equal ties are ordered by id so the
 * bins are the same on every run; a tie cut by a bin edge is flagged (`splitsTie`) rather
 * than moved, because moving it would make bins unequal and lifts incomparable.
 */
export function liftByDecile(rows: readonly { id: string; score: number; outcome: boolean }[]): TDecile[] {
  const sorted = [...rows].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = sorted.length;
  const totalPositives = sorted.reduce((s, r) => s + (r.outcome ? 1 : 0), 0);
  const baseRate = ratio(totalPositives, n);
  const deciles: TDecile[] = [];
  let cumulative = 0;
  for (let d = 0; d < 10; d++) {
    const from = Math.floor((d * n) / 10);
    const to = Math.floor(((d + 1) * n) / 10);
    const bin = sorted.slice(from, to);
    const positives = bin.reduce((s, r) => s + (r.outcome ? 1 : 0), 0);
    cumulative += positives;
    const rate = ratio(positives, bin.length);
    const next = sorted[to];
    deciles.push({
      decile: d + 1,
      count: bin.length,
      positives,
      minScore: bin.length ? bin[bin.length - 1]!.score : null,
      maxScore: bin.length ? bin[0]!.score : null,
      conversionRate: rate,
      lift: rate === null || !baseRate ? null : rate / baseRate,
      cumulativeCapture: ratio(cumulative, totalPositives),
      splitsTie: bin.length > 0 && next !== undefined && next.score === bin[bin.length - 1]!.score,
    });
  }
  return deciles;
}
