import "server-only";
import { calibrate, type TCalibrationRow } from "@/lib/engine/scoring";
import type { TCalibrateInput } from "@/lib/schemas/calibrate";
import { validationError } from "../errors";
import { loadHistoricalLeads } from "./historical-leads";

// Facts that are outcomes or identities, not signals: calibrating on them would leak or overfit.
const NEVER_FEATURES = ["email", "domain", "company", "lifecycleStage", "score", "fitScore", "engagementScore", "hasAccount"];

/** Proposes a point model from history or from an uploaded export; RevOps reviews it before saving a draft. */
export async function runCalibration(input: TCalibrateInput) {
  let rows: TCalibrationRow[];
  if (input.rows) rows = input.rows;
  else {
    const history = await loadHistoricalLeads({ source: input.source });
    rows = history.map((h) => ({ id: h.id, attributes: h.facts, outcome: h.outcome }));
  }
  const positives = rows.filter((r) => r.outcome).length;
  if (rows.length < 50 || positives === 0 || positives === rows.length) {
    throw validationError(`Calibration needs at least 50 rows with both outcomes; found ${rows.length} rows, ${positives} converted.`);
  }
  const result = calibrate(rows, { target: input.target, exclude: [...NEVER_FEATURES, ...(input.exclude ?? [])], attributeKeys: input.attributeKeys });
  const { columns: _columns, ...rest } = result;
  return rest;
}
