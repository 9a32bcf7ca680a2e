import { z } from "zod";
import { CLOCK_IDS } from "./policies/sla";

// Filters of the SLA attainment report, from the URL. Dates are inclusive UTC days on the
// clock's start; a malformed value is dropped (the default applies) instead of failing the page,
// but a range that ends before it starts is an error the page explains.

const isoDay = z.iso.date().optional().catch(undefined);

export const ZSlaAttainmentFilters = z
  .object({
    /** A policy version id, or "all" for every version. */
    version: z.union([z.uuid(), z.literal("all")]).optional().catch(undefined),
    kind: z.enum(CLOCK_IDS).optional().catch(undefined),
    from: isoDay,
    to: isoDay,
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], message: "The end date is before the start date" });
export type TSlaAttainmentFilters = z.infer<typeof ZSlaAttainmentFilters>;

/** Weeks shown when no start date is given. */
export const DEFAULT_ATTAINMENT_WEEKS = 12;
