// Calibration: from historical leads with an outcome, propose a point model RevOps can
// review, edit and save as a draft. Steps: split train / held-out by a seeded hash; detect
// and encode columns on the training rows; fit L2 logistic regression; turn coefficients
// into whole-point rules; pick a threshold on the training scores; report every figure on
// the held-out rows, which neither the model nor the threshold has seen.
import { ZScoringPolicy, type TScoringPolicy } from "@/lib/schemas/policies/scoring";
import { backtest, type TBacktestReport } from "./backtest";
import { detectColumns, dropColumns, featureCount, featureEncoder, rowFacts, type TCalibrationRow, type TColumn } from "./features";
import { fitLogistic, linearScore } from "./logistic";
import { rocAuc, thresholdFigures, type TThresholdFigures } from "./metrics";
import { coefficientsToRules, pointScale, type TRuleExplanation } from "./points";
import { scoreTotals } from "./score";
import { gTest } from "./significance";
import { isHeldOut } from "./split";
import { proposeThreshold, type TThresholdTarget } from "./threshold";

export type TCalibrateOptions = {
  target: TThresholdTarget;
  /** Share of rows kept out of fitting to report honest figures (default 0.2). */
  heldOutShare?: number;
  seed?: number;
  /** Categorical levels kept per column, most frequent first (default 20). */
  topLevels?: number;
  /** Rows a level needs to get its own points (default max(10, 1% of training rows)). */
  minLevelSupport?: number;
  /** Quantile bins per numeric column (default 5). */
  numericBins?: number;
  /** L2 penalty (default 1). */
  l2?: number;
  /**
   * A column whose levels are unrelated to the outcome at this significance (G test on the
   * training rows) is left out (default 0.01; 1 keeps every column).
   */
  maxPValue?: number;
  /** Columns to leave out (ids, the outcome itself, anything recorded after the outcome). */
  exclude?: readonly string[];
  /** Column → attribute key, when the export's names differ from Arbiter's. */
  attributeKeys?: Readonly<Record<string, string>>;
  /** The best possible lead scores about this many points (default 100). */
  maxTotal?: number;
  reviewBy?: string;
};

type TSplitFigures = { rows: number; positives: number; logisticAuc: number | null; pointAuc: number | null };

export type TCalibrationResult = {
  proposal: TScoringPolicy;
  columns: TColumn[];
  rules: TRuleExplanation[];
  threshold: { value: number; target: TThresholdTarget; reachable: boolean; train: TThresholdFigures; heldOut: TThresholdFigures };
  train: TSplitFigures;
  heldOut: TSplitFigures & { report: TBacktestReport };
  model: { intercept: number; features: number; iterations: number; converged: boolean; l2: number };
  reasons: string[];
};

const EPOCH = new Date(0);

function featureStats(encoded: readonly Int32Array[], outcomes: readonly boolean[], dims: number) {
  const support = new Int32Array(dims);
  const positives = new Int32Array(dims);
  encoded.forEach((active, i) => {
    for (const j of active) {
      support[j]!++;
      if (outcomes[i]) positives[j]!++;
    }
  });
  return { support, positives };
}

/** Leaves out columns with no detectable link to the outcome (see significance.ts). */
function screenColumns(columns: TColumn[], train: readonly TCalibrationRow[], y: readonly boolean[], maxPValue: number): TColumn[] {
  if (maxPValue >= 1) return columns;
  const encode = featureEncoder(columns);
  const stats = featureStats(train.map((r) => encode(r.attributes)), y, featureCount(columns));
  const reasons = new Map<string, string>();
  for (const c of columns) {
    if (c.kind === "dropped") continue;
    const range = (a: Int32Array) => Array.from(a.subarray(c.firstFeature, c.firstFeature + c.featureCount));
    const test = gTest(range(stats.support), range(stats.positives));
    if (test.pValue > maxPValue) reasons.set(c.column, `no significant link to the outcome (G test p = ${test.pValue.toPrecision(2)})`);
  }
  return dropColumns(columns, reasons);
}

