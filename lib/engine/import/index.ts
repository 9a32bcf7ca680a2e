// CSV import engine: decode → parse → suggest/check a mapping → validate rows. Pure: bytes and
// a mapping in, typed records and row-level errors (line, column, message) out.
import { decodeCsvBytes } from "./decode";
import { parseCsvText, type TParsedCsv } from "./parse";

export * from "./coerce";
export * from "./decode";
export * from "./fields";
export * from "./formula";
export * from "./mapping";
export * from "./parse";
export * from "./rows";
export * from "./values";

/** Bytes → header and rows, or one message that says why the file cannot be read at all. */
export function readCsv(bytes: Uint8Array, maxBytes?: number): { ok: true; csv: TParsedCsv } | { ok: false; message: string } {
  const decoded = decodeCsvBytes(bytes, maxBytes);
  if (!decoded.ok) return decoded;
  return parseCsvText(decoded.text);
}
