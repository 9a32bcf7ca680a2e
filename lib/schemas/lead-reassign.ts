import { z } from "zod";

/** A manual owner override: who takes the lead and why (the reason is logged and shown in the timeline). */
export const ZReassignLead = z.object({
  ownerId: z.string({ message: "Choose who takes the lead" }).uuid("Choose who takes the lead"),
  reason: z.string({ message: "Say why the lead is reassigned (at least 5 characters)" }).trim().min(5, "Say why the lead is reassigned (at least 5 characters)").max(500, "Keep the reason under 500 characters"),
});
export type TReassignLead = z.infer<typeof ZReassignLead>;
