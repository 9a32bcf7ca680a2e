import "server-only";
import type { Tx } from "../../../db";
import type { TDecisionEntry } from "../../../decision-log";
import { leadClockStarts } from "../../../sla/lead-clocks";
import { retargetClocks } from "../../../sla/retarget-clocks";
import { startClocks } from "../../../sla/start-clocks";
import type { TClockStart } from "../../../sla/types";

// SLA clocks for a chunk of placed leads: the single path's rules (lead-clocks.ts), with one
// startClocks call for the whole chunk instead of one per lead.

export type TPlacedLead = {
  leadId: string;
  /** True when this intake set the owner or queue (not when the lead kept its owner). */
  assigned: boolean;
  ownerId: string | null;
  queueTeamId: string | null;
  /** The lead moved to MQL in this intake. */
  becameMql: boolean;
  /** The lead's own region column, as single intake passes it. */
  region: string | null;
  historical: boolean;
};

/** Which clocks the placed leads start, in their order: none for historical rows (ADR 0012). */
export function clockStartsFor(placed: readonly TPlacedLead[]): TClockStart[] {
  return placed.flatMap((p) => (p.historical ? [] : leadClockStarts(p)));
}

/**
 * Starts (and, for a stored lead intake just placed, re-targets) the chunk's clocks and returns
 * each item's clock decisions, keyed by item index, in the order single intake logs them:
 * re-targets first, then starts. A start the database skipped (an open clock of that kind)
 * has no decision, as in single intake.
 */
export async function chunkClocks(tx: Tx, placed: readonly (TPlacedLead & { index: number; existedBefore: boolean })[]): Promise<Map<number, TDecisionEntry[]>> {
  const byItem = new Map<number, TDecisionEntry[]>();
  const add = (index: number, decisions: readonly TDecisionEntry[]) => byItem.set(index, [...(byItem.get(index) ?? []), ...decisions]);
  for (const p of placed) {
    if (p.historical || !p.existedBefore || !p.assigned) continue;
    const moved = await retargetClocks(tx, { subjectType: "LEAD", subjectId: p.leadId, newOwnerId: p.ownerId, newTeamId: p.queueTeamId, reason: "intake placed the lead again" });
    add(p.index, moved.decisions);
  }
  const requestedBy = new Map<string, number>();
  for (const p of placed) for (const s of clockStartsFor([p])) if (!requestedBy.has(`${s.subjectId}:${s.kind}`)) requestedBy.set(`${s.subjectId}:${s.kind}`, p.index);
  const { decisions } = await startClocks(tx, clockStartsFor(placed));
  for (const d of decisions) {
    const input = d.input as { subjectId: string; clock: string };
    const index = requestedBy.get(`${input.subjectId}:${input.clock}`);
    if (index === undefined) throw new Error(`Clock decision for ${input.subjectId} ${input.clock} matches no start of this chunk`);
    add(index, [d]);
  }
  return byItem;
}
