import "server-only";
import { db } from "../db";
import { notFound } from "../errors";
import { ROUTING_SIMULATION_KIND } from "./simulate-input";
import type { TRoutingSimulationResult } from "./simulate-run";

export type TRoutingSimulationRun = {
  id: string;
  versionId: string;
  status: "QUEUED" | "RUNNING" | "SUCCEEDED" | "FAILED";
  days: number;
  total: number;
  processed: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  result: TRoutingSimulationResult | null;
};

/** One simulation run with its progress and, once finished, its result. `versionId` must match when given (URLs name both). */
export async function getRoutingSimulation(runId: string, versionId?: string): Promise<TRoutingSimulationRun> {
  const run = await db().jobRun.findUnique({ where: { id: runId } });
  if (!run || run.kind !== ROUTING_SIMULATION_KIND || (versionId !== undefined && run.subjectId !== versionId)) throw notFound("That routing simulation");
  return {
    id: run.id,
    versionId: run.subjectId!,
    status: run.status as TRoutingSimulationRun["status"],
    days: (run.input as { days: number }).days,
    total: run.total,
    processed: run.processed,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    error: run.error,
    result: (run.result as TRoutingSimulationResult | null) ?? null,
  };
}
