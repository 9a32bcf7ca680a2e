import "server-only";
import { planTransition } from "@/lib/engine/lifecycle";
import type { TLifecycleStage } from "@/lib/schemas/policies/lifecycle";
import type { TScoringPolicy } from "@/lib/schemas/policies/scoring";
import { db } from "../db";
import { appendDecisions, type TDecisionEntry } from "../decision-log";
import { env } from "../env";
import { ACCOUNT_FOR_FACTS } from "../commands/intake/match-account";
import { scoreLeadRow } from "../commands/intake/score-row";
import { ACTIVITY_WINDOW_DAYS } from "../commands/leads/score-stored-lead";
import { activePolicy } from "../queries/active-policy";
import { leadClockStarts } from "../sla/lead-clocks";
import { startClocks } from "../sla/start-clocks";
import type { TClockStart } from "../sla/types";

type TStoredScore = { fitScore: number; engagementScore: number; negativeScore: number; score: number };

const describeScore = (s: TStoredScore) => `${s.score} (fit ${s.fitScore}, engagement ${s.engagementScore}, negative ${s.negativeScore})`;

/**
 * Rescores one chunk of leads with a newly published version, in one transaction with the
 * run's progress. The chunk is read in one query and scored with the same function intake
 * uses (scoreLeadRow); only a changed score is written and logged ("lead.rescored", naming
 * the version), so running a chunk twice logs nothing the second time. A LEAD or SUBSCRIBER
 * the new score qualifies moves to MQL when the lifecycle policy allows, as on new activity,
 * and gets its MQL-accept SLA clock as intake gives one;
 * nobody is demoted by a rescoring (the lifecycle has no automatic move back). Returns the
 * last lead id, the run's new cursor, or null when the version is no longer the published
 * one (a newer version's run rescores the leads; this one must not overwrite its scores).
 */
export async function rescoreChunk(args: { jobRunId: string; leadIds: string[]; scoring: { id: string; version: number; body: TScoringPolicy }; actorId: string | null; now: Date }): Promise<string | null> {
  const { jobRunId, leadIds, scoring, actorId, now } = args;
  const lifecycle = await activePolicy("LIFECYCLE");
  const since = new Date(now.getTime() - ACTIVITY_WINDOW_DAYS * 86_400_000);
  return db().$transaction(
    async (tx) => {
      // FOR SHARE waits for a publish archiving this version, and makes that publish wait for this chunk.
      const [version] = await tx.$queryRaw<{ status: string }[]>`SELECT status::text AS status FROM policy_versions WHERE id = ${scoring.id}::uuid FOR SHARE`;
      if (version?.status !== "PUBLISHED") return null;
      // Locks in id order: an intake or MQL decision on one of these leads waits for this chunk.
      await tx.$queryRaw`SELECT id FROM leads WHERE id = ANY(${leadIds}::uuid[]) ORDER BY id FOR UPDATE`;
      const leads = await tx.lead.findMany({
        where: { id: { in: leadIds } },
        include: { account: { select: ACCOUNT_FOR_FACTS }, activities: { where: { occurredAt: { gte: since } }, select: { type: true, occurredAt: true } } },
      });
      const entries: TDecisionEntry[] = [];
      const updates: (TStoredScore & { id: string; stage: TLifecycleStage })[] = [];
      const transitions: { leadId: string; fromStage: TLifecycleStage; toStage: TLifecycleStage; reason: string }[] = [];
      const clockStarts: TClockStart[] = [];
      for (const { account, activities, ...stored } of leads) {
        const scored = scoreLeadRow({ stored, account, activities, scoring, now });
        const { score } = scored;
        const after: TStoredScore = { fitScore: score.fit, engagementScore: Math.round(score.engagement), negativeScore: score.negative, score: score.total };
        if (after.fitScore === stored.fitScore && after.engagementScore === stored.engagementScore && after.negativeScore === stored.negativeScore && after.score === stored.score) continue;
        const from = stored.lifecycleStage as TLifecycleStage;
        let stage: TLifecycleStage = from;
        const stageEntries: TDecisionEntry[] = [];
        if ((from === "LEAD" || from === "SUBSCRIBER") && score.isMql) {
          const move = planTransition(lifecycle.body, { stage: from, score: { total: score.total, isMql: score.isMql }, activities }, { to: "MQL", now });
          if (move.ok) {
            stage = "MQL";
            transitions.push({ leadId: stored.id, fromStage: from, toStage: "MQL", reason: move.reasons.join(" ") });
            clockStarts.push(...leadClockStarts({ leadId: stored.id, ownerId: stored.ownerId, queueTeamId: stored.queueTeamId, region: stored.region, assigned: false, becameMql: true }));
            stageEntries.push({ kind: "lead.stage_changed", subjectType: "lead", subjectId: stored.id, actorId, policyVersionId: lifecycle.id, input: { from, score: score.total }, output: { to: "MQL" }, reasons: move.reasons });
          }
        }
        updates.push({ id: stored.id, ...after, stage });
        const entry = scored.entry;
        entries.push(
          {
            ...entry,
            kind: "lead.rescored",
            subjectId: stored.id,
            actorId,
            input: { ...(entry.input as object), previous: { fit: stored.fitScore, engagement: stored.engagementScore, negative: stored.negativeScore, total: stored.score } },
            output: { ...(entry.output as object), scoringVersion: scoring.version },
            reasons: [`Rescored with scoring version ${scoring.version}: ${describeScore(stored)} → ${describeScore(after)}.`, ...entry.reasons],
          },
          ...stageEntries,
        );
      }
      if (updates.length) {
        // One statement for the chunk's changed leads instead of one round trip each.
        await tx.$executeRaw`
          UPDATE leads AS l SET fit_score = v.fit, engagement_score = v.engagement, negative_score = v.negative, score = v.total,
            lifecycle_stage = v.stage::"LifecycleStage", updated_at = now()
          FROM unnest(${updates.map((u) => u.id)}::uuid[], ${updates.map((u) => u.fitScore)}::int[], ${updates.map((u) => u.engagementScore)}::int[],
                      ${updates.map((u) => u.negativeScore)}::int[], ${updates.map((u) => u.score)}::int[], ${updates.map((u) => u.stage)}::text[])
            AS v(id, fit, engagement, negative, total, stage)
          WHERE l.id = v.id`;
      }
      if (transitions.length) await tx.lifecycleTransition.createMany({ data: transitions });
      if (clockStarts.length) entries.push(...(await startClocks(tx, clockStarts, { actorId })).decisions);
      const last = leadIds[leadIds.length - 1]!;
      const run = await tx.jobRun.findUniqueOrThrow({ where: { id: jobRunId }, select: { result: true } });
      const previous = (run.result ?? {}) as { changed?: number; movedToMql?: number };
      await tx.jobRun.update({
        where: { id: jobRunId },
        data: { processed: { increment: leadIds.length }, result: { cursor: last, changed: (previous.changed ?? 0) + updates.length, movedToMql: (previous.movedToMql ?? 0) + transitions.length } },
      });
      // The log goes last: its lock is held until commit.
      if (entries.length) await appendDecisions(tx, entries);
      return last;
    },
    { maxWait: env().DATABASE_POOL_ACQUIRE_MS, timeout: 120_000 },
  );
}
