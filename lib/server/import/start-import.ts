import "server-only";
import { IMPORT_JOB_KIND, type TStartImport } from "@/lib/schemas/import";
import type { TSessionUser } from "../auth/session-user";
import { assertCan } from "../authz/assert-can";
import { db } from "../db";
import { enqueue } from "../jobs/boss";
import { loadImportFile } from "./import-file";
import { validateImport } from "./validate-import";

/**
 * Records the run (QUEUED, with its total so the progress bar has a denominator) and, after
 * commit, hands it to the worker on the "import.run" queue. A mapping that does not fit the
 * file is refused here, before anything is queued.
 */
export async function startImport(options: { actor: Pick<TSessionUser, "id" | "role"> | null; input: TStartImport; enqueueJob?: boolean }): Promise<{ runId: string }> {
  if (options.actor) assertCan(options.actor, "imports.run", "import CSV files");
  const { kind, fileId, mapping, historical } = options.input;
  const { name, csv } = await loadImportFile(fileId);
  const { total } = validateImport(kind, csv, mapping);
  const run = await db().jobRun.create({
    data: { kind: IMPORT_JOB_KIND[kind], subjectId: fileId, input: { kind, fileId, fileName: name, mapping, historical }, total, createdById: options.actor?.id ?? null },
    select: { id: true },
  });
  if (options.enqueueJob !== false) await enqueue("import.run", { runId: run.id }, { singletonKey: run.id });
  return { runId: run.id };
}
