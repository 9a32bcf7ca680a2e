import "server-only";
import { isClosedStage } from "@/lib/engine/pipeline/stage-move";
import { parsePolicyBody } from "@/lib/schemas/policies";
import type { TOpportunityStage, TPipelinePolicy } from "@/lib/schemas/policies/pipeline";
import { db, type Tx } from "../db";
import { appendDecisions, type TDecisionEntry } from "../decision-log";
import { publishedSlaPolicy } from "./sla-policy";
import { startClocks } from "./start-clocks";
import { stopClocks } from "./stop-clocks";
import type { TClockStart } from "./types";

// STALE_OPPORTUNITY clocks: one per open opportunity, restarted on every stage change. The
// SLA policy's clock is relative (multiplier); its reference is the stage's averageDays from
// the published pipeline policy, in minutes. Closed stages have no averageDays, so closed
// deals get no clock. With no pipeline or SLA policy published nothing starts (not an error).

const byId = new Map<string, TPipelinePolicy>();

/** The published pipeline policy, or null when none is published. */
export async function publishedPipelinePolicy(tx: Tx): Promise<{ id: string; body: TPipelinePolicy } | null> {
  const head = await tx.policyVersion.findUnique({ where: { activeKind: "PIPELINE" }, select: { id: true } });
  if (!head) return null;
  let body = byId.get(head.id);
  if (!body) {
    const row = await tx.policyVersion.findUniqueOrThrow({ where: { id: head.id }, select: { body: true } });
    const parsed = parsePolicyBody("PIPELINE", row.body);
    if (!parsed.success) throw new Error(`Pipeline policy version ${head.id} does not parse: ${parsed.error.message}`);
    if (byId.size > 64) byId.clear();
    byId.set(head.id, parsed.data);
    body = parsed.data;
  }
  return { id: head.id, body };
}

type TStaleSubject = { id: string; stage: TOpportunityStage; ownerId: string; region: string | null };

/** The stale clock an opportunity in its current stage should run, or null (closed, or the stage has no average). */
export function staleClockStart(pipeline: TPipelinePolicy, opp: TStaleSubject, reason: string): TClockStart | null {
  if (isClosedStage(opp.stage)) return null;
  const days = pipeline.stages.find((s) => s.stage === opp.stage)?.averageDays;
  if (days === undefined) return null;
  return { kind: "STALE_OPPORTUNITY", subjectType: "OPPORTUNITY", subjectId: opp.id, ownerId: opp.ownerId, teamId: null, region: opp.region, targetMinutes: Math.round(days * 1440), reason };
}

/**
 * After a stage change, in the caller's transaction: stops the open stale clock (the deal
 * moved, so it was not stale in the old stage) and starts one for the new stage. Returns
 * decisions for the caller's appendDecisions.
 */
export async function restartStaleClock(tx: Tx, input: { opportunity: TStaleSubject; pipeline: TPipelinePolicy | null; reason: string; actorId: string | null }): Promise<TDecisionEntry[]> {
  const stopped = await stopClocks(tx, { subjectType: "OPPORTUNITY", subjectId: input.opportunity.id, kinds: ["STALE_OPPORTUNITY"], reason: input.reason, actorId: input.actorId });
  const start = input.pipeline ? staleClockStart(input.pipeline, input.opportunity, input.reason) : null;
  const started = start ? await startClocks(tx, [start], { actorId: input.actorId }) : { decisions: [] };
  return [...stopped.decisions, ...started.decisions];
}

const SWEEP_CHUNK = 1_000;

/**
 * The daily sweeper: starts a stale clock for every open opportunity that has none (deals
 * imported or seeded, or open before SLAs were published). Set-based: one query finds a
 * chunk, startClocks inserts it with one INSERT; the partial unique index (one open clock
 * per subject and kind) makes a concurrent or repeated run start nothing twice. The new
 * clock counts from now: the time a deal already spent in its stage is not charged to it.
 */
export async function sweepStaleClocks(): Promise<{ started: number }> {
  let started = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const chunk = await db().$transaction(async (tx) => {
      const pipeline = await publishedPipelinePolicy(tx);
      if (!pipeline || !(await publishedSlaPolicy(tx))) return null;
      const rows = await tx.$queryRaw<{ id: string; stage: TOpportunityStage; owner_id: string; region: string | null }[]>`
        SELECT o.id::text, o.stage::text AS stage, o.owner_id::text, a.region
        FROM opportunities o
        LEFT JOIN accounts a ON a.id = o.account_id
        WHERE o.stage NOT IN ('CLOSED_WON', 'CLOSED_LOST') AND o.id > ${after}::uuid
          AND NOT EXISTS (SELECT 1 FROM sla_clocks c WHERE c.subject_type = 'OPPORTUNITY' AND c.subject_id = o.id AND c.kind = 'STALE_OPPORTUNITY' AND c.status <> 'STOPPED')
        ORDER BY o.id
        LIMIT ${SWEEP_CHUNK}`;
      if (rows.length === 0) return null;
      const starts = rows.flatMap((r) => {
        const start = staleClockStart(pipeline.body, { id: r.id, stage: r.stage, ownerId: r.owner_id, region: r.region }, "the daily sweep found an open opportunity without a stale clock");
        return start ? [start] : [];
      });
      const result = await startClocks(tx, starts);
      await appendDecisions(tx, result.decisions);
      return { last: rows[rows.length - 1]!.id, started: result.clocks.length, full: rows.length === SWEEP_CHUNK };
    });
    if (!chunk) break;
    started += chunk.started;
    after = chunk.last;
    if (!chunk.full) break;
  }
  return { started };
}
