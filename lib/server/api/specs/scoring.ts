import { ZBacktestInput } from "@/lib/schemas/backtest";
import { ZCalibrateInput } from "@/lib/schemas/calibrate";
import { defineApiSpec } from "../spec";
import { writeErrorResponses } from "./common";

export const backtestSpec = defineApiSpec({
  operationId: "backtestScoringModel",
  method: "POST",
  path: "/api/v1/scoring/backtest",
  summary: "Backtest a scoring version (draft or published) against leads with known outcomes: ROC AUC, lift by decile, precision/recall/F1 and MQL rate at the threshold, confusion matrix; optionally side by side with another version. format=csv returns per-lead scores.",
  tags: ["scoring"],
  permission: "policies.edit",
  body: ZBacktestInput,
  idempotent: false,
  responses: {
    200: { description: "The report (JSON), or text/csv with id, external_id, fit, engagement, negative, total, is_mql, outcome" },
    404: { description: "No such scoring version" },
    ...writeErrorResponses,
  },
});


export const calibrateSpec = defineApiSpec({
  operationId: "calibrateScoringModel",
  method: "POST",
  path: "/api/v1/scoring/calibrate",
  summary: "Propose a scoring model from leads with outcomes (stored history, or rows from any export): logistic regression scaled to points, a threshold for a target precision or MQL rate, and held-out ROC AUC — figures on rows the fit never saw",
  tags: ["scoring"],
  permission: "policies.edit",
  body: ZCalibrateInput,
  idempotent: false,
  responses: { 200: { description: "The proposal (a valid scoring policy body), its rules with evidence, and train / held-out figures" }, ...writeErrorResponses },
});
