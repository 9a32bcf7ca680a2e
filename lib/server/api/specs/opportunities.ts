import { z } from "zod";
import { OPPORTUNITY_STAGES } from "@/lib/schemas/opportunities";
import { defineApiSpec } from "../spec";
import { errorResponses } from "./common";

export const ZOpportunityQuery = z.strictObject({
  ownerId: z.string().uuid("ownerId must be a user id").optional(),
  stage: z.enum(OPPORTUNITY_STAGES, { message: `stage must be one of ${OPPORTUNITY_STAGES.join(", ")}` }).optional(),
  page: z.coerce.number().int().min(1).default(1),
});

const ZOpportunityOut = z.object({
  id: z.string().uuid(),
  name: z.string(),
  stage: z.enum(OPPORTUNITY_STAGES),
  amount: z.string().describe("Decimal as a string"),
  listAmount: z.string(),
  discountPct: z.string(),
  closeDate: z.string().nullable(),
  termMonths: z.number(),
  paymentTermsDays: z.number(),
  ownerId: z.string().uuid(),
  accountId: z.string().uuid().nullable(),
});

export const listOpportunitiesSpec = defineApiSpec({
  operationId: "listOpportunities",
  method: "GET",
  path: "/api/v1/opportunities",
  summary: "Opportunities the caller may see (own, or all for approvers and RevOps), filterable by owner and stage",
  tags: ["deal desk"],
  permission: "app.use",
  query: ZOpportunityQuery,
  responses: { 200: { description: "A page of 100, newest first", schema: z.object({ data: z.array(ZOpportunityOut), page: z.number(), total: z.number() }) }, ...errorResponses },
});
