import { z } from "zod";
import { ZRoutingPreviewInput } from "@/lib/schemas/routing-preview";
import { defineApiSpec } from "../spec";
import { errorResponses, ZErrorResponse } from "./common";

const ZPreviewLeadOut = z.object({
  rowId: z.string().nullable().describe("The matrix row that assigned the lead; null when no row could"),
  rowNumber: z.number().int().nullable().describe("1-based position of that row"),
  ownerId: z.string().uuid().nullable().describe("The user who would own the lead (null for a queue)"),
  queueTeamId: z.string().uuid().nullable().describe("The team queue the lead would wait in (null for a person)"),
  sentence: z.string().describe('The rep\'s sentence: "Routed to you by row 4: EMEA · Mid-market · round-robin pool EMEA MM — Dana skipped, on PTO"'),
  reasons: z.array(z.string()).describe("The sentences the decision log would keep"),
  explanation: z.unknown().describe("Matched row, each earlier row's first failed condition, rows that fell through, skipped pool members, tested facts"),
});

export const previewRoutingSpec = defineApiSpec({
  operationId: "previewRouting",
  method: "POST",
  path: "/api/v1/routing/preview",
  summary: "Route leads with a routing version (default: the published one) against the current pool state, writing nothing",
  tags: ["routing"],
  permission: "policies.read",
  body: ZRoutingPreviewInput,
  // Writes nothing, so it records no Idempotency-Key either.
  idempotent: false,
  responses: {
    200: {
      description: "One result per lead, in the order sent; picks from one pool advance its rotation for the leads after it",
      schema: z.object({ data: z.object({ policyVersionId: z.string().uuid(), version: z.number().int(), leads: z.array(ZPreviewLeadOut) }) }),
    },
    404: { description: "No routing policy version with that id", schema: ZErrorResponse },
    409: { description: "No routing policy is published (and none was named)", schema: ZErrorResponse },
    422: { description: "Validation failed; see error.fields (leads.<i>.<field>)", schema: ZErrorResponse },
    ...errorResponses,
  },
});
