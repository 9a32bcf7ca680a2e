import { z } from "zod";

// Body of POST /api/v1/sla/capacity. Limits mirror lib/engine/capacity/erlang-c.ts (the engine
// validates again, so a caller that skips this schema still gets a plain-words answer).
// Unstable plans (reps not more than the offered load) are valid input: the engine answers
// them with the number of reps needed, which is the point of asking.

const number = (what: string) =>
  z.number({ error: (i) => (i.input === undefined ? `${what} is required` : `${what} must be a number`) }).refine(Number.isFinite, `${what} must be a finite number`);

export const ZCapacityInput = z
  .object({
    arrivalsPerHour: number("Leads per hour (arrivalsPerHour)").min(0, "Leads per hour cannot be negative"),
    agents: number("Reps on shift (agents)")
      .int("Reps on shift must be a whole number")
      .min(1, "At least 1 rep must be on shift")
      .max(100_000, "At most 100000 reps on shift"),
    handleMinutes: number("Average handling minutes (handleMinutes)").gt(0, "Average handling time must be more than 0 minutes").max(10_080, "Average handling time must be at most a week (10080 minutes)"),
    targetMinutes: number("SLA target minutes (targetMinutes)").min(0, "The SLA target cannot be negative").max(525_600, "The SLA target must be at most a year (525600 minutes)"),
    targetServiceLevel: number("Target share (targetServiceLevel)")
      .gt(0, "The target share must be above 0 (0.8 = 80% of leads within the SLA)")
      .max(1, "The target share is a fraction: at most 1 (0.8 = 80% of leads within the SLA)")
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.arrivalsPerHour / 60) * v.handleMinutes >= 100_000) {
      ctx.addIssue({ code: "custom", path: ["arrivalsPerHour"], message: "Leads per hour × handling minutes / 60 must stay below 100000 erlangs" });
    }
  });

export type TCapacityInputBody = z.infer<typeof ZCapacityInput>;
