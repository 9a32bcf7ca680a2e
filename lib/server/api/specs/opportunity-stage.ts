import { z } from "zod";
import { ZChangeOpportunityStage } from "@/lib/schemas/opportunity-stage";
import { OPPORTUNITY_STAGES } from "@/lib/schemas/policies/pipeline";
import { defineApiSpec } from "../spec";
import { writeErrorResponses } from "./common";

export const changeOpportunityStageSpec = defineApiSpec({
  operationId: "changeOpportunityStage",
  method: "POST",
  path: "/api/v1/opportunities/{id}/stage",
  summary:
    "Move an opportunity to another stage under the pipeline policy's rules (required fields, stage skips; closed deals stay closed). Owner rep, their manager, deal desk or RevOps. Logged; restarts the stale-opportunity SLA clock",
  tags: ["deal desk"],
  permission: "opportunities.stage.change",
  params: z.object({ ref: z.string().uuid("Opportunity id must be a UUID") }),
  body: ZChangeOpportunityStage,
  responses: {
    200: {
      description: "Moved",
      schema: z.object({ data: z.object({ opportunityId: z.string().uuid(), fromStage: z.enum(OPPORTUNITY_STAGES), toStage: z.enum(OPPORTUNITY_STAGES), skipped: z.array(z.enum(OPPORTUNITY_STAGES)) }) }),
    },
    404: { description: "No such opportunity the caller may move" },
    ...writeErrorResponses,
  },
});
