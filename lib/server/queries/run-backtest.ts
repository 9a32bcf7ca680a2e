import "server-only";
import { backtest, compareBacktests, scoreHistory, scoresToCsv } from "@/lib/engine/scoring";
import { parsePolicyBody } from "@/lib/schemas/policies";
import type { TBacktestInput } from "@/lib/schemas/backtest";
import { db } from "../db";
import { notFound, validationError } from "../errors";
import { loadHistoricalLeads } from "./historical-leads";

async function scoringVersion(id: string) {
  const row = await db().policyVersion.findFirst({ where: { id, kind: "SCORING" }, select: { id: true, version: true, status: true, body: true } });
  if (!row) throw notFound(`Scoring version ${id}`);
  const parsed = parsePolicyBody("SCORING", row.body);
  if (!parsed.success) throw validationError(`Scoring version ${row.version} does not parse; fix the draft first.`);
  return { ...row, model: parsed.data };
}

/** Scores every historical lead with one (or two) model versions and reports how well it ranks them. Reads only. */
export async function runBacktest(input: TBacktestInput, now = new Date()) {
  const [a, b, history] = await Promise.all([
    scoringVersion(input.versionId),
    input.compareVersionId ? scoringVersion(input.compareVersionId) : Promise.resolve(null),
    loadHistoricalLeads(input),
  ]);
  if (history.length === 0) throw validationError("No historical leads with a known outcome match these filters; import history with an outcome column first.");
  const scoredA = scoreHistory(a.model, history, now);
  const reportA = backtest(scoredA);
  const scoredB = b ? scoreHistory(b.model, history, now) : null;
  const reportB = scoredB ? backtest(scoredB) : null;
  return {
    version: { id: a.id, version: a.version, status: a.status },
    report: reportA,
    ...(b && reportB ? { compareVersion: { id: b.id, version: b.version, status: b.status }, comparison: compareBacktests(reportA, reportB) } : {}),
    /** Per-lead scores, for charts drawn from them (the ROC curve). */
    scored: () => ({ a: scoredA, b: scoredB }),
    csv: () => scoresToCsv(scoredA.map(({ score, ...rest }) => ({ ...rest, total: score }))),
  };
}
