import "server-only";
import { normaliseLead } from "@/lib/engine/intake/normalise";
import { ZLeadInput, type TLeadChannel } from "@/lib/schemas/leads";
import type { TSessionUser } from "../../auth/session-user";
import { db } from "../../db";
import { appendDecisions, type TDecisionEntry } from "../../decision-log";
import { conflict, fieldErrorsFromZod, invalidState, validationError } from "../../errors";
import { activePolicy } from "../../queries/active-policy";
import { matchAccount } from "./match-account";
import { enqueueWebhook } from "../../webhooks/enqueue-webhook";
import { notify } from "../../notifications/notify";
import { historicalPlacement, placeLeadAndApply, type TPlacement } from "./place-lead";
import { createData, identityKeys, mergedLeadRow, sourcesFor } from "./lead-row";
import { planIntakeStage } from "./stage-plan";
import { lockIdentities } from "./identity-locks";
import { lockMatchingLeads } from "./lock-matching-leads";
import { intakeTransactionOptions } from "./transaction-options";
import { conflictMessage, createdEntry, mergedEntry } from "./intake-entries";
import { displayOf, routingLeadOf } from "./routing-input";
import { scoreStoredLead } from "../leads/score-stored-lead";
import { leadClockStarts } from "../../sla/lead-clocks";
import { retargetClocks } from "../../sla/retarget-clocks";
import { startClocks } from "../../sla/start-clocks";

export type TIntakeResult = {
  status: "created" | "updated";
  leadId: string;
  lifecycleStage: string;
  score: { fit: number; engagement: number; negative: number; total: number; isMql: boolean; breakdown: unknown; reasons: readonly string[] };
  accountId: string | null;
  ownerId: string | null;
  queueTeamId: string | null;
  explanation: string[];
};

/**
 * The intake pipeline for one lead, in one transaction: normalise → validate → match/dedup →
 * merge → score → lifecycle stage → placement → decision log. Either all of it commits, or
 * nothing does. Concurrent submissions of the same person serialise on an advisory lock on
 * their identity, so 50 parallel submits of one e-mail make one lead.
 */
