import { z } from "zod";
import { OPPORTUNITY_STAGES } from "./policies/pipeline";

/** Moving an opportunity to another stage (the form on the opportunities page and the API). */
export const ZChangeOpportunityStage = z.object({
  toStage: z.enum(OPPORTUNITY_STAGES, { error: `Choose one of ${OPPORTUNITY_STAGES.join(", ")}` }),
  reason: z
    .string()
    .trim()
    .max(500, "Keep the reason under 500 characters")
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type TChangeOpportunityStage = z.infer<typeof ZChangeOpportunityStage>;
