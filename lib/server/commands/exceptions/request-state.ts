import "server-only";
import { GROUP_ROLES, type TActor, type TApprovalState, type TApproverRole, type TCounterOffer, type TGroupRole, type TStepState } from "@/lib/engine/approvals";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TSessionUser } from "../../auth/session-user";
import type { Tx } from "../../db";
import { notFound } from "../../errors";

// Maps exception_requests + approval_steps rows to the engine's TApprovalState and back.
// Every command that changes a request's steps first locks the request row (FOR UPDATE):
// the stage transitions of parallel steps (finance and legal approving at once) read the
// sibling steps, and two such transactions must not both miss each other's approval.

/** A request in one of these statuses is in progress: it locks its opportunity's terms. */
export const OPEN_REQUEST_STATUSES = ["PENDING", "AWAITING_REQUESTER", "CHANGES_REQUESTED"] as const;
export const FINAL_REQUEST_STATUSES = ["APPROVED", "APPROVED_WITH_CONDITIONS", "REJECTED"] as const;
export const SUBJECT = "exception_request";

/** counter_offer column: the offer waiting for the requester and the ones they accepted. */
export type TCounterOfferRecord = { open: { stepId: string; conditions: TCounterOffer } | null; accepted: TCounterOffer[] };

export function counterOfferRecord(json: unknown): TCounterOfferRecord {
  const v = (json ?? {}) as Partial<TCounterOfferRecord>;
  return { open: v.open ?? null, accepted: Array.isArray(v.accepted) ? v.accepted : [] };
}

const REQUEST_SELECT = {
  id: true,
  opportunityId: true,
  requesterId: true,
  status: true,
  type: true,
  plan: true,
  counterOffer: true,
  policyVersionId: true,
  opportunity: { select: { name: true } },
  requester: { select: { name: true } },
  steps: {
    orderBy: [{ stageIndex: "asc" }, { approverRole: "asc" }],
    select: { id: true, stageIndex: true, approverRole: true, assigneeId: true, queueRole: true, via: true, onBehalfOfId: true, status: true, decidedById: true, decidedAt: true, reason: true, conditions: true, dueAt: true, decidedBy: { select: { name: true } } },
  },
} satisfies Prisma.ExceptionRequestSelect;

export type TLockedRequest = Prisma.ExceptionRequestGetPayload<{ select: typeof REQUEST_SELECT }>;
type TStepRow = TLockedRequest["steps"][number];

const isGroup = (role: string | null): role is TGroupRole => role !== null && (GROUP_ROLES as readonly string[]).includes(role);

export function stepState(row: TStepRow): TStepState {
  // A fallback step keeps approverRole MANAGER and names its queue in queueRole; older rows
  // (the demo seed) have no queueRole and a group step is its role's queue.
  const queue = row.queueRole ?? row.approverRole;
  return {
    id: row.id,
    stageIndex: row.stageIndex,
    role: row.approverRole as TApproverRole,
    assigneeId: row.assigneeId,
    groupRole: row.assigneeId === null && isGroup(queue) ? queue : null,
    status: row.status,
    decidedById: row.decidedById,
    decidedAt: row.decidedAt,
    reason: row.reason,
    conditions: (row.conditions as TCounterOffer | null) ?? null,
  };
}

/** Locks the request row for the rest of the transaction, then reads it and its steps. */
export async function lockRequest(tx: Tx, requestId: string): Promise<{ request: TLockedRequest; state: TApprovalState }> {
  await tx.$queryRaw`SELECT id FROM exception_requests WHERE id = ${requestId}::uuid FOR UPDATE`;
  const request = await tx.exceptionRequest.findUnique({ where: { id: requestId }, select: REQUEST_SELECT });
  if (!request) throw notFound("That exception request");
  const offers = counterOfferRecord(request.counterOffer);
  const status = request.status === "DRAFT" || request.status === "WITHDRAWN" ? "REJECTED" : request.status;
  const state: TApprovalState = {
    requesterId: request.requesterId,
    // The engine has no DRAFT/WITHDRAWN; both are closed, and the commands check them first.
    status,
    steps: request.steps.map(stepState),
    openCounterOffer: offers.open,
    acceptedConditions: offers.accepted,
  };
  return { request, state };
}

/** Who is acting, as the engine needs it: their groups and the delegations made to them. */
export async function actorFor(tx: Tx, user: TSessionUser, now: Date): Promise<TActor> {
  const delegations = await tx.delegation.findMany({ where: { delegateId: user.id, startsAt: { lte: now }, endsAt: { gt: now } }, select: { delegatorId: true, startsAt: true, endsAt: true } });
  return { id: user.id, groups: isGroup(user.role) ? [user.role] : [], delegationsToMe: delegations };
}

/** Stage SLAs from the stored plan, in plain hours (see dueAt). */
export function stageSlaHours(plan: unknown): Map<number, number> {
  const stages = ((plan ?? {}) as { stages?: { index: number; slaBusinessHours: number }[] }).stages ?? [];
  return new Map(stages.map((s) => [s.index, s.slaBusinessHours]));
}

/**
 * When a step is due. Plain hours for now: business-hours SLAs (calendars, holidays) arrive
 * with the SLA clocks feature, which will re-target these dates.
 */
export function dueAt(now: Date, slaHours: number | undefined): Date {
  return new Date(now.getTime() + (slaHours ?? 24) * 3_600_000);
}

/**
 * Writes the engine's new step states for every step other than `except` (the decided step,
 * which the caller wrote with its conditional update). Newly opened steps get their due time.
 */
export async function persistStepChanges(tx: Tx, before: TApprovalState, after: TApprovalState, options: { now: Date; plan: unknown; except?: string }): Promise<TStepState[]> {
  const sla = stageSlaHours(options.plan);
  const opened: TStepState[] = [];
  for (const step of after.steps) {
    const old = before.steps.find((s) => s.id === step.id);
    if (step.id === options.except || !old) continue;
    if (old.status === step.status && old.reason === step.reason) continue;
    const opening = step.status === "PENDING" && old.status !== "PENDING";
    if (opening) opened.push(step);
    await tx.approvalStep.update({
      where: { id: step.id },
      data: { status: step.status, reason: step.reason, ...(opening ? { dueAt: dueAt(options.now, sla.get(step.stageIndex)) } : {}) },
    });
  }
  return opened;
}
