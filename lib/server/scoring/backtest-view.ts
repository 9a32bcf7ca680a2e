import "server-only";
import { confusionCells, liftBars, rocCurve } from "@/lib/engine/scoring/chart";
import { ZBacktestInput, type TBacktestInput } from "@/lib/schemas/backtest";
import { db } from "../db";
import { DomainError } from "../errors";
import { runBacktest } from "../queries/run-backtest";

const OUTCOMES = ["CONVERTED", "WON", "LOST"];

/** What the backtest page's filters offer: every scoring version, and the sources and import batches of leads with an outcome. */
export async function backtestChoices() {
  const [versions, sources, batches] = await Promise.all([
    db().policyVersion.findMany({ where: { kind: "SCORING" }, orderBy: { version: "desc" }, select: { id: true, version: true, name: true, status: true } }),
    db().lead.groupBy({ by: ["source"], where: { outcome: { in: OUTCOMES }, source: { not: null } }, _count: true, orderBy: { source: "asc" } }),
    db().lead.groupBy({ by: ["importBatchId"], where: { outcome: { in: OUTCOMES }, importBatchId: { not: null } }, _count: true }),
  ]);
  const runs = await db().jobRun.findMany({ where: { id: { in: batches.map((b) => b.importBatchId!) } }, select: { id: true, createdAt: true, kind: true } });
  const runById = new Map(runs.map((r) => [r.id, r]));
  return {
    versions,
    sources: sources.map((s) => ({ value: s.source!, label: `${s.source} (${s._count})` })),
    batches: batches
      .map((b) => ({ id: b.importBatchId!, count: b._count, at: runById.get(b.importBatchId!)?.createdAt ?? null }))
      .sort((a, b) => (b.at?.getTime() ?? 0) - (a.at?.getTime() ?? 0))
      .map((b) => ({ value: b.id, label: `Import of ${b.at ? b.at.toISOString().slice(0, 10) : b.id.slice(0, 8)} (${b.count} leads)` })),
  };
}

/** Reads the backtest filters from a page's query string; blank fields mean "no filter". */
export function backtestParams(query: Record<string, string | string[] | undefined>) {
  const raw = Object.fromEntries(Object.entries(query).flatMap(([k, v]) => (typeof v === "string" && v.trim() !== "" ? [[k, v.trim()]] : [])));
  delete raw.format;
  return ZBacktestInput.safeParse(raw);
}

/** A backtest shaped for the page: figures for one or two versions and their chart data. */
export async function backtestView(input: TBacktestInput) {
  try {
    const result = await runBacktest(input);
    const scored = result.scored();
    const b = result.comparison?.b ?? null;
    return {
      ok: true as const,
      a: { version: result.version, report: result.report, roc: rocCurve(scored.a), confusion: confusionCells(result.report.atThreshold.confusion) },
      b: b && result.compareVersion && scored.b ? { version: result.compareVersion, report: b, roc: rocCurve(scored.b), confusion: confusionCells(b.atThreshold.confusion) } : null,
      lift: liftBars(result.report.deciles, b?.deciles),
      comparisonReasons: result.comparison?.reasons ?? [],
    };
  } catch (error) {
    // "No history matches", "version not found": said on the page, next to the filters.
    if (error instanceof DomainError) return { ok: false as const, message: error.message };
    throw error;
  }
}
