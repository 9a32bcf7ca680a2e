import { ZBacktestInput } from "@/lib/schemas/backtest";
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

