import "server-only";
import { planTransition } from "@/lib/engine/lifecycle";
import type { TLeadActivities } from "@/lib/schemas/lead-activities";
import type { TLifecycleStage } from "@/lib/schemas/policies/lifecycle";
import type { TSessionUser } from "../../auth/session-user";
import { db, type Tx } from "../../db";
import { appendDecisions, type TDecisionEntry } from "../../decision-log";
import { env } from "../../env";
import { notFound } from "../../errors";
import { notify, type TNotification } from "../../notifications/notify";
import { activePolicy } from "../../queries/active-policy";
import { leadScope } from "../../queries/record-scope";
import { ACCOUNT_FOR_FACTS } from "../intake/match-account";
import { scoreStoredLead } from "./score-stored-lead";
import { FIRST_TOUCH_ACTIVITY_TYPES, leadClockStarts } from "../../sla/lead-clocks";
import { startClocks } from "../../sla/start-clocks";
import { stopClocks } from "../../sla/stop-clocks";

export type TRecordActivitiesResult = {
  leadId: string;
  recorded: number;
  lifecycleStage: string;
  previousStage: string;
  score: { fit: number; engagement: number; negative: number; total: number; isMql: boolean };
  explanation: string[];
};

/**
 * Records activities for one lead the caller may see and, in the same transaction, re-scores
 * it with the published model and makes the automatic stage move the new score allows
 * (LEAD/SUBSCRIBER → MQL, or a recycled lead requalifying on new intent, whose last owner is
 * told). Nothing is written unless all of it is.
 */
export async function recordLeadActivities(options: { actor: TSessionUser; leadId: string; input: TLeadActivities; now?: Date }): Promise<TRecordActivitiesResult> {
  const { actor, leadId, input } = options;
  const now = options.now ?? new Date();
  // Scope first, outside the transaction: a lead the caller may not see is "not found".
  const visible = await db().lead.findFirst({ where: { AND: [{ id: leadId }, leadScope(actor)] }, select: { id: true } });
  if (!visible) throw notFound("That lead");
  const [scoring, lifecycle] = await Promise.all([activePolicy("SCORING"), activePolicy("LIFECYCLE")]);

  return db().$transaction(
    async (tx) => {
      // Row lock: a concurrent MQL decision or activity post sees this one's stage, not a stale one.
      await tx.$queryRaw`SELECT id FROM leads WHERE id = ${leadId}::uuid FOR UPDATE`;
      await tx.leadActivity.createMany({
        data: input.activities.map((a) => ({ leadId, type: a.type, occurredAt: new Date(a.occurredAt), metadata: (a.metadata ?? {}) as object })),
      });
      const current = await tx.lead.findUniqueOrThrow({ where: { id: leadId }, select: { accountId: true, lifecycleStage: true, ownerId: true, firstName: true, lastName: true, email: true } });
      const account = current.accountId ? await tx.account.findUnique({ where: { id: current.accountId }, select: ACCOUNT_FOR_FACTS }) : null;
      const { score, activities, entry: scored } = await scoreStoredLead(tx, { leadId, account, scoring, now });
      const entries: Omit<TDecisionEntry, "subjectId">[] = [scored];
      const explanation = [`Recorded ${input.activities.length} activit${input.activities.length === 1 ? "y" : "ies"}`, ...score.reasons];
      const from = current.lifecycleStage as TLifecycleStage;
      let stage: TLifecycleStage = from;
      const notifications: TNotification[] = [];

      const candidate = from === "LEAD" || from === "SUBSCRIBER" ? score.isMql : from === "RECYCLED";
      if (candidate) {
        const recycledAt = from === "RECYCLED" ? await lastRecycling(tx, leadId) : null;
        const move = planTransition(lifecycle.body, { stage: from, score: { total: score.total, isMql: score.isMql }, recycledAt: recycledAt?.at, activities }, { to: "MQL", now });
        if (move.ok) {
          stage = "MQL";
          await tx.lifecycleTransition.create({ data: { leadId, fromStage: from, toStage: "MQL", reason: move.reasons.join(" ") } });
          entries.push({ kind: "lead.stage_changed", subjectType: "lead", policyVersionId: lifecycle.id, input: { from, score: score.total }, output: { to: "MQL" }, reasons: move.reasons });
          explanation.push(...move.reasons);
          // The owner who recycled it (or whoever still owns it) hears that it is back.
          const lastOwner = current.ownerId ?? recycledAt?.actorId ?? null;
          if (move.notifyLastOwner && lastOwner) {
            const name = [current.firstName, current.lastName].filter(Boolean).join(" ") || current.email || "A recycled lead";
            notifications.push({ userId: lastOwner, kind: "lead.requalified", title: `${name} is an MQL again`, body: move.reasons.join(" "), link: `/leads/${leadId}` });
          }
        } else explanation.push(`Stage stays ${from}: ${move.error}`);
      }

      await tx.lead.update({ where: { id: leadId }, data: { fitScore: score.fit, engagementScore: Math.round(score.engagement), negativeScore: score.negative, score: score.total, lifecycleStage: stage } });
      await notify(tx, notifications);
      // SLA clocks: a call, sent e-mail or meeting is the first touch; a new MQL gets its accept clock.
      const touch = input.activities.find((a) => FIRST_TOUCH_ACTIVITY_TYPES.includes(a.type));
      if (touch) entries.push(...(await stopClocks(tx, { subjectType: "LEAD", subjectId: leadId, kinds: ["LEAD_FIRST_TOUCH"], reason: `first touch logged (${touch.type.replaceAll("_", " ")})`, actorId: actor.id })).decisions);
      if (stage === "MQL" && from !== "MQL") {
        const starts = leadClockStarts({ leadId, ownerId: current.ownerId, queueTeamId: null, region: null, assigned: false, becameMql: true });
        entries.push(...(await startClocks(tx, starts, { actorId: actor.id })).decisions);
      }
      // The log goes last: its lock is held until commit.
      await appendDecisions(tx, entries.map((e) => ({ ...e, subjectId: leadId, actorId: actor.id })));
      return {
        leadId,
        recorded: input.activities.length,
        lifecycleStage: stage,
        previousStage: from,
        score: { fit: score.fit, engagement: score.engagement, negative: score.negative, total: score.total, isMql: score.isMql },
        explanation,
      };
    },
    { maxWait: env().DATABASE_POOL_ACQUIRE_MS },
  );
}

async function lastRecycling(tx: Tx, leadId: string) {
  return tx.lifecycleTransition.findFirst({ where: { leadId, toStage: "RECYCLED" }, orderBy: { at: "desc" }, select: { at: true, actorId: true } });
}
