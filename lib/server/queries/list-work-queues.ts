import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";

// Group roles whose members share one queue (deal desk, finance, legal).
const GROUP_ROLES = new Set(["DEAL_DESK", "FINANCE", "LEGAL"]);

/**
 * Approval steps waiting on this person: assigned to them, to someone whose delegation to
 * them is in force now, or queued for a group they belong to (a fallback step names its
 * queue in queueRole), soonest due first. With the request's context for deciding.
 */
export async function listApprovalQueue(user: TSessionUser, now = new Date()) {
  const delegators = await db().delegation.findMany({ where: { delegateId: user.id, startsAt: { lte: now }, endsAt: { gt: now } }, select: { delegatorId: true } });
  const mine: Prisma.ApprovalStepWhereInput[] = [{ assigneeId: { in: [user.id, ...delegators.map((d) => d.delegatorId)] } }];
  if (GROUP_ROLES.has(user.role)) mine.push({ assigneeId: null, OR: [{ queueRole: user.role }, { queueRole: null, approverRole: user.role }] });
  return db().approvalStep.findMany({
    where: { status: "PENDING", request: { status: "PENDING" }, OR: mine },
    orderBy: [{ dueAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    take: 200,
    select: {
      id: true,
      approverRole: true,
      queueRole: true,
      via: true,
      assigneeId: true,
      dueAt: true,
      stageIndex: true,
      assignee: { select: { name: true } },
      request: {
        select: {
          id: true,
          type: true,
          details: true,
          justification: true,
          impactedKpi: true,
          evidence: true,
          plan: true,
          submittedAt: true,
          requester: { select: { name: true } },
          opportunity: { select: { name: true, amount: true, listAmount: true, discountPct: true, termMonths: true, paymentTermsDays: true } },
        },
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
      counterOffer: true,
      opportunityId: true,
      opportunity: { select: { name: true } },
      steps: {
        where: { status: { in: ["PENDING", "CHANGES_REQUESTED", "REJECTED", "APPROVED"] } },
        orderBy: { stageIndex: "asc" },
        select: { approverRole: true, queueRole: true, status: true, reason: true, conditions: true, dueAt: true, assignee: { select: { name: true } }, decidedBy: { select: { name: true } }, createdAt: true },
      },
    },
  });
}
