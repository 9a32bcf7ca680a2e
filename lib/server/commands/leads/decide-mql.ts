import "server-only";
import { planTransition } from "@/lib/engine/lifecycle";
import type { TMqlDecision } from "@/lib/schemas/mql-decision";
import type { TLifecycleStage } from "@/lib/schemas/policies/lifecycle";
import type { TSessionUser } from "../../auth/session-user";
import { db } from "../../db";
import { appendDecisions } from "../../decision-log";
import { stopClocks } from "../../sla/stop-clocks";
import { conflict, forbidden, invalidState, notFound, validationError } from "../../errors";
import { activePolicy } from "../../queries/active-policy";
import { leadScope } from "../../queries/record-scope";

export type TMqlDecisionResult = { leadId: string; from: TLifecycleStage; to: TLifecycleStage; reasonCode: string | null; reasons: string[] };

/** Who may accept or reject a lead's MQL: its owner, the owner's manager, or RevOps. */
export function mayDecideMql(actor: Pick<TSessionUser, "id" | "role">, lead: { ownerId: string | null; owner: { managerId: string | null } | null }): boolean {
  return actor.role === "REVOPS" || (lead.ownerId !== null && lead.ownerId === actor.id) || (lead.owner?.managerId != null && lead.owner.managerId === actor.id);
}

/**
 * Accept an MQL (→ SQL) or reject it with a reason code from the published lifecycle policy
 * (→ RECYCLED or DISQUALIFIED, as the code says). The lifecycle engine plans the move; the
 * write is conditional on the lead still being an MQL, so of two concurrent decisions exactly
 * one lands and the other is told what happened.
 */
export async function decideMql(options: { actor: TSessionUser; leadId: string; input: TMqlDecision; now?: Date }): Promise<TMqlDecisionResult> {
  const { actor, leadId, input } = options;
  const now = options.now ?? new Date();
  const lead = await db().lead.findFirst({ where: { AND: [{ id: leadId }, leadScope(actor)] }, select: { id: true, ownerId: true, lifecycleStage: true, owner: { select: { managerId: true } } } });
  if (!lead) throw notFound("That lead");
  if (!mayDecideMql(actor, lead)) throw forbidden("Only the lead's owner, their manager or RevOps may accept or reject this MQL.");
  const lifecycle = await activePolicy("LIFECYCLE");

  let to: TLifecycleStage = "SQL";
  if (input.decision === "REJECT") {
    const codes = lifecycle.body.rejectReasons.map((r) => r.code);
    const reason = lifecycle.body.rejectReasons.find((r) => r.code === input.reasonCode);
    if (!reason) throw validationError("Choose a reason code from the lifecycle policy.", { reasonCode: [input.reasonCode ? `Unknown reason code "${input.reasonCode}": use one of ${codes.join(", ")}` : "Choose a reason code to reject an MQL"] });
    to = reason.outcome;
  }
  const from = lead.lifecycleStage as TLifecycleStage;
  const plan = planTransition(lifecycle.body, { stage: from }, { to, reasonCode: input.decision === "REJECT" ? input.reasonCode : undefined, actorRole: actor.role, now });
  if (!plan.ok) throw invalidState(plan.error);

  return db().$transaction(async (tx) => {
    // Only if it is still an MQL: the loser of a race changes nothing and hears why.
    const { count } = await tx.lead.updateMany({ where: { id: leadId, lifecycleStage: "MQL" }, data: { lifecycleStage: to } });
    if (count === 0) {
      const now = await tx.lead.findUnique({ where: { id: leadId }, select: { lifecycleStage: true } });
      throw conflict(`This lead is no longer an MQL (it is now ${now?.lifecycleStage ?? "gone"}): someone decided it first.`);
    }
    const reasonCode = plan.reasonCode ?? null;
    await tx.lifecycleTransition.create({ data: { leadId, fromStage: from, toStage: to, actorId: actor.id, reason: reasonCode ?? plan.reasons.join(" ") } });
    const clocks = await stopClocks(tx, { subjectType: "LEAD", subjectId: leadId, kinds: ["MQL_ACCEPT"], reason: input.decision === "REJECT" ? "the MQL was rejected" : "the MQL was accepted", actorId: actor.id });
    // The log goes last: its lock is held until commit.
    await appendDecisions(tx, [
      { kind: "lead.stage_changed", subjectType: "lead", subjectId: leadId, actorId: actor.id, policyVersionId: lifecycle.id, input: { from, decision: input.decision, reasonCode }, output: { to }, reasons: plan.reasons },
      ...clocks.decisions,
    ]);
    return { leadId, from, to, reasonCode, reasons: plan.reasons };
  });
}
