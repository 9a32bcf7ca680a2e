// Per-lead scores as CSV (RFC 4180: comma separated, CRLF, quotes doubled). Text cells that a
// spreadsheet would run as a formula (=, +, -, @ first) get a leading apostrophe: lead ids and
// names come from outside and an export must not become an injection vector.
import type { TScoredHistoricalLead } from "./backtest";

export type TScoreCsvRow = Omit<TScoredHistoricalLead, "score"> & {
  total: number;
  /** "size-enterprise:+20; competitor:-60" — optional, from the lead's breakdown. */
  breakdown?: string;
};

const COLUMNS = ["id", "external_id", "fit", "engagement", "negative", "total", "is_mql", "outcome", "breakdown"] as const;

export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function scoresToCsv(rows: readonly TScoreCsvRow[]): string {
  const lines = [COLUMNS.join(",")];
  for (const r of rows) {
    lines.push(
      [r.id, r.externalId, r.fit, r.engagement, r.negative, r.total, r.isMql, r.outcome, r.breakdown].map(csvCell).join(","),
    );
  }
  return lines.join("\r\n") + "\r\n";
}

/** Turns backtest output into export rows (score → total). */
export function toCsvRows(rows: readonly TScoredHistoricalLead[]): TScoreCsvRow[] {
  return rows.map(({ score, ...rest }) => ({ ...rest, total: score }));
}