export async function intakeLead(options: {
  actor: Pick<TSessionUser, "id" | "role" | "name"> | null;
  raw: unknown;
  channel: TLeadChannel;
  now?: Date;
  /** A historical import: no SLA clock starts (its first touch happened long ago, or never will). */
  historical?: boolean;
}): Promise<TIntakeResult> {
  const parsed = ZLeadInput.safeParse(options.raw);
  if (!parsed.success) throw validationError("The lead did not pass validation.", fieldErrorsFromZod(parsed.error.issues));
  const normalised = normaliseLead(parsed.data);
  if (!normalised.ok) throw validationError("The lead did not pass validation.", normalised.fields);
  const lead = normalised.lead;
  const now = options.now ?? new Date();
  const [scoring, lifecycle, routing] = await Promise.all([activePolicy("SCORING"), activePolicy("LIFECYCLE"), activePolicy("ROUTING")]);

  const { result, assignment } = await db().$transaction(async (tx) => {
    await lockIdentities(tx, identityKeys(lead));
    await lockMatchingLeads(tx, { emails: lead.email ? [lead.email] : [], externalIds: lead.externalId ? [lead.externalId] : [] });

    const [byEmail, byExternal] = await Promise.all([
      lead.email ? tx.lead.findUnique({ where: { email: lead.email } }) : null,
      lead.externalId ? tx.lead.findUnique({ where: { externalId: lead.externalId } }) : null,
    ]);
    if (byEmail && byExternal && byEmail.id !== byExternal.id) {
      throw conflict(conflictMessage(lead));
    }
    const existing = byEmail ?? byExternal;
    const explanation: string[] = [];
    const { account, reason: accountReason } = await matchAccount(tx, lead);
    explanation.push(accountReason);

    let leadId: string;
    let stage = existing?.lifecycleStage ?? "LEAD";
    const entries: Omit<TDecisionEntry, "subjectId">[] = [];
    if (existing) {
      const { merge, data } = mergedLeadRow(existing, lead, options.channel, now, account?.id ?? null);
      leadId = existing.id;
      await tx.lead.update({ where: { id: leadId }, data });
      explanation.push(...merge.reasons);
      entries.push(mergedEntry(options.channel, lead, merge));
    } else {
      const created = await tx.lead.create({ data: { ...createData(lead), accountId: account?.id ?? null, fieldSources: sourcesFor(lead, options.channel, now) }, select: { id: true } });
      leadId = created.id;
      entries.push(createdEntry(options.channel, lead, leadId));
    }

    const { stored, activityCounts, custom, score, entry: scored } = await scoreStoredLead(tx, { leadId, account, scoring, now });
    entries.push(scored);

    const stagePlan = planIntakeStage(lifecycle, { stage, isNew: !existing, score, now, historical: options.historical });
    if (stagePlan.transition) await tx.lifecycleTransition.create({ data: { leadId, ...stagePlan.transition } });
    if (stagePlan.entry) entries.push(stagePlan.entry);
    if (stagePlan.refused) explanation.push(stagePlan.refused);
    stage = stagePlan.stage;

    // Everything that follows from the placement, in this transaction. It may run twice: when
    // another intake picked from the same pool meanwhile, the first run is rolled back to a
    // savepoint and the lead is placed again under the pool lock (place-lead.ts).
    const applyPlacement = async (placement: TPlacement): Promise<Omit<TDecisionEntry, "subjectId">[]> => {
      if (!placement.ownerId && !placement.queueTeamId && !options.historical) {
        throw invalidState(`No row of the routing matrix could assign this lead (${placement.reasons[0] ?? "no reason given"}). RevOps must end the matrix with a fallback row that always assigns: a queue or an active user.`);
      }
      await tx.lead.update({
        where: { id: leadId },
        data: { fitScore: score.fit, engagementScore: Math.round(score.engagement), negativeScore: score.negative, score: score.total, lifecycleStage: stage, ownerId: placement.ownerId, queueTeamId: placement.queueTeamId },
      });
      const applied: Omit<TDecisionEntry, "subjectId">[] = placement.entry ? [placement.entry] : [];
      if (placement.notification) await notify(tx, [placement.notification]);
      if (!options.historical) {
        // SLA clocks: first touch for a newly placed lead, MQL accept when it became an MQL here.
        const moved = existing && placement.assigned ? await retargetClocks(tx, { subjectType: "LEAD", subjectId: leadId, newOwnerId: placement.ownerId, newTeamId: placement.queueTeamId, reason: "intake placed the lead again" }) : { decisions: [] };
        const becameMql = stage === "MQL" && (existing?.lifecycleStage ?? "LEAD") !== "MQL";
        const clocks = await startClocks(tx, leadClockStarts({ leadId, ownerId: placement.ownerId, queueTeamId: placement.queueTeamId, region: stored.region ?? null, assigned: placement.assigned, becameMql }));
        applied.push(...moved.decisions, ...clocks.decisions);
      }
      return applied;
    };
    const kept = options.historical ? historicalPlacement(existing) : null;
    const { placement, applied } = kept
      ? { placement: kept, applied: await applyPlacement(kept) }
      : await placeLeadAndApply(
          tx,
          {
            leadId,
            existing,
            channel: options.channel,
            actor: options.actor,
            routingLead: routingLeadOf(stored, { stage, score, custom, activityCounts, account }),
            policy: routing,
            now,
            display: displayOf(stored, account),
          },
          applyPlacement,
        );
    entries.push(...applied);
    explanation.push(...score.reasons, ...placement.reasons);
    // The log goes last: its lock is held until commit.
    await appendDecisions(tx, entries.map((e) => ({ ...e, subjectId: leadId, actorId: options.actor?.id ?? null })));
    const result: TIntakeResult = {
      status: existing ? "updated" : "created",
      leadId,
      lifecycleStage: stage,
      score: { fit: score.fit, engagement: score.engagement, negative: score.negative, total: score.total, isMql: score.isMql, breakdown: score.breakdown, reasons: score.reasons },
      accountId: account?.id ?? existing?.accountId ?? null,
      ownerId: placement.ownerId,
      queueTeamId: placement.queueTeamId,
      explanation,
    };
    // What the lead.assigned webhook says, sent only once this transaction has committed.
    const assignment = placement.assigned ? { leadId, ownerId: placement.ownerId, queueTeamId: placement.queueTeamId, policyVersionId: routing.id, reason: placement.reasons[0] ?? null } : null;
    return { result, assignment };
    // A burst queues for a connection as long as the pool allows, not Prisma's 2 s default:
    // intakes that reach the same pool (and all of them, at the decision log) run one by one.
    // The timeout covers waiting for the pool and identity locks a concurrent batch chunk holds
    // (a chunk of 500 commits in well under a second alone, but several can queue ahead).
  }, intakeTransactionOptions());
  // After commit, never inside: a webhook must not announce an assignment that rolled back.
  if (assignment) await enqueueWebhook("lead.assigned", assignment);
  return result;
}
