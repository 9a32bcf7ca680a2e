import "server-only";
import { planTransition } from "@/lib/engine/lifecycle";
import type { TLifecycleStage } from "@/lib/schemas/policies/lifecycle";
import type { TScoringPolicy } from "@/lib/schemas/policies/scoring";
import { db } from "../db";
import { appendDecisions, type TDecisionEntry } from "../decision-log";
import { env } from "../env";
import { ACCOUNT_FOR_FACTS } from "../commands/intake/match-account";
import { scoreStoredLead } from "../commands/leads/score-stored-lead";
import { activePolicy } from "../queries/active-policy";

type TStoredScore = { fitScore: number; engagementScore: number; negativeScore: number; score: number };

const describeScore = (s: TStoredScore) => `${s.score} (fit ${s.fitScore}, engagement ${s.engagementScore}, negative ${s.negativeScore})`;

/**
 * Rescores one chunk of leads with a newly published version, in one transaction with the
 * run's progress. Only a changed score is written and logged ("lead.rescored", naming the
 * version), so running a chunk twice logs nothing the second time. A LEAD or SUBSCRIBER the
 * new score qualifies moves to MQL when the lifecycle policy allows, as on new activity;
 * nobody is demoted by a rescoring (the lifecycle has no automatic move back). Returns the
 * last lead id, the run's new cursor.
 */
export async function rescoreChunk(args: { jobRunId: string; leadIds: string[]; scoring: { id: string; version: number; body: TScoringPolicy }; actorId: string | null; now: Date }): Promise<string> {
  const { jobRunId, leadIds, scoring, actorId, now } = args;
  const lifecycle = await activePolicy("LIFECYCLE");
  return db().$transaction(
    async (tx) => {
      // Locks in id order: an intake or MQL decision on one of these leads waits for this chunk.
      await tx.$queryRaw`SELECT id FROM leads WHERE id = ANY(${leadIds}::uuid[]) ORDER BY id FOR UPDATE`;
      const entries: TDecisionEntry[] = [];
      let changed = 0;
      let movedToMql = 0;
      for (const leadId of leadIds) {
        const before = await tx.lead.findUniqueOrThrow({ where: { id: leadId }, select: { accountId: true, lifecycleStage: true, fitScore: true, engagementScore: true, negativeScore: true, score: true } });
        const account = before.accountId ? await tx.account.findUnique({ where: { id: before.accountId }, select: ACCOUNT_FOR_FACTS }) : null;
        const { score, activities, entry } = await scoreStoredLead(tx, { leadId, account, scoring, now });
        const after: TStoredScore = { fitScore: score.fit, engagementScore: Math.round(score.engagement), negativeScore: score.negative, score: score.total };
        if (after.fitScore === before.fitScore && after.engagementScore === before.engagementScore && after.negativeScore === before.negativeScore && after.score === before.score) continue;
        changed++;
        const from = before.lifecycleStage as TLifecycleStage;
        let stage: TLifecycleStage = from;
        const stageEntries: TDecisionEntry[] = [];
        if ((from === "LEAD" || from === "SUBSCRIBER") && score.isMql) {
          const move = planTransition(lifecycle.body, { stage: from, score: { total: score.total, isMql: score.isMql }, activities }, { to: "MQL", now });
          if (move.ok) {
            stage = "MQL";
            movedToMql++;
            await tx.lifecycleTransition.create({ data: { leadId, fromStage: from, toStage: "MQL", reason: move.reasons.join(" ") } });
            stageEntries.push({ kind: "lead.stage_changed", subjectType: "lead", subjectId: leadId, actorId, policyVersionId: lifecycle.id, input: { from, score: score.total }, output: { to: "MQL" }, reasons: move.reasons });
          }
        }
        await tx.lead.update({ where: { id: leadId }, data: { ...after, lifecycleStage: stage } });
        entries.push(
          {
            ...entry,
            kind: "lead.rescored",
            subjectId: leadId,
            actorId,
            input: { ...(entry.input as object), previous: { fit: before.fitScore, engagement: before.engagementScore, negative: before.negativeScore, total: before.score } },
            output: { ...(entry.output as object), scoringVersion: scoring.version },
            reasons: [`Rescored with scoring version ${scoring.version}: ${describeScore(before)} → ${describeScore(after)}.`, ...entry.reasons],
          },
          ...stageEntries,
        );
      }
      const last = leadIds[leadIds.length - 1]!;
      const run = await tx.jobRun.findUniqueOrThrow({ where: { id: jobRunId }, select: { result: true } });
      const previous = (run.result ?? {}) as { changed?: number; movedToMql?: number };
      await tx.jobRun.update({
        where: { id: jobRunId },
        data: { processed: { increment: leadIds.length }, result: { cursor: last, changed: (previous.changed ?? 0) + changed, movedToMql: (previous.movedToMql ?? 0) + movedToMql } },
      });
      // The log goes last: its lock is held until commit.
      if (entries.length) await appendDecisions(tx, entries);
      return last;
    },
    { maxWait: env().DATABASE_POOL_ACQUIRE_MS, timeout: 120_000 },
  );
}
