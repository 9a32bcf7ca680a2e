// What a decision-log entry says in plain words, as the UI and the API show it. Most entries
// store every sentence in `reasons`. A score states each rule's contribution once, in its
// output's breakdown (ADR 0031), and its reasons hold the verdict: the sentences of the
// contributions are rebuilt here, the same ones the scoring engine says.
import { withBreakdownReasons } from "@/lib/engine/scoring";
import type { TBreakdownItem } from "@/lib/engine/scoring";

const SCORE_KINDS = new Set(["lead.scored", "lead.rescored"]);

type TEntryLike = { kind: string; output: unknown; reasons: unknown };

export function entryReasons(entry: TEntryLike): string[] {
  const reasons = Array.isArray(entry.reasons) ? entry.reasons.map(String) : [];
  if (!SCORE_KINDS.has(entry.kind)) return reasons;
  const breakdown = (entry.output as { breakdown?: unknown } | null)?.breakdown;
  if (!Array.isArray(breakdown) || !breakdown.every(isBreakdownItem)) return reasons;
  return withBreakdownReasons(reasons, breakdown);
}

function isBreakdownItem(value: unknown): value is TBreakdownItem {
  const v = value as Partial<TBreakdownItem> | null;
  return typeof v === "object" && v !== null && typeof v.points === "number" && typeof v.group === "string" && typeof v.label === "string" && typeof v.detail === "string";
}
