import { leadClockStarts } from "../../../sla/lead-clocks";
import type { TClockStart } from "../../../sla/types";

// Which SLA clocks a chunk of placed leads starts: the same rule as single intake
// (lib/server/sla/lead-clocks.ts), applied to every lead of the chunk, so that one
// startClocks call inserts them all.

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

/** Historical rows start no clock; every other lead starts what single intake would start. */
export function clockStartsFor(placed: readonly TPlacedLead[]): TClockStart[] {
  return placed.filter((p) => !p.historical).flatMap((p) => leadClockStarts(p));
}
