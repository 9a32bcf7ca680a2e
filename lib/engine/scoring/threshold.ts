// Picks an MQL threshold on the 0–100 point scale for a target precision or MQL rate.
import { thresholdFigures, type TThresholdFigures } from "./metrics";

export type TThresholdTarget = { precision: number } | { mqlRate: number };

export type TThresholdChoice = { threshold: number; reachable: boolean; figures: TThresholdFigures; reason: string };

const pct = (x: number | null) => (x === null ? "n/a" : `${(x * 100).toFixed(1)}%`);

/**
 * - precision target: the lowest threshold whose MQLs convert at least that often (most
 *   recall for the precision asked), among thresholds flagging at least `minFlagged` leads
 *   (a threshold flagging three lucky leads proves nothing); if none reaches it, the most
 *   precise such threshold, said so;
 * - MQL-rate target: the threshold whose MQL rate is nearest; between two equally near,
 *   the higher one (fewer MQLs, the cheaper mistake for sales capacity).
 * Scores are whole points, so every threshold 0..100 is tried.
 */
export function proposeThreshold(scores: ArrayLike<number>, outcomes: ArrayLike<boolean>, target: TThresholdTarget, minFlagged = 1): TThresholdChoice {
  const n = scores.length;
  const atOrAbove = new Float64Array(102);
  const positivesAtOrAbove = new Float64Array(102);
  for (let i = 0; i < n; i++) {
    const s = Math.max(0, Math.min(100, Math.round(scores[i]!)));
    atOrAbove[s]!++;
    if (outcomes[i]) positivesAtOrAbove[s]!++;
  }
  for (let t = 99; t >= 0; t--) {
    atOrAbove[t]! += atOrAbove[t + 1]!;
    positivesAtOrAbove[t]! += positivesAtOrAbove[t + 1]!;
  }
  const flagged = (t: number) => atOrAbove[t]!;
  const precision = (t: number) => (flagged(t) === 0 ? -1 : positivesAtOrAbove[t]! / flagged(t));

  let threshold = 0;
  let reachable = true;
  let reason: string;
  if ("precision" in target) {
    const enough = (t: number) => flagged(t) >= Math.max(1, Math.min(minFlagged, n));
    let hit = -1;
    for (let t = 0; t <= 100 && hit < 0; t++) if (enough(t) && precision(t) >= target.precision) hit = t;
    if (hit >= 0) {
      threshold = hit;
      reason = `Lowest threshold whose MQLs convert at ${pct(target.precision)} or better`;
    } else {
      reachable = false;
      for (let t = 0; t <= 100; t++) if (enough(t) && precision(t) > precision(threshold)) threshold = t;
      reason = `No threshold reaches ${pct(target.precision)} precision; the most precise one converts at ${pct(Math.max(0, precision(threshold)))}`;
    }
  } else {
    let best = Number.POSITIVE_INFINITY;
    for (let t = 0; t <= 100; t++) {
      const gap = Math.abs(flagged(t) / Math.max(1, n) - target.mqlRate);
      // Equal gaps: a higher threshold that flags other leads wins; one flagging the same
      // leads does not (the snap below settles where in that run the threshold sits).
      if (gap < best || (gap === best && flagged(t) !== flagged(threshold))) {
        best = gap;
        threshold = t;
      }
    }
    reason = `Threshold whose MQL rate is nearest the ${pct(target.mqlRate)} asked for`;
  }
  // Within a run of thresholds that flag the same leads, use the score of the weakest lead
  // flagged: "MQL from 62" rather than an arbitrary point in an empty gap below it.
  while (threshold < 100 && flagged(threshold) > 0 && flagged(threshold) === flagged(threshold + 1)) threshold++;
  const predicted = Array.from({ length: n }, (_, i) => scores[i]! >= threshold);
  return { threshold, reachable, figures: thresholdFigures(predicted, outcomes), reason };
}
