import "server-only";
import { sweepStaleClocks } from "../sla/opportunity-clocks";
import type { TAccountRecord, TColumnMapping, TCsvProblem, TImportKind, TLeadRecord, TOpportunityRecord } from "@/lib/engine/import";
import { db } from "../db";
import { appendDecisions } from "../decision-log";
import { DomainError } from "../errors";
import { applyAccounts } from "./import-accounts";
import { loadImportFile } from "./import-file";
import { applyLeads } from "./import-leads";
import { applyOpportunities } from "./import-opportunities";
import type { TImportTally } from "./types";
import { MAX_REPORTED_PROBLEMS, rowsInError, validateImport } from "./validate-import";

export type TImportSummary = {
  total: number;
  created: number;
  updated: number;
  invalidRows: number;
  errors: TCsvProblem[];
  warnings: TCsvProblem[];
  notes: string[];
};

type TRunInput = { kind: TImportKind; fileId: string; fileName?: string; mapping: TColumnMapping; historical?: boolean };

/**
 * Runs one queued import (the worker's "import.run" handler, or the CLI in-process). Safe to
 * run again: a finished run returns its stored summary; a run that died half way is picked up
 * again, and every write is an upsert, so rows already imported are updated, not duplicated.
 */
export async function runImport(runId: string, options: { onProgress?: (processed: number, total: number) => void } = {}): Promise<TImportSummary> {
  const claimed = await db().jobRun.updateMany({ where: { id: runId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "RUNNING", startedAt: new Date(), processed: 0 } });
  const run = await db().jobRun.findUniqueOrThrow({ where: { id: runId } });
  if (claimed.count === 0) return run.result as TImportSummary;
  const input = run.input as TRunInput;
  try {
    const actor = run.createdById ? await db().user.findUnique({ where: { id: run.createdById }, select: { id: true, role: true, name: true } }) : null;
    const { csv } = await loadImportFile(input.fileId);
    const v = validateImport(input.kind, csv, input.mapping);
    const invalidBefore = v.total - v.records.length;
    const progress = async (done: number) => {
      const processed = Math.min(v.total, invalidBefore + done);
      await db().jobRun.update({ where: { id: runId }, data: { processed } });
      options.onProgress?.(processed, v.total);
    };
    let tally: TImportTally;
    if (input.kind === "leads") {
      const historical = Boolean(input.historical) || Object.values(input.mapping).some((t) => t.to === "field" && t.field === "outcome");
      tally = await applyLeads(v.records as TLeadRecord[], { runId, actor, historical }, progress);
    } else if (input.kind === "accounts") tally = await applyAccounts(v.records as TAccountRecord[], progress);
    else tally = await applyOpportunities(v.records as TOpportunityRecord[], runId, progress);

    const errors = [...v.errors, ...tally.errors].sort((a, b) => a.line - b.line);
    const summary: TImportSummary = {
      total: v.total,
      created: tally.created,
      updated: tally.updated,
      invalidRows: rowsInError(errors),
      errors: errors.slice(0, MAX_REPORTED_PROBLEMS),
      warnings: [...v.warnings, ...tally.warnings].slice(0, MAX_REPORTED_PROBLEMS),
      notes: tally.notes,
    };
    await db().$transaction(async (tx) => {
      await tx.jobRun.update({ where: { id: runId }, data: { status: "SUCCEEDED", processed: v.total, result: summary, finishedAt: new Date() } });
      await appendDecisions(tx, [
        {
          kind: "import.completed",
          subjectType: "import",
          subjectId: runId,
          actorId: run.createdById,
          input: { kind: input.kind, fileId: input.fileId, fileName: input.fileName ?? null, historical: input.historical ?? false },
          output: { total: summary.total, created: summary.created, updated: summary.updated, invalidRows: summary.invalidRows },
          reasons: [`Imported ${input.kind} from ${input.fileName ?? "a CSV file"}: ${summary.created} created, ${summary.updated} updated, ${summary.invalidRows} row(s) refused.`],
        },
      ]);
    });
    // Open deals just imported get their stale-opportunity clocks now rather than at the next daily
    // sweep. A failure here leaves the import done: the daily sweep starts the clocks instead.
    if (input.kind === "opportunities" && summary.created + summary.updated > 0) {
      await sweepStaleClocks().catch((error) => console.error(`[import] run ${runId}: starting stale-opportunity clocks failed; the daily sweep will`, error));
    }
    return summary;
  } catch (error) {
    const message = error instanceof DomainError ? error.message : "The import stopped on an unexpected error; it was logged. Rows already imported stay imported; running the same file again updates them.";
    if (!(error instanceof DomainError)) console.error(`[import] run ${runId} failed`, error);
    await db().jobRun.update({ where: { id: runId }, data: { status: "FAILED", error: message, finishedAt: new Date() } });
    throw error;
  }
}
