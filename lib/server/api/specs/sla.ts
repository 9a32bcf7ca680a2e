import { z } from "zod";
import { ZCapacityInput } from "@/lib/schemas/sla-capacity";
import { defineApiSpec } from "../spec";
import { writeErrorResponses } from "./common";

export const ZCapacityOut = z.object({
  stable: z.boolean().describe("false when the reps cannot keep up with the offered load at all"),
  serviceLevel: z.number().describe("Share of leads answered within the target (0–1); 0 when unstable"),
  probabilityOfWaiting: z.number().describe("Share of leads that wait for a free rep; 1 when unstable"),
  averageSpeedOfAnswerMinutes: z.number().nullable().describe("null when unstable (the queue grows without bound)"),
  agentsForTarget: z.number().nullable().describe("Fewest reps meeting targetServiceLevel (default 0.8)"),
  offeredLoad: z.number().describe("Erlangs: leads per minute × handling minutes"),
  occupancy: z.number().nullable(),
  reasons: z.array(z.string()),
});

export const capacitySpec = defineApiSpec({
  operationId: "planSlaCapacity",
  method: "POST",
  path: "/api/v1/sla/capacity",
  summary: "Erlang C capacity model: share of leads answered within the SLA, and the reps needed for a target",
  tags: ["sla"],
  permission: "policies.read",
  body: ZCapacityInput,
  idempotent: false,
  responses: { 200: { description: "The prediction", schema: z.object({ data: ZCapacityOut }) }, ...writeErrorResponses },
});
