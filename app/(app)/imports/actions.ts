"use server";
import { revalidatePath } from "next/cache";
import { ZImportDryRun, ZImportRunId, ZSaveImportMapping, ZStartImport } from "@/lib/schemas/import";
import { defineAction } from "@/lib/server/action";
import { notFound } from "@/lib/server/errors";
import { dryRunImport } from "@/lib/server/import/dry-run-import";
import { getImportRun } from "@/lib/server/import/import-queries";
import { saveImportMapping } from "@/lib/server/import/save-import-mapping";
import { startImport } from "@/lib/server/import/start-import";

export const dryRunImportAction = defineAction({ name: "dryRunImport", input: ZImportDryRun, permission: "imports.run" }, (input, { user }) => dryRunImport({ actor: user, input }));

export const startImportAction = defineAction({ name: "startImport", input: ZStartImport, permission: "imports.run" }, async (input, { user }) => {
  const started = await startImport({ actor: user, input });
  revalidatePath("/imports");
  return started;
});

export const saveImportMappingAction = defineAction({ name: "saveImportMapping", input: ZSaveImportMapping, permission: "imports.run" }, async (input, { user }) => {
  const saved = await saveImportMapping({ actor: user, input });
  revalidatePath("/imports");
  return saved;
});

/** Polled by the progress bar while a run is queued or running. */
export const importRunStatusAction = defineAction({ name: "importRunStatus", input: ZImportRunId, permission: "imports.run" }, async ({ runId }) => {
  const run = await getImportRun(runId);
  if (!run) throw notFound("The import run");
  return run;
});
