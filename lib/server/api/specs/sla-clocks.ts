import { z } from "zod";
import { ZClockPauseInput } from "@/lib/schemas/sla-clocks";
import { defineApiSpec } from "../spec";
import { writeErrorResponses } from "./common";

const ZClockState = z.object({
  clockId: z.string().uuid(),
  status: z.enum(["RUNNING", "PAUSED", "STOPPED"]),
  dueAt: z.string().nullable().describe("Breach deadline; null while paused"),
  usedMinutes: z.number().describe("Business minutes used before the current running segment"),
  targetMinutes: z.number(),
  reasons: z.array(z.string()),
});

const common = {
  tags: ["sla"],
  permission: "sla.clocks.manage" as const,
  params: z.object({ id: z.string().uuid("Clock id must be a UUID") }),
  body: ZClockPauseInput,
  responses: {
    200: { description: "The clock's new state", schema: z.object({ data: ZClockState }) },
    404: { description: "No such clock the caller may manage" },
    ...writeErrorResponses,
  },
};

export const pauseClockSpec = defineApiSpec({
  ...common,
  operationId: "pauseSlaClock",
  method: "POST",
  path: "/api/v1/sla/clocks/{id}/pause",
  summary: "Pause a running SLA clock where its policy allows (e.g. waiting on the customer); RevOps any, managers their team's. Logged",
});

export const resumeClockSpec = defineApiSpec({
  ...common,
  operationId: "resumeSlaClock",
  method: "POST",
  path: "/api/v1/sla/clocks/{id}/resume",
  summary: "Resume a paused SLA clock: the deadline moves by the paused time. Logged",
});
