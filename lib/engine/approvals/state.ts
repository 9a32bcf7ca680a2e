// The running state of one request's approval, as decide.ts reads and returns it. Mirrors
// ApprovalStep rows plus the request status; the caller maps rows in and out.
// AWAITING_REQUESTER (a counter offer waits for the rep) has no ExceptionStatus value yet:
// see docs/decisions/0006-approval-semantics.md for the schema change it needs.
import type { TApprovalPlan, TApproverRole, TGroupRole, TInterval } from "./types";

export type TStepStatus = "WAITING" | "PENDING" | "APPROVED" | "REJECTED" | "CHANGES_REQUESTED" | "SKIPPED";
export type TRequestStatus = "PENDING" | "CHANGES_REQUESTED" | "AWAITING_REQUESTER" | "APPROVED" | "APPROVED_WITH_CONDITIONS" | "REJECTED";

/** An approval with conditions: what the approver would approve instead ("18% instead of 25%"). */
export type TCounterOffer = { summary: string; discountPct?: number; paymentTermsDays?: number; termMonths?: number };

export type TStepState = {
  id: string;
  stageIndex: number;
  role: TApproverRole;
  /** null for a group queue. */
  assigneeId: string | null;
  groupRole: TGroupRole | null;
  status: TStepStatus;
  decidedById: string | null;
  decidedAt: Date | null;
  reason: string | null;
  conditions: TCounterOffer | null;
};

export type TApprovalState = {
  requesterId: string;
  status: TRequestStatus;
  steps: readonly TStepState[];
  /** A counter offer waiting for the requester's answer (status AWAITING_REQUESTER). */
  openCounterOffer: { stepId: string; conditions: TCounterOffer } | null;
  /** Counter offers the requester accepted: the request ends APPROVED_WITH_CONDITIONS. */
  acceptedConditions: readonly TCounterOffer[];
};

/** Who is acting: their id, the groups they belong to and the delegations made to them. */
export type TActor = {
  id: string;
  groups: readonly TGroupRole[];
  delegationsToMe: readonly (TInterval & { delegatorId: string })[];
};

export const FINAL_STEP_STATUSES: readonly TStepStatus[] = ["APPROVED", "REJECTED", "CHANGES_REQUESTED", "SKIPPED"];

/**
 * The state right after submission: stage 1 open, later stages waiting; an auto-approved
 * plan is APPROVED with no steps. Step ids are parameters (engines make no ids).
 */
export function stateFromPlan(plan: TApprovalPlan, requesterId: string, stepId: (stageIndex: number, role: TApproverRole) => string): TApprovalState {
  const steps: TStepState[] = [];
  for (const stage of plan.stages) {
    for (const a of stage.approvers) {
      steps.push({
        id: stepId(stage.index, a.role),
        stageIndex: stage.index,
        role: a.role,
        assigneeId: a.assigneeId,
        groupRole: a.groupRole ?? null,
        status: stage.index === 0 ? "PENDING" : "WAITING",
        decidedById: null,
        decidedAt: null,
        reason: null,
        conditions: null,
      });
    }
  }
  const status = plan.outcome === "AUTO_APPROVED" || steps.length === 0 ? "APPROVED" : "PENDING";
  return { requesterId, status, steps, openCounterOffer: null, acceptedConditions: [] };
}
