// Pure edits of the matrix's rows, used by the editor (and unit-tested): each returns a new
// array and keeps row ids unique, since lint findings, explanations and the decision log
// refer to rows by id.
import type { TRoutingAction, TRoutingRow } from "@/lib/schemas/policies/routing";

/** `base`, or `base-2`, `base-3` … : the first that is not taken. Ids are at most 64 characters. */
export function uniqueRowId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const stem = base.replace(/-\d+$/, "").slice(0, 56) || "row";
  if (!used.has(stem)) return stem;
  for (let n = 2; ; n++) if (!used.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

/** Moves the row at `from` to position `to` (both clamped); the order of the others is kept. */
export function moveRow(rows: readonly TRoutingRow[], from: number, to: number): TRoutingRow[] {
  const next = [...rows];
  if (from < 0 || from >= rows.length) return next;
  const target = Math.max(0, Math.min(rows.length - 1, to));
  const [row] = next.splice(from, 1);
  next.splice(target, 0, row!);
  return next;
}

/** A copy of the row right below it, with a fresh id and "(copy)" in its label. */
export function duplicateRow(rows: readonly TRoutingRow[], index: number): TRoutingRow[] {
  const row = rows[index];
  if (!row) return [...rows];
  const copy: TRoutingRow = {
    ...structuredClone(row),
    id: uniqueRowId(`${row.id}-copy`, rows.map((r) => r.id)),
    ...(row.label ? { label: `${row.label} (copy)`.slice(0, 200) } : {}),
  };
  return [...rows.slice(0, index + 1), copy, ...rows.slice(index + 1)];
}

export function deleteRow(rows: readonly TRoutingRow[], index: number): TRoutingRow[] {
  return rows.filter((_, i) => i !== index);
}

/**
 * A new row (every column "any") inserted before the fallback — the last row, when it matches
 * everything — so the matrix keeps ending in its fallback; otherwise appended.
 */
export function addRow(rows: readonly TRoutingRow[], action: TRoutingAction): TRoutingRow[] {
  const row: TRoutingRow = { id: uniqueRowId("row", rows.map((r) => r.id)), label: "New row", conditions: {}, action };
  const last = rows[rows.length - 1];
  const endsInFallback = last !== undefined && Object.values(last.conditions).every((c) => c.op === "any");
  const at = endsInFallback ? rows.length - 1 : rows.length;
  return [...rows.slice(0, at), row, ...rows.slice(at)];
}
