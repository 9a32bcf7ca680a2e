import "server-only";
import type { TSubmitException } from "@/lib/schemas/exception-requests";
import type { TSessionUser } from "../../auth/session-user";
import { db } from "../../db";
import { appendDecisions } from "../../decision-log";
import { syncApprovalClocks } from "../../sla/approval-clocks";
import { conflict, forbidden, invalidState, notFound } from "../../errors";
import { opportunityScope } from "../../queries/record-scope";
import { announceOutcome, notifyApprovers } from "./approval-notices";
import { PLAN_OPPORTUNITY_SELECT, planForOpportunity } from "./plan-for-opportunity";
import { OPEN_REQUEST_STATUSES, SUBJECT } from "./request-state";
import { chainText, createSteps, requestFields } from "./write-plan";

export type TSubmitResult = { requestId: string; status: "APPROVED" | "PENDING"; outcome: string; reasons: string[] };

/**
 * Submits an exception request. The plan is recomputed here from the stored opportunity and
 * the published policy; a client's plan is never trusted. One transaction writes the request,
 * its steps, the approvers' notices and the "approval.planned" entry; from then on the
 * database refuses changes to the opportunity's terms (trigger) until the request closes.
 */
export async function submitExceptionRequest(options: { actor: TSessionUser; input: TSubmitException; now?: Date }): Promise<TSubmitResult> {
  const { actor, input } = options;
  const now = options.now ?? new Date();
  const result = await db().$transaction(
    async (tx) => {
      // Locking the opportunity row serialises submissions on one deal, so two concurrent
      // submits cannot both see "no request in progress".
      await tx.$queryRaw`SELECT id FROM opportunities WHERE id = ${input.opportunityId}::uuid FOR UPDATE`;
      const opportunity = await tx.opportunity.findFirst({ where: { AND: [{ id: input.opportunityId }, opportunityScope(actor)] }, select: { ...PLAN_OPPORTUNITY_SELECT, name: true } });
      if (!opportunity) throw notFound("That opportunity (or one you may see)");
      if (opportunity.ownerId !== actor.id && opportunity.owner.managerId !== actor.id) {
        throw forbidden("Only the opportunity's owner, or their manager, requests exceptions on it.");
      }
      if (opportunity.stage === "CLOSED_WON" || opportunity.stage === "CLOSED_LOST") throw invalidState("This opportunity is closed; exceptions are requested on open deals only.");
      const open = await tx.exceptionRequest.findFirst({ where: { opportunityId: opportunity.id, status: { in: [...OPEN_REQUEST_STATUSES] } }, select: { status: true, submittedAt: true } });
      if (open) {
        throw conflict(`This opportunity already has an exception request in progress (${open.status.toLowerCase().replaceAll("_", " ")}). Withdraw it, or wait for its decision, before asking again.`);
      }

      const plan = await planForOpportunity({ requesterId: actor.id, opportunity, deviations: input.deviations, now });
      const auto = plan.outcome === "AUTO_APPROVED";
      const request = await tx.exceptionRequest.create({
        data: {
          opportunityId: opportunity.id,
          requesterId: actor.id,
          ...requestFields(input, plan, now),
        },
        select: { id: true, opportunityId: true, requesterId: true },
      });
      if (!auto) {
        const steps = await createSteps(tx, request.id, plan, now);
        const opened = steps.filter((s) => s.status === "PENDING").map((s) => ({ id: s.id, assigneeId: s.assigneeId, groupRole: s.queueRole }));
        await notifyApprovers(tx, opened, { requestId: request.id, title: `Approval needed: ${opportunity.name}`, body: `${actor.name} asks for an exception. ${plan.reasons[0] ?? ""}` });
      }
      const clockDecisions = await syncApprovalClocks(tx, request.id, { actorId: actor.id });
      await appendDecisions(tx, [
        {
          kind: "approval.planned",
          subjectType: SUBJECT,
          subjectId: request.id,
          actorId: actor.id,
          policyVersionId: plan.policyVersionId,
          input: { opportunityId: opportunity.id, deviations: input.deviations, deal: plan.deal },
          output: { outcome: plan.outcome, status: auto ? "APPROVED" : "PENDING", chain: chainText(plan), stages: plan.stages },
          reasons: plan.reasons,
        },
        ...clockDecisions,
      ]);
      return { request, plan };
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
  const status = result.plan.outcome === "AUTO_APPROVED" ? "APPROVED" : "PENDING";
  await announceOutcome(result.request, status, result.plan.reasons.join(" "));
  return { requestId: result.request.id, status, outcome: result.plan.outcome, reasons: result.plan.reasons };
}