export function calibrate(rows: readonly TCalibrationRow[], options: TCalibrateOptions): TCalibrationResult {
  const heldOutShare = options.heldOutShare ?? 0.2;
  const seed = options.seed ?? 1;
  const l2 = options.l2 ?? 1;
  const train: TCalibrationRow[] = [];
  const held: TCalibrationRow[] = [];
  rows.forEach((row, i) => (isHeldOut(seed, row.id ?? `#${i}`, heldOutShare) ? held : train).push(row));
  if (train.length === 0) throw new Error("Calibration needs historical leads to learn from");

  const detected = detectColumns(train, {
    topLevels: options.topLevels ?? 20,
    minLevelSupport: options.minLevelSupport ?? Math.max(10, Math.ceil(train.length * 0.01)),
    numericBins: options.numericBins ?? 5,
    ...(options.attributeKeys ? { attributeKeys: options.attributeKeys } : {}),
  }, options.exclude);
  const trainY = train.map((r) => r.outcome);
  const columns = screenColumns(detected, train, trainY, options.maxPValue ?? 0.01);
  const dims = featureCount(columns);
  const encode = featureEncoder(columns);
  const trainX = train.map((r) => encode(r.attributes));
  const fit = fitLogistic(trainX, trainY, dims, { l2 });

  const scale = pointScale(columns, fit.weights, options.maxTotal ?? 100);
  const { fit: fitRules, negative, explanations } = coefficientsToRules(columns, fit.weights, featureStats(trainX, trainY, dims), scale);
  const draft: TScoringPolicy = {
    fit: fitRules,
    engagement: [],
    negative,
    fitMin: 0,
    engagementMin: 0,
    mqlThreshold: 0,
    ...(options.reviewBy ? { reviewBy: options.reviewBy } : {}),
  };
  const points = (set: readonly TCalibrationRow[]) => set.map((r) => scoreTotals(draft, rowFacts(columns, r.attributes), [], EPOCH).total);
  const trainPoints = points(train);
  const minFlagged = Math.max(10, Math.ceil(train.length * 0.01));
  const choice = proposeThreshold(trainPoints, trainY, options.target, minFlagged);
  // Parsing proves the proposal is a valid draft (ids, labels, attribute keys, point bounds).
  const proposal = ZScoringPolicy.parse({ ...draft, mqlThreshold: choice.threshold });

  const heldY = held.map((r) => r.outcome);
  const heldPoints = points(held);
  const heldLogistic = held.map((r) => linearScore(fit.intercept, fit.weights, encode(r.attributes)));
  const trainLogistic = trainX.map((x) => linearScore(fit.intercept, fit.weights, x));
  const heldFigures = thresholdFigures(heldPoints.map((s) => s >= choice.threshold), heldY);
  const report = backtest(
    held.map((r, i) => ({ id: r.id ?? `held-${i}`, score: heldPoints[i]!, isMql: heldPoints[i]! >= choice.threshold, outcome: r.outcome })),
  );
  const figures = (n: number, y: boolean[], logistic: number[], pts: number[]): TSplitFigures => ({
    rows: n,
    positives: y.filter(Boolean).length,
    logisticAuc: rocAuc(logistic, y),
    pointAuc: rocAuc(pts, y),
  });
  const heldOut = { ...figures(held.length, heldY, heldLogistic, heldPoints), report };
  const dropped = columns.filter((c) => c.kind === "dropped");
  const auc = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));
  const reasons = [
    `Learned from ${train.length} leads; figures below are on ${held.length} held-out leads the model never saw`,
    `Held-out ROC AUC: logistic model ${auc(heldOut.logisticAuc)}, point model ${auc(heldOut.pointAuc)}`,
    `${choice.reason}: MQL from ${choice.threshold} points (held-out precision ${heldFigures.precision === null ? "n/a" : (heldFigures.precision * 100).toFixed(1) + "%"}, MQL rate ${heldFigures.mqlRate === null ? "n/a" : (heldFigures.mqlRate * 100).toFixed(1) + "%"})`,
    `${proposal.fit.length} fit rules and ${proposal.negative.length} negative rules from ${columns.length - dropped.length} columns`,
    ...dropped.map((c) => `Column ${c.column} left out: ${c.reason}`),
  ];
  if (dims === 0) reasons.push("No column is related to the outcome: the history gives nothing to score on, so the proposal has no rules");
  if (!fit.converged) reasons.push(`The regression stopped after ${fit.iterations} steps without fully converging`);
  if (held.length === 0) reasons.push("No held-out rows: the figures cannot be checked on unseen leads");
  return {
    proposal,
    columns,
    rules: explanations,
    threshold: { value: choice.threshold, target: options.target, reachable: choice.reachable, train: choice.figures, heldOut: heldFigures },
    train: figures(train.length, trainY, trainLogistic, trainPoints),
    heldOut,
    model: { intercept: fit.intercept, features: dims, iterations: fit.iterations, converged: fit.converged, l2 },
    reasons,
  };
}
