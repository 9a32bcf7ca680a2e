import { z } from "zod";
import { ZLeadActivities } from "@/lib/schemas/lead-activities";
import { ZLeadBatch } from "@/lib/schemas/leads";
import { ZMqlDecision } from "@/lib/schemas/mql-decision";
import { defineApiSpec } from "../spec";
import { ZErrorResponse, writeErrorResponses } from "./common";

// Writes on leads beyond single intake: batches, activity ingestion and MQL decisions.

const ZLeadRef = z.object({ ref: z.string().uuid("Lead id must be a UUID") });
const notFoundResponse = { 404: { description: "No such lead the caller may see", schema: ZErrorResponse } } as const;

const ZBatchOut = z.object({
  results: z.array(
    z.object({
      index: z.number().int().describe("Position of the item in the request's leads array"),
      status: z.enum(["created", "updated", "invalid", "error"]),
      leadId: z.string().uuid().optional(),
      errors: z.record(z.string(), z.array(z.string())).optional().describe("Per-field messages for an invalid item; `_` for the whole item"),
    }),
  ),
  summary: z.object({ created: z.number().int(), updated: z.number().int(), invalid: z.number().int() }),
});

export const batchLeadsSpec = defineApiSpec({
  operationId: "intakeLeadBatch",
  method: "POST",
  path: "/api/v1/leads/batch",
  summary: "Submit up to 1,000 leads; each goes through intake on its own (all or nothing per lead) and is reported by its index",
  tags: ["leads"],
  permission: "leads.create",
  body: ZLeadBatch,
  responses: { 200: { description: "Every item's outcome, by index", schema: ZBatchOut }, ...writeErrorResponses },
});

export const recordLeadActivitiesSpec = defineApiSpec({
  operationId: "recordLeadActivities",
  method: "POST",
  path: "/api/v1/leads/{id}/activities",
  summary: "Record activities for a lead, re-score it with the published model and make the stage move the new score allows",
  tags: ["leads"],
  permission: "leads.create",
  params: ZLeadRef,
  body: ZLeadActivities,
  responses: {
    200: {
      description: "Recorded; the new score and stage",
      schema: z.object({
        data: z.object({
          leadId: z.string().uuid(),
          recorded: z.number().int(),
          lifecycleStage: z.string(),
          previousStage: z.string(),
          score: z.object({ fit: z.number(), engagement: z.number(), negative: z.number(), total: z.number(), isMql: z.boolean() }),
          explanation: z.array(z.string()),
        }),
      }),
    },
    ...notFoundResponse,
    ...writeErrorResponses,
  },
});

export const decideMqlSpec = defineApiSpec({
  operationId: "decideMql",
  method: "POST",
  path: "/api/v1/leads/{id}/mql-decision",
  summary: "Accept an MQL (→ SQL) or reject it with a lifecycle reason code (→ RECYCLED or DISQUALIFIED); owner, their manager or RevOps only",
  tags: ["leads"],
  // Not leads.read.own: RevOps (leads.read.all) decides too. The command checks the record.
  permission: "app.use",
  params: ZLeadRef,
  body: ZMqlDecision,
  responses: {
    200: {
      description: "The lead's new stage",
      schema: z.object({ data: z.object({ leadId: z.string().uuid(), from: z.string(), to: z.string(), reasonCode: z.string().nullable(), reasons: z.array(z.string()) }) }),
    },
    ...notFoundResponse,
    ...writeErrorResponses,
  },
});
