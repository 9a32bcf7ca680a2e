// THE PLACE WHERE BATCH INTAKE STARTS SLA CLOCKS (integration point, see ADR 0012).
// lib/server/sla/start-clocks.ts (another branch) exposes
//   startClocks(tx, starts: { kind, subjectType: "LEAD", subjectId, ownerId, teamId, region, reason }[]) → { clocks, decisions }
// Once merged, intake-chunk.ts calls it with clockStartsFor(placed) just before the decision
// log and adds `decisions` to the log entries: one line, marked there "SLA clocks".

export type TClockStartRequest = {
  kind: "LEAD_FIRST_TOUCH" | "MQL_ACCEPT";
  subjectType: "LEAD";
  subjectId: string;
  ownerId: string | null;
  teamId: string | null;
  region: string | null;
  reason: string;
};

export type TPlacedLead = {
  leadId: string;
  /** True when this intake set the owner or queue (not when the lead kept its owner). */
  assigned: boolean;
  ownerId: string | null;
  queueTeamId: string | null;
  /** The lead moved to MQL in this intake. */
  becameMql: boolean;
  region: string | null;
  historical: boolean;
};

/**
 * Which clocks a placed lead starts: first touch when intake assigned it (to a person or a
 * queue), and the MQL accept/reject clock when it also became an MQL with an owner to decide.
 * Historical rows start none, and a lead that kept its owner starts none (its clocks run).
 */
export function clockStartsFor(placed: readonly TPlacedLead[]): TClockStartRequest[] {
  const starts: TClockStartRequest[] = [];
  for (const p of placed) {
    if (p.historical || !p.assigned) continue;
    const common = { subjectType: "LEAD" as const, subjectId: p.leadId, ownerId: p.ownerId, teamId: p.queueTeamId, region: p.region };
    starts.push({ ...common, kind: "LEAD_FIRST_TOUCH", reason: p.ownerId ? "Lead assigned by intake" : "Lead queued by intake" });
    if (p.becameMql && p.ownerId) starts.push({ ...common, kind: "MQL_ACCEPT", reason: "Lead became an MQL at intake" });
  }
  return starts;
}
