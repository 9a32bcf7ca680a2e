import { z } from "zod";
import { ZLeadInput } from "@/lib/schemas/leads";
import { defineApiSpec } from "../spec";
import { errorResponses, writeErrorResponses } from "./common";

const ZIntakeOut = z.object({
  status: z.enum(["created", "updated"]),
  leadId: z.string().uuid(),
  lifecycleStage: z.string(),
  score: z.object({ fit: z.number(), engagement: z.number(), negative: z.number(), total: z.number(), isMql: z.boolean(), breakdown: z.array(z.unknown()), reasons: z.array(z.string()) }),
  accountId: z.string().uuid().nullable(),
  ownerId: z.string().uuid().nullable(),
  queueTeamId: z.string().uuid().nullable(),
  explanation: z.array(z.string()).describe("Every step's decision in plain words"),
});

export const createLeadSpec = defineApiSpec({
  operationId: "intakeLead",
  method: "POST",
  path: "/api/v1/leads",
  summary: "Submit a lead: normalised, matched to an existing lead (e-mail, then externalId) and account, scored, staged and placed in one transaction",
  tags: ["leads"],
  permission: "leads.create",
  body: ZLeadInput,
  responses: {
    201: { description: "A new lead was created", schema: z.object({ data: ZIntakeOut }) },
    200: { description: "An existing lead (same e-mail or externalId) was updated", schema: z.object({ data: ZIntakeOut }) },
    ...writeErrorResponses,
  },
});

export const getLeadSpec = defineApiSpec({
  operationId: "getLead",
  method: "GET",
  path: "/api/v1/leads/{id}",
  summary: "One lead the caller may see, with its account, owner and score",
  tags: ["leads"],
  permission: "app.use",
  params: z.object({ ref: z.string().uuid("Lead id must be a UUID") }),
  responses: { 200: { description: "The lead" }, 404: { description: "No such lead the caller may see" }, ...errorResponses },
});

export const getLeadDecisionsSpec = defineApiSpec({
  operationId: "getLeadDecisions",
  method: "GET",
  path: "/api/v1/leads/{id}/decisions",
  summary: "The decision-log entries about one lead (scoring, stage, routing, merges), newest first",
  tags: ["leads"],
  permission: "app.use",
  params: z.object({ ref: z.string().uuid("Lead id must be a UUID") }),
  responses: { 200: { description: "Entries as stored, newest first, each with `explanation`: its reasons as full sentences (a score's contributions, which the entry states once in its breakdown, included)" }, 404: { description: "No such lead the caller may see" }, ...errorResponses },
});
