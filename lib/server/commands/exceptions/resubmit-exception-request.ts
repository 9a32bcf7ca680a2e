import "server-only";
import type { TResubmitException } from "@/lib/schemas/exception-requests";
import type { TSessionUser } from "../../auth/session-user";
import { db } from "../../db";
import { appendDecisions } from "../../decision-log";
import { syncApprovalClocks } from "../../sla/approval-clocks";
import { forbidden, invalidState } from "../../errors";
import { announceOutcome, notifyApprovers } from "./approval-notices";
import { PLAN_OPPORTUNITY_SELECT, planForOpportunity } from "./plan-for-opportunity";
import { lockRequest, SUBJECT } from "./request-state";
import { chainText, createSteps, requestFields } from "./write-plan";

/**
 * After an approver asked for changes, the requester sends new terms. The plan is computed
 * again and ALL stages run again: the simplest rule that is always correct, since new terms
 * can change which tiers apply and earlier approvals were given on the old terms. The old
 * step rows are replaced (the (request, stage, role) key allows one row each); their
 * decisions stay in the decision log.
 */
export async function resubmitExceptionRequest(options: { actor: TSessionUser; input: TResubmitException; now?: Date }): Promise<{ requestId: string; status: "APPROVED" | "PENDING"; reasons: string[] }> {
  const { actor, input } = options;
  const now = options.now ?? new Date();
  const result = await db().$transaction(
    async (tx) => {
      const { request } = await lockRequest(tx, input.requestId);
      if (request.requesterId !== actor.id) throw forbidden("Only the requester resubmits their request.");
      if (request.status !== "CHANGES_REQUESTED") throw invalidState("Only a request sent back for changes can be resubmitted.");
      const opportunity = await tx.opportunity.findUniqueOrThrow({ where: { id: request.opportunityId }, select: { ...PLAN_OPPORTUNITY_SELECT, name: true } });
      const plan = await planForOpportunity({ requesterId: actor.id, opportunity, deviations: input.deviations, now });
      const auto = plan.outcome === "AUTO_APPROVED";
      await tx.approvalStep.deleteMany({ where: { requestId: request.id } });
      await tx.exceptionRequest.update({
        where: { id: request.id },
        data: {
          ...requestFields(input, plan, now),
          counterOffer: { open: null, accepted: [] },
        },
      });
      if (!auto) {
        const steps = await createSteps(tx, request.id, plan, now);
        const opened = steps.filter((s) => s.status === "PENDING").map((s) => ({ id: s.id, assigneeId: s.assigneeId, groupRole: s.queueRole }));
        await notifyApprovers(tx, opened, { requestId: request.id, title: `Resubmitted for approval: ${opportunity.name}`, body: `${actor.name} changed the request after review. ${plan.reasons[0] ?? ""}` });
      }
      const reasons = ["Resubmitted after changes were requested: every stage runs again.", ...plan.reasons];
      const clockDecisions = await syncApprovalClocks(tx, request.id, { actorId: actor.id });
      await appendDecisions(tx, [
        {
          kind: "approval.resubmitted",
          subjectType: SUBJECT,
          subjectId: request.id,
          actorId: actor.id,
          policyVersionId: plan.policyVersionId,
          input: { resubmission: true, opportunityId: opportunity.id, deviations: input.deviations, deal: plan.deal },
          output: { outcome: plan.outcome, status: auto ? "APPROVED" : "PENDING", chain: chainText(plan), stages: plan.stages },
          reasons,
        },
        ...clockDecisions,
      ]);
      return { request, status: auto ? ("APPROVED" as const) : ("PENDING" as const), reasons };
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
  await announceOutcome(result.request, result.status, result.reasons.join(" "));
  return { requestId: result.request.id, status: result.status, reasons: result.reasons };
}
