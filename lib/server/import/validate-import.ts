import "server-only";
import { checkMapping, validateRows, type TColumnMapping, type TImportKind, type TImportRecord, type TParsedCsv } from "@/lib/engine/import";
import { validationError } from "../errors";
import type { TCsvProblem, TInferredType } from "@/lib/engine/import";

export type TValidated = { records: TImportRecord[]; errors: TCsvProblem[]; warnings: TCsvProblem[]; customTypes: Record<string, TInferredType>; total: number };

/** The mapping must fit the file (else nothing runs); then every row is checked. Ragged rows count as errors. */
export function validateImport(kind: TImportKind, csv: TParsedCsv, mapping: TColumnMapping): TValidated {
  const problems = checkMapping(kind, csv.headers, mapping);
  if (problems.length) {
    const fields: Record<string, string[]> = {};
    for (const p of problems) (fields[p.column ? `mapping.${p.column}` : "mapping"] ??= []).push(p.message);
    throw validationError(`The column mapping does not fit this file: ${problems[0]!.message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ""}`, fields);
  }
  const rows = validateRows(kind, csv.headers, csv.rows, mapping);
  return { ...rows, errors: [...csv.problems, ...rows.errors].sort((a, b) => a.line - b.line), total: csv.rows.length + csv.problems.length };
}

export const MAX_REPORTED_PROBLEMS = 500;

/** Rows in error, counted once however many cells are wrong. */
export function rowsInError(errors: readonly TCsvProblem[]): number {
  return new Set(errors.map((e) => e.line)).size;
}
