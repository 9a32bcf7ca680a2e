import "server-only";
import { parsePolicyBody } from "@/lib/schemas/policies";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { enqueue } from "../jobs/boss";
import { rescoreChunk } from "./rescore-chunk";

export const RESCORE_KIND = "SCORING_RESCORE";
/** Leads a new model applies to: not closed (customer, disqualified) and not history imported with an outcome. */
export const OPEN_LEAD_WHERE: Prisma.LeadWhereInput = { lifecycleStage: { in: ["SUBSCRIBER", "LEAD", "MQL", "SQL", "RECYCLED"] }, outcome: null };
const CHUNK_SIZE = 200;

type TRescoreResult = { cursor?: string; changed?: number; movedToMql?: number; superseded?: boolean };

/**
 * Records a rescoring run for a freshly published scoring version and queues it. Called after
 * the publish transaction committed: the version is live whatever happens here, so a queue
 * failure is recorded on the run (the policy page shows it) instead of failing the publish.
 */
export async function scheduleScoringRescore(args: { versionId: string; actorId: string | null }): Promise<string> {
  const total = await db().lead.count({ where: OPEN_LEAD_WHERE });
  const run = await db().jobRun.create({ data: { kind: RESCORE_KIND, subjectId: args.versionId, createdById: args.actorId, input: { versionId: args.versionId }, total }, select: { id: true } });
  try {
    await enqueue("scoring.rescore", { jobRunId: run.id }, { singletonKey: run.id });
  } catch (error) {
    console.error("[scoring] could not queue the rescoring", error);
    await db().jobRun.update({ where: { id: run.id }, data: { status: "FAILED", error: "The rescoring could not be queued; open leads keep their old scores until the next publish.", finishedAt: new Date() } });
  }
  return run.id;
}

/**
 * The scoring.rescore job: rescores every open lead with the run's version, in chunks of one
 * transaction each that also advance the run's cursor and progress. A job that runs again
 * (worker killed, duplicate delivery) resumes after the last committed chunk; a finished run
 * is left alone. A version that is no longer the published one stops its run: the newer
 * version's own run rescores the leads.
 */
export async function runScoringRescore(jobRunId: string, options: { now?: Date; chunkSize?: number } = {}): Promise<void> {
  const run = await db().jobRun.findUnique({ where: { id: jobRunId } });
  if (!run || run.kind !== RESCORE_KIND || run.status === "SUCCEEDED" || !run.subjectId) return;
  const version = await db().policyVersion.findUnique({ where: { id: run.subjectId }, select: { id: true, version: true, status: true, kind: true, body: true } });
  const parsed = version?.kind === "SCORING" ? parsePolicyBody("SCORING", version.body) : null;
  if (!version || !parsed?.success) {
    await db().jobRun.update({ where: { id: run.id }, data: { status: "FAILED", error: "The scoring version is missing or does not parse.", finishedAt: new Date() } });
    return;
  }
  const state = (run.result ?? {}) as TRescoreResult;
  if (version.status !== "PUBLISHED") {
    await db().jobRun.update({ where: { id: run.id }, data: { status: "SUCCEEDED", result: { ...state, superseded: true }, finishedAt: new Date() } });
    return;
  }

  const remaining = await db().lead.count({ where: { ...OPEN_LEAD_WHERE, ...(state.cursor ? { id: { gt: state.cursor } } : {}) } });
  await db().jobRun.update({ where: { id: run.id }, data: { status: "RUNNING", startedAt: run.startedAt ?? new Date(), total: run.processed + remaining, error: null } });
  const now = options.now ?? new Date();
  let cursor = state.cursor;
  try {
    for (;;) {
      const leads = await db().lead.findMany({ where: { ...OPEN_LEAD_WHERE, ...(cursor ? { id: { gt: cursor } } : {}) }, orderBy: { id: "asc" }, take: options.chunkSize ?? CHUNK_SIZE, select: { id: true } });
      if (leads.length === 0) break;
      cursor = await rescoreChunk({ jobRunId: run.id, leadIds: leads.map((l) => l.id), scoring: { id: version.id, version: version.version, body: parsed.data }, actorId: run.createdById, now });
    }
  } catch (error) {
    // pg-boss retries the job; the run resumes from its last committed chunk.
    await db().jobRun.update({ where: { id: run.id }, data: { error: error instanceof Error ? error.message : String(error) } });
    throw error;
  }
  await db().$executeRaw`UPDATE job_runs SET status = 'SUCCEEDED', finished_at = now(), total = GREATEST(total, processed) WHERE id = ${run.id}::uuid`;
}
