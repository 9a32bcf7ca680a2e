import "server-only";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";

// Group roles whose members share one queue (deal desk, finance, legal).
const GROUP_ROLES = new Set(["DEAL_DESK", "FINANCE", "LEGAL"]);

/** Approval steps waiting on this person, or on a group they belong to, soonest due first. */
export async function listApprovalQueue(user: TSessionUser) {
  return db().approvalStep.findMany({
    where: {
      status: "PENDING",
      OR: [{ assigneeId: user.id }, ...(GROUP_ROLES.has(user.role) ? [{ assigneeId: null, approverRole: user.role }] : [])],
    },
    orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    take: 200,
    select: {
      id: true,
      approverRole: true,
      dueAt: true,
      stageIndex: true,
      request: {
        select: { id: true, type: true, justification: true, submittedAt: true, requester: { select: { name: true } }, opportunity: { select: { name: true, amount: true } } },
      },
    },
  });
}

export async function listMyRequests(user: TSessionUser) {
  return db().exceptionRequest.findMany({
    where: { requesterId: user.id },
    orderBy: { updatedAt: "desc" },
    take: 200,
    select: {
      id: true,
      type: true,
      status: true,
      submittedAt: true,
      updatedAt: true,
      opportunity: { select: { name: true } },
      steps: { where: { status: "PENDING" }, select: { approverRole: true, assignee: { select: { name: true } }, createdAt: true } },
    },
  });
}
