import "server-only";
import { centsFromDecimal, respondToCounterOffer as answerOffer } from "@/lib/engine/approvals";
import type { TSessionUser } from "../../auth/session-user";
import { db } from "../../db";
import { appendDecisions } from "../../decision-log";
import { syncApprovalClocks } from "../../sla/approval-clocks";
import { forbidden, invalidState } from "../../errors";
import { announceOutcome, FINAL_STATUSES, notifyApprovers } from "./approval-notices";
import { counterOfferRecord, lockRequest, persistStepChanges, SUBJECT } from "./request-state";

/**
 * The requester answers an approver's counter offer (engine semantics, ADR 0006): accepting
 * resumes the approval on the new terms — the request ends APPROVED_WITH_CONDITIONS — and
 * writes those terms to the opportunity; declining rejects the request.
 */
export async function respondToCounterOffer(options: { actor: TSessionUser; requestId: string; accept: boolean; now?: Date }) {
  const { actor, accept } = options;
  const now = options.now ?? new Date();
  const result = await db().$transaction(async (tx) => {
    const { request, state } = await lockRequest(tx, options.requestId);
    if (request.requesterId !== actor.id) throw forbidden("Only the requester answers a counter offer.");
    const answered = answerOffer(state, { actorId: actor.id, accept, now });
    if (!answered.ok) throw invalidState(answered.reason);
    const offer = state.openCounterOffer!;
    const opened = await persistStepChanges(tx, state, answered.state, { now, plan: request.plan });
    const final = FINAL_STATUSES.has(answered.status);
    await tx.exceptionRequest.update({
      where: { id: request.id },
      data: { status: answered.status, decidedAt: final ? now : null, counterOffer: { ...counterOfferRecord(request.counterOffer), open: null, accepted: [...answered.state.acceptedConditions] } },
    });
    if (accept) {
      // Unlock first: the request may still be in progress (later stages), and the lock
      // trigger refuses term changes then. The setting is transaction-local and names only
      // this opportunity.
      await tx.$executeRaw`SELECT set_config('arbiter.unlocked_opportunity', ${request.opportunityId}, true)`;
      const opp = await tx.opportunity.findUniqueOrThrow({ where: { id: request.opportunityId }, select: { listAmount: true } });
      const c = offer.conditions;
      await tx.opportunity.update({
        where: { id: request.opportunityId },
        data: {
          ...(c.discountPct !== undefined ? { discountPct: c.discountPct, amount: (Math.round((centsFromDecimal(opp.listAmount.toFixed(2)) * (100 - c.discountPct)) / 100) / 100).toFixed(2) } : {}),
          ...(c.paymentTermsDays !== undefined ? { paymentTermsDays: c.paymentTermsDays } : {}),
          ...(c.termMonths !== undefined ? { termMonths: c.termMonths } : {}),
        },
      });
      await tx.$executeRaw`SELECT set_config('arbiter.unlocked_opportunity', '', true)`;
      await notifyApprovers(tx, opened, { requestId: request.id, title: `Approval needed: ${request.opportunity.name}`, body: `${request.requester.name} accepted a counter offer (${c.summary}); your stage is open.` });
    }
    const clockDecisions = await syncApprovalClocks(tx, request.id, { actorId: actor.id });
    await appendDecisions(tx, [
      {
        kind: "approval.counter_offer_answered",
        subjectType: SUBJECT,
        subjectId: request.id,
        actorId: actor.id,
        policyVersionId: request.policyVersionId,
        input: { action: "ANSWER_COUNTER_OFFER", accept, stepId: offer.stepId, conditions: offer.conditions },
        output: { requestStatus: answered.status, openedSteps: opened.map((s) => s.id), opportunityUpdated: accept },
        reasons: [answered.summary],
      },
      ...clockDecisions,
    ]);
    return { request, status: answered.status, summary: answered.summary };
  });
  await announceOutcome(result.request, result.status, result.summary);
  return { requestId: result.request.id, status: result.status, summary: result.summary };
}
