import "server-only";
import type { TSessionUser } from "../../auth/session-user";
import { db } from "../../db";
import { appendDecisions } from "../../decision-log";
import { syncApprovalClocks } from "../../sla/approval-clocks";
import { forbidden, invalidState } from "../../errors";
import { lockRequest, OPEN_REQUEST_STATUSES, SUBJECT } from "./request-state";

/**
 * The requester takes a request back while it is in progress. Open and waiting steps are
 * skipped, and the opportunity's terms unlock (the trigger only locks in-progress requests).
 * Logged as "approval.withdrawn".
 */
export async function withdrawExceptionRequest(options: { actor: TSessionUser; requestId: string; now?: Date }): Promise<{ requestId: string; status: "WITHDRAWN" }> {
  const { actor } = options;
  const now = options.now ?? new Date();
  await db().$transaction(async (tx) => {
    const { request } = await lockRequest(tx, options.requestId);
    if (request.requesterId !== actor.id) throw forbidden("Only the requester withdraws their request.");
    if (!(OPEN_REQUEST_STATUSES as readonly string[]).includes(request.status)) throw invalidState(`The request is already ${request.status.toLowerCase().replaceAll("_", " ")}; only a request in progress can be withdrawn.`);
    const skipped = await tx.approvalStep.updateMany({ where: { requestId: request.id, status: { in: ["PENDING", "WAITING"] } }, data: { status: "SKIPPED" } });
    await tx.exceptionRequest.update({ where: { id: request.id }, data: { status: "WITHDRAWN", decidedAt: now, counterOffer: { open: null, accepted: [] } } });
    const clockDecisions = await syncApprovalClocks(tx, request.id, { actorId: actor.id });
    await appendDecisions(tx, [
      {
        kind: "approval.withdrawn",
        subjectType: SUBJECT,
        subjectId: request.id,
        actorId: actor.id,
        policyVersionId: request.policyVersionId,
        input: { action: "WITHDRAW", previousStatus: request.status },
        output: { requestStatus: "WITHDRAWN", skippedSteps: skipped.count },
        reasons: [`Withdrawn by the requester while ${request.status.toLowerCase().replaceAll("_", " ")}; ${skipped.count} open step(s) skipped and the opportunity's terms unlocked.`],
      },
      ...clockDecisions,
    ]);
  });
  return { requestId: options.requestId, status: "WITHDRAWN" };
}
