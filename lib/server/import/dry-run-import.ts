import "server-only";
import type { TAccountRecord, TCsvProblem, TInferredType, TLeadRecord, TOpportunityRecord } from "@/lib/engine/import";
import type { TImportDryRun } from "@/lib/schemas/import";
import type { TSessionUser } from "../auth/session-user";
import { assertCan } from "../authz/assert-can";
import { loadImportFile } from "./import-file";
import { planAccounts } from "./import-accounts";
import { planLeads } from "./import-leads";
import { planOpportunities } from "./import-opportunities";
import { MAX_REPORTED_PROBLEMS, rowsInError, validateImport } from "./validate-import";

export type TDryRunReport = {
  total: number;
  valid: number;
  invalidRows: number;
  wouldCreate: number;
  wouldUpdate: number;
  errors: TCsvProblem[];
  warnings: TCsvProblem[];
  notes: string[];
  customTypes: Record<string, TInferredType>;
};

/** Everything the import would check, and what it would create or update — and nothing written. */
export async function dryRunImport(options: { actor: Pick<TSessionUser, "id" | "role"> | null; input: TImportDryRun }): Promise<TDryRunReport> {
  if (options.actor) assertCan(options.actor, "imports.run", "import CSV files");
  const { kind, fileId, mapping } = options.input;
  const { csv } = await loadImportFile(fileId);
  const v = validateImport(kind, csv, mapping);
  const plan =
    kind === "leads"
      ? await planLeads(v.records as TLeadRecord[])
      : kind === "accounts"
        ? await planAccounts(v.records as TAccountRecord[])
        : await planOpportunities(v.records as TOpportunityRecord[]);
  const errors = [...v.errors, ...plan.errors].sort((a, b) => a.line - b.line);
  const invalidRows = rowsInError(errors);
  return {
    total: v.total,
    valid: v.total - invalidRows,
    invalidRows,
    wouldCreate: plan.created,
    wouldUpdate: plan.updated,
    errors: errors.slice(0, MAX_REPORTED_PROBLEMS),
    warnings: [...v.warnings, ...plan.warnings].slice(0, MAX_REPORTED_PROBLEMS),
    notes: plan.notes,
    customTypes: v.customTypes,
  };
}
