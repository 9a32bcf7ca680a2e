import "server-only";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { notFound, validationError } from "../errors";
import { enqueue } from "../jobs/boss";
import { ROUTING_SIMULATION_KIND, type TSimulateRouting } from "./simulate-input";

/**
 * Queues a simulation of one routing version (usually a draft) on the leads of the last
 * `days` days. The window ends when the run is created, so a slow queue does not change it.
 * The JobRun is committed before the job is sent: the worker never sees a run that is not there.
 */
export async function startRoutingSimulation(options: { actor: Pick<TSessionUser, "id">; versionId: string; input: TSimulateRouting }) {
  const { actor, versionId, input } = options;
  const version = await db().policyVersion.findUnique({ where: { id: versionId }, select: { id: true, kind: true, version: true } });
  if (!version) throw notFound("That policy version");
  if (version.kind !== "ROUTING") throw validationError(`Only routing policies can be simulated; version ${version.version} is a ${version.kind.toLowerCase()} policy.`, { ref: ["Not a routing policy version"] });
  const run = await db().jobRun.create({
    data: { kind: ROUTING_SIMULATION_KIND, subjectId: version.id, input: { days: input.days, version: version.version }, createdById: actor.id },
    select: { id: true, kind: true, status: true, subjectId: true, createdAt: true },
  });
  await enqueue("routing.simulate", { runId: run.id });
  return run;
}
