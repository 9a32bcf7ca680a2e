// The scoring engine: score a lead, backtest a model version, calibrate a proposal.
export { compileScoringModel } from "./compile";
export { scoreLead, scoreTotals } from "./score";
export { breakdownReason, withBreakdownReasons } from "./explain";
export type { TActivity, TBreakdownItem, TFacts, TScoreGroup, TScoreResult, TScoreTotals } from "./types";
export { backtest, compareBacktests, scoreHistory } from "./backtest";
export type { TBacktestComparison, TBacktestReport, TBacktestRow, THistoricalLead, TScoredHistoricalLead } from "./backtest";
export { liftByDecile, rocAuc, thresholdFigures } from "./metrics";
export type { TConfusion, TDecile, TThresholdFigures } from "./metrics";
export { csvCell, scoresToCsv, toCsvRows } from "./export-csv";
export type { TScoreCsvRow } from "./export-csv";
export { calibrate } from "./calibrate";
export type { TCalibrateOptions, TCalibrationResult } from "./calibrate";
export { rowFacts } from "./features";
export type { TCalibrationRow, TColumn, TRawValue } from "./features";
export type { TRuleExplanation } from "./points";
export { proposeThreshold } from "./threshold";
export type { TThresholdChoice, TThresholdTarget } from "./threshold";
