import "server-only";
import { createHash } from "node:crypto";
import { suggestMapping, type TColumnMapping, type TCsvProblem, type TImportKind } from "@/lib/engine/import";
import type { TSessionUser } from "../auth/session-user";
import { assertCan } from "../authz/assert-can";
import { db } from "../db";
import { IMPORT_FILE_PURPOSE, parseOrThrow } from "./import-file";

export type TUploadPreview = {
  fileId: string;
  name: string;
  headers: string[];
  rowCount: number;
  sample: string[][];
  problems: TCsvProblem[];
  suggestedMapping: TColumnMapping;
};

/**
 * Stores an uploaded CSV once it is known to be readable (UTF-8, a header, well-formed quotes);
 * a file that is not is refused and nothing is stored. Ragged rows do not refuse the file:
 * they are listed by line, and the dry run and the import report them again.
 */
export async function uploadImportFile(options: { actor: Pick<TSessionUser, "id" | "role"> | null; kind: TImportKind; name: string; bytes: Uint8Array }): Promise<TUploadPreview> {
  if (options.actor) assertCan(options.actor, "imports.run", "import CSV files");
  const csv = parseOrThrow(options.bytes);
  const stored = await db().storedFile.create({
    data: {
      purpose: IMPORT_FILE_PURPOSE,
      name: options.name.slice(0, 200) || "import.csv",
      contentType: "text/csv",
      size: options.bytes.byteLength,
      sha256: createHash("sha256").update(options.bytes).digest("hex"),
      content: Buffer.from(options.bytes),
      uploadedById: options.actor?.id ?? null,
    },
    select: { id: true, name: true },
  });
  return {
    fileId: stored.id,
    name: stored.name,
    headers: csv.headers,
    rowCount: csv.rows.length + csv.problems.length,
    sample: csv.rows.slice(0, 5).map((r) => r.values),
    problems: csv.problems.slice(0, 100),
    suggestedMapping: suggestMapping(options.kind, csv.headers),
  };
}
