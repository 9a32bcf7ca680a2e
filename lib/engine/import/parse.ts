// Step 2: text → header and rows, each with the line it starts on so every error can point at
// it. Ragged rows (more or fewer cells than the header) are reported, never padded silently.
import { parse } from "csv-parse/sync";

export type TCsvRow = { line: number; values: string[] };
export type TCsvProblem = { line: number; column?: string; message: string };
export type TParsedCsv = { headers: string[]; rows: TCsvRow[]; problems: TCsvProblem[] };

export const MAX_IMPORT_ROWS = 100_000;

export function parseCsvText(text: string): { ok: true; csv: TParsedCsv } | { ok: false; message: string } {
  const delimiter = guessDelimiter(text);
  let records: { record: string[]; info: { lines: number }; raw: string }[];
  try {
    records = parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, info: true, raw: true, bom: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as { message?: string; lines?: number };
    return { ok: false, message: `The file is not valid CSV${e.lines ? ` near line ${e.lines}` : ""}: ${e.message ?? "unreadable"}. Check for an unclosed quote.` };
  }
  if (records.length === 0) return { ok: false, message: "The file has no header row." };
  const headers = records[0]!.record.map((h) => h.trim());
  const headerProblem = checkHeaders(headers);
  if (headerProblem) return { ok: false, message: headerProblem };
  if (records.length - 1 > MAX_IMPORT_ROWS) return { ok: false, message: `The file has ${records.length - 1} rows; an import takes at most ${MAX_IMPORT_ROWS}. Split it.` };

  const rows: TCsvRow[] = [];
  const problems: TCsvProblem[] = [];
  for (const { record, info, raw } of records.slice(1)) {
    const line = info.lines - newlinesInside(raw);
    if (record.length !== headers.length) {
      problems.push({ line, message: `Line ${line} has ${record.length} cell${record.length === 1 ? "" : "s"} but the header has ${headers.length}: a missing or extra comma, or an unquoted comma inside a value.` });
      continue;
    }
    rows.push({ line, values: record });
  }
  return { ok: true, csv: { headers, rows, problems } };
}

function checkHeaders(headers: string[]): string | null {
  const empty = headers.findIndex((h) => h === "");
  if (empty >= 0) return `Column ${empty + 1} of the header row has no name. Every column needs a header.`;
  const seen = new Set<string>();
  for (const h of headers) {
    if (seen.has(h.toLowerCase())) return `The header "${h}" appears twice. Rename one of the columns.`;
    seen.add(h.toLowerCase());
  }
  return null;
}

/** A record's raw text ends with its line break; breaks before that were inside quoted cells. */
function newlinesInside(raw: string): number {
  const trimmed = raw.replace(/\r?\n$/, "");
  return (trimmed.match(/\n/g) ?? []).length;
}

/** Semicolons are the usual separator in European spreadsheet exports. */
function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (c: string) => firstLine.split(c).length - 1;
  if (count(";") > count(",") && count(";") >= count("\t")) return ";";
  if (count("\t") > count(",")) return "\t";
  return ",";
}
