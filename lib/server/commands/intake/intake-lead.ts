import "server-only";
import { mergeLead, type TFieldSources } from "@/lib/engine/intake/merge";
import { normaliseLead, type TCustomAttribute, type TNormalisedLead } from "@/lib/engine/intake/normalise";
import { planTransition } from "@/lib/engine/lifecycle";
import { ZLeadInput, type TLeadChannel } from "@/lib/schemas/leads";
import type { TSessionUser } from "../../auth/session-user";
import { db } from "../../db";
import { env } from "../../env";
import { appendDecisions, type TDecisionEntry } from "../../decision-log";
import { conflict, fieldErrorsFromZod, invalidState, validationError } from "../../errors";
import { activePolicy } from "../../queries/active-policy";
import { matchAccount } from "./match-account";
import { enqueueWebhook } from "../../webhooks/enqueue-webhook";
import { notify } from "../../notifications/notify";
import { placeLead, type TPlacement } from "./place-lead";
import { displayOf, routingLeadOf } from "./routing-input";
import { scoreStoredLead } from "../leads/score-stored-lead";

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
  /** A lead from history (an import with outcomes): matched, merged, scored and logged, but never routed, moved to MQL or put on a clock. */
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
    const identities = [lead.email ? `email:${lead.email}` : null, lead.externalId ? `ext:${lead.externalId}` : null].filter((k): k is string => k !== null).sort();
    for (const key of identities) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`lead:${key}`}))`;

    const [byEmail, byExternal] = await Promise.all([
      lead.email ? tx.lead.findUnique({ where: { email: lead.email } }) : null,
      lead.externalId ? tx.lead.findUnique({ where: { externalId: lead.externalId } }) : null,
    ]);
    if (byEmail && byExternal && byEmail.id !== byExternal.id) {
      throw conflict(`The e-mail ${lead.email} and externalId ${lead.externalId} belong to two different leads; fix one of them in the source.`);
    }
    const existing = byEmail ?? byExternal;
    const explanation: string[] = [];
    const { account, reason: accountReason } = await matchAccount(tx, lead);
    explanation.push(accountReason);

    let leadId: string;
    let stage = existing?.lifecycleStage ?? "LEAD";
    const entries: Omit<TDecisionEntry, "subjectId">[] = [];
    if (existing) {
      const merge = mergeLead(
        { ...existing, customAttributes: existing.customAttributes as Record<string, TCustomAttribute>, fieldSources: existing.fieldSources as TFieldSources, isPartnerSourced: existing.isPartnerSourced },
        lead,
        options.channel,
        now,
      );
      leadId = existing.id;
      await tx.lead.update({ where: { id: leadId }, data: { ...(merge.changes as object), domain: lead.domain ?? existing.domain, fieldSources: merge.fieldSources, accountId: account?.id ?? existing.accountId } });
      explanation.push(...merge.reasons);
      entries.push({ kind: "lead.merged", subjectType: "lead", input: { channel: options.channel, lead }, output: { changes: merge.changes }, reasons: merge.reasons });
    } else {
      const created = await tx.lead.create({ data: { ...createData(lead), accountId: account?.id ?? null, fieldSources: sourcesFor(lead, options.channel, now) }, select: { id: true } });
      leadId = created.id;
      entries.push({ kind: "lead.created", subjectType: "lead", input: { channel: options.channel, lead }, output: { leadId }, reasons: [`New lead from ${options.channel}`] });
    }

    const { stored, activityCounts, custom, score, entry: scored } = await scoreStoredLead(tx, { leadId, account, scoring, now });
    entries.push(scored);

    if (options.historical) {
      if (!existing) await tx.lifecycleTransition.create({ data: { leadId, fromStage: null, toStage: stage, reason: "Created by a historical import" } });
    } else if (score.isMql && (stage === "LEAD" || stage === "SUBSCRIBER")) {
      const move = planTransition(lifecycle.body, { stage, score: { total: score.total, isMql: true } }, { to: "MQL", now });
      if (move.ok) {
        await tx.lifecycleTransition.create({ data: { leadId, fromStage: stage, toStage: "MQL", reason: move.reasons.join(" ") } });
        entries.push({ kind: "lead.stage_changed", subjectType: "lead", policyVersionId: lifecycle.id, input: { from: stage, score: score.total }, output: { to: "MQL" }, reasons: move.reasons });
        stage = "MQL";
      } else explanation.push(move.error);
    } else if (!existing) {
      await tx.lifecycleTransition.create({ data: { leadId, fromStage: null, toStage: stage, reason: "Created by intake" } });
    }

    const placement = options.historical ? historicalPlacement(existing) : await placeLead(tx, {
      leadId,
      existing,
      channel: options.channel,
      actor: options.actor,
      routingLead: routingLeadOf(stored, { stage, score, custom, activityCounts, account }),
      policy: routing,
      now,
      display: displayOf(stored, account),
    });
    if (!placement.ownerId && !placement.queueTeamId && !options.historical) {
      throw invalidState(`No row of the routing matrix could assign this lead (${placement.reasons[0] ?? "no reason given"}). RevOps must end the matrix with a fallback row that always assigns: a queue or an active user.`);
    }
    await tx.lead.update({
      where: { id: leadId },
      data: { fitScore: score.fit, engagementScore: Math.round(score.engagement), negativeScore: score.negative, score: score.total, lifecycleStage: stage, ownerId: placement.ownerId, queueTeamId: placement.queueTeamId },
    });
    if (placement.entry) entries.push(placement.entry);
    if (placement.notification) await notify(tx, [placement.notification]);
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
  }, { maxWait: env().DATABASE_POOL_ACQUIRE_MS });
  // After commit, never inside: a webhook must not announce an assignment that rolled back.
  if (assignment) await enqueueWebhook("lead.assigned", assignment);
  return result;
}

/** History is not routed: the lead keeps whatever owner it had, or stays unowned. */
function historicalPlacement(existing: { ownerId: string | null; queueTeamId: string | null } | null): TPlacement {
  return { ownerId: existing?.ownerId ?? null, queueTeamId: existing?.queueTeamId ?? null, reasons: ["Historical import: not routed"], entry: null, notification: null, assigned: false };
}

function createData(lead: TNormalisedLead) {
  const { isPersonalEmail: _p, normalizedCompany: _n, customAttributes, isPartnerSourced, ...fields } = lead;
  return { ...fields, isPartnerSourced: isPartnerSourced ?? false, customAttributes, region: null };
}

function sourcesFor(lead: TNormalisedLead, channel: TLeadChannel, at: Date): TFieldSources {
  const sources: TFieldSources = {};
  for (const [key, value] of Object.entries(lead)) if (value !== null && value !== "" && key !== "customAttributes") sources[key] = { source: channel, at: at.toISOString() };
  for (const name of Object.keys(lead.customAttributes)) sources[`custom.${name}`] = { source: channel, at: at.toISOString() };
  return sources;
}
