import { z } from "zod";
import { ZActivityType } from "./policies/common";

// Activities reported for one lead (web visits, demo requests, e-mail clicks). Clocks differ
// between systems, so a timestamp a few minutes ahead is accepted; anything later is a bug
// in the sender and would score engagement that has not happened yet.

export const FUTURE_TOLERANCE_MS = 5 * 60_000;
export const MAX_ACTIVITIES = 100;

export const ZLeadActivityInput = z.strictObject({
  type: ZActivityType,
  occurredAt: z.iso
    .datetime({ offset: true, error: "occurredAt is an ISO 8601 date-time, e.g. 2026-05-01T09:30:00Z" })
    .refine((v) => new Date(v).getTime() <= Date.now() + FUTURE_TOLERANCE_MS, "occurredAt is in the future (more than 5 minutes ahead)"),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

export const ZLeadActivities = z.strictObject({
  activities: z.array(ZLeadActivityInput).min(1, "Send at least one activity").max(MAX_ACTIVITIES, `At most ${MAX_ACTIVITIES} activities per request`),
});

export type TLeadActivities = z.output<typeof ZLeadActivities>;
