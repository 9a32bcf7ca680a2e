import "server-only";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { notFound } from "../errors";

// Who may read one exception request: the requester, anyone up their management chain,
// anyone on its steps (assignee, decider, the absent approver a delegate stands in for, a
// member of a step's queue), and the reviewing and oversight roles. Anyone else gets 404,
// so a request's existence is not revealed.
const READ_ALL_ROLES = new Set(["DEAL_DESK", "FINANCE", "LEGAL", "EXEC", "REVOPS"]);
const MAX_CHAIN = 12;

export async function getExceptionRequest(user: TSessionUser, requestId: string) {
  const request = await db().exceptionRequest.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      type: true,
      status: true,
      details: true,
      justification: true,
      impactedKpi: true,
      evidence: true,
      plan: true,
      counterOffer: true,
      policyVersionId: true,
      submittedAt: true,
      decidedAt: true,
      requester: { select: { id: true, name: true, managerId: true } },
      opportunity: { select: { id: true, name: true, amount: true, listAmount: true, discountPct: true, termMonths: true, paymentTermsDays: true } },
      steps: {
        orderBy: [{ stageIndex: "asc" }, { approverRole: "asc" }],
        select: { id: true, stageIndex: true, approverRole: true, queueRole: true, via: true, status: true, dueAt: true, decidedAt: true, reason: true, conditions: true, assigneeId: true, onBehalfOfId: true, decidedById: true, assignee: { select: { name: true } }, decidedBy: { select: { name: true } } },
      },
    },
  });
  if (!request || !(await mayRead(user, request))) throw notFound("That exception request (or one you may see)");
  return request;
}

type TReadable = { requester: { id: string; managerId: string | null }; steps: { assigneeId: string | null; onBehalfOfId: string | null; decidedById: string | null; queueRole: string | null; approverRole: string }[] };

async function mayRead(user: TSessionUser, request: TReadable): Promise<boolean> {
  if (READ_ALL_ROLES.has(user.role) || request.requester.id === user.id) return true;
  const onStep = request.steps.some((s) => [s.assigneeId, s.onBehalfOfId, s.decidedById].includes(user.id) || (s.assigneeId === null && (s.queueRole ?? s.approverRole) === user.role));
  if (onStep) return true;
  let managerId = request.requester.managerId;
  for (let hops = 0; managerId && hops < MAX_CHAIN; hops++) {
    if (managerId === user.id) return true;
    managerId = (await db().user.findUnique({ where: { id: managerId }, select: { managerId: true } }))?.managerId ?? null;
  }
  return false;
}
