import { z } from "zod";
import { CLOCK_IDS } from "./policies/sla";

// Filters of the SLA board, read from the URL. Unknown values are dropped rather than
// refused: a stale bookmark shows the unfiltered board instead of an error.

export const SLA_BOARD_STATUSES = ["RUNNING", "PAUSED", "BREACHED"] as const;
export type TSlaBoardStatus = (typeof SLA_BOARD_STATUSES)[number];

export const SLA_BOARD_SORTS = ["urgency", "startedAt", "escalationLevel", "kind"] as const;
export type TSlaBoardSort = (typeof SLA_BOARD_SORTS)[number];

const uuidOrNothing = z.uuid().optional().catch(undefined);

export const ZSlaBoardFilters = z.object({
  kind: z.enum(CLOCK_IDS).optional().catch(undefined),
  status: z.enum(SLA_BOARD_STATUSES).optional().catch(undefined),
  teamId: uuidOrNothing,
  ownerId: uuidOrNothing,
});
export type TSlaBoardFilters = z.infer<typeof ZSlaBoardFilters>;

export const CLOCK_KIND_LABELS: Record<(typeof CLOCK_IDS)[number], string> = {
  LEAD_FIRST_TOUCH: "Lead first touch",
  MQL_ACCEPT: "MQL accept/reject",
  APPROVAL_STAGE: "Approval stage",
  STALE_OPPORTUNITY: "Stale opportunity",
};
