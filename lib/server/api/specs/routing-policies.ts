import { z } from "zod";
import { MAX_SIMULATION_DAYS, ZSimulateRouting } from "../../routing/simulate-input";
import { defineApiSpec } from "../spec";
import { errorResponses, writeErrorResponses, ZErrorResponse } from "./common";

// Routing simulation: replay a (draft) routing version on recent leads in the background.
// Listing versions and creating a draft from JSON are the generic /api/v1/policies/{kind}
// operations with kind "routing" (listPolicyVersions, createPolicyDraft).

const ZVersionRef = z.string().uuid("Policy version id must be a UUID");

const ZOutcomeOut = z.object({
  leadId: z.string().uuid(),
  label: z.string(),
  beforeOwnerId: z.string().nullable(),
  beforeQueueTeamId: z.string().nullable(),
  afterOwnerId: z.string().nullable(),
  afterQueueTeamId: z.string().nullable(),
  rowId: z.string().nullable(),
  rowNumber: z.number().int().nullable(),
  fallback: z.boolean(),
  changed: z.boolean(),
  sentence: z.string(),
});

const ZSimulationResultOut = z.object({
  version: z.number().int(),
  days: z.number().int(),
  from: z.string(),
  to: z.string(),
  total: z.number().int().describe("Leads created in the window"),
  changed: z.number().int().describe("Leads the draft would give to another owner or queue than they have now"),
  changedShare: z.number(),
  fallback: z.number().int().describe("Leads only the fallback row would take"),
  fallbackShare: z.number(),
  load: z.array(z.object({ key: z.string().describe('"user:<id>", "queue:<team id>" or "none"'), before: z.number().int(), after: z.number().int() })),
  byRow: z.array(z.object({ rowId: z.string().nullable(), rowNumber: z.number().int().nullable(), count: z.number().int() })),
  examples: z.object({ changed: z.array(ZOutcomeOut), fallback: z.array(ZOutcomeOut), unchanged: z.array(ZOutcomeOut) }),
  names: z.object({ users: z.record(z.string(), z.string()), teams: z.record(z.string(), z.string()) }),
});

export const ZSimulationRunOut = z.object({
  id: z.string().uuid(),
  versionId: z.string().uuid(),
  status: z.enum(["QUEUED", "RUNNING", "SUCCEEDED", "FAILED"]),
  days: z.number().int(),
  total: z.number().int(),
  processed: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  result: ZSimulationResultOut.nullable(),
});

export const simulateRoutingSpec = defineApiSpec({
  operationId: "simulateRoutingPolicy",
  method: "POST",
  path: "/api/v1/policies/{id}/simulate",
  summary: `Start a background replay of a routing version on the leads of the last N days (1-${MAX_SIMULATION_DAYS}); writes nothing to leads or pools`,
  tags: ["policies", "routing"],
  permission: "policies.edit",
  params: z.object({ ref: ZVersionRef }),
  body: ZSimulateRouting,
  responses: {
    202: { description: "Simulation queued; poll its URL for progress and the result", schema: z.object({ data: ZSimulationRunOut.pick({ id: true, status: true }).extend({ url: z.string() }) }) },
    404: { description: "No such version", schema: ZErrorResponse },
    ...writeErrorResponses,
  },
});

export const getRoutingSimulationSpec = defineApiSpec({
  operationId: "getRoutingSimulation",
  method: "GET",
  path: "/api/v1/policies/{id}/simulate/{runId}",
  summary: "Progress of a routing simulation and, once it succeeded, owner changes, load per owner before/after, fallback leads and examples",
  tags: ["policies", "routing"],
  permission: "policies.edit",
  params: z.object({ ref: ZVersionRef, runId: z.string().uuid("Simulation id must be a UUID") }),
  responses: { 200: { description: "The run", schema: z.object({ data: ZSimulationRunOut }) }, 404: { description: "No such simulation for this version", schema: ZErrorResponse }, ...errorResponses },
});
