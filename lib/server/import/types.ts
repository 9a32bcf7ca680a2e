import type { TCsvProblem } from "@/lib/engine/import";

/** What a dry run or a run found: counts, row-level errors and warnings, and plain-word notes. */
export type TImportTally = { created: number; updated: number; errors: TCsvProblem[]; warnings: TCsvProblem[]; notes: string[] };

export const emptyTally = (): TImportTally => ({ created: 0, updated: 0, errors: [], warnings: [], notes: [] });

export type TProgress = (processedRows: number) => Promise<void>;

export const CHUNK = 200;

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
