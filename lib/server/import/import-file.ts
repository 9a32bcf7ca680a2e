import "server-only";
import { readCsv, type TParsedCsv } from "@/lib/engine/import";
import { db } from "../db";
import { notFound, validationError } from "../errors";

export const IMPORT_FILE_PURPOSE = "IMPORT";

/** An uploaded import file, read back and parsed. A file that cannot be read is a validation error. */
export async function loadImportFile(fileId: string): Promise<{ name: string; csv: TParsedCsv }> {
  const file = await db().storedFile.findFirst({ where: { id: fileId, purpose: IMPORT_FILE_PURPOSE }, select: { name: true, content: true } });
  if (!file) throw notFound("The uploaded file");
  return { name: file.name, csv: parseOrThrow(file.content) };
}

export function parseOrThrow(bytes: Uint8Array): TParsedCsv {
  const read = readCsv(bytes);
  if (!read.ok) throw validationError(read.message, { file: [read.message] });
  return read.csv;
}
