import { z } from "zod";

// Input of a routing simulation, shared by the API, the editor's action and the job.
export const MAX_SIMULATION_DAYS = 365;

export const ZSimulateRouting = z.object({
  days: z
    .number({ error: "days must be a whole number of days, e.g. 30" })
    .int("days must be a whole number of days, e.g. 30")
    .min(1, "Replay at least the last 1 day")
    .max(MAX_SIMULATION_DAYS, `Replay at most the last ${MAX_SIMULATION_DAYS} days`),
});
export type TSimulateRouting = z.infer<typeof ZSimulateRouting>;

export const ROUTING_SIMULATION_KIND = "ROUTING_SIMULATION";
