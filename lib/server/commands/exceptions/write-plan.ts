import "server-only";
import type { TApprovalPlan } from "@/lib/engine/approvals";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "../../db";
import type { TResubmitException } from "@/lib/schemas/exception-requests";
import type { TPlanResult } from "./plan-for-opportunity";
import { dueAt } from "./request-state";

// The approval_steps rows of a plan, shared by submit and resubmit: stage 1 open with its
// due time, later stages waiting until the one before them is approved.

/** What the request row keeps of the plan: stages, SLAs and reasons as the rep saw them. */
export function storedPlan(plan: TApprovalPlan): Prisma.InputJsonValue {
  return { outcome: plan.outcome, stages: plan.stages, reasons: plan.reasons, policyVersion: plan.policyVersion } as unknown as Prisma.InputJsonValue;
}

export async function createSteps(tx: Tx, requestId: string, plan: TApprovalPlan, now: Date) {
  const data: Prisma.ApprovalStepCreateManyInput[] = plan.stages.flatMap((stage) =>
    stage.approvers.map((a) => ({
      requestId,
      stageIndex: stage.index,
      approverRole: a.role,
      assigneeId: a.assigneeId,
      queueRole: a.groupRole ?? null,
      via: a.via ?? null,
      onBehalfOfId: a.onBehalfOfId ?? null,
      status: stage.index === 0 ? ("PENDING" as const) : ("WAITING" as const),
      dueAt: stage.index === 0 ? dueAt(now, stage.slaBusinessHours) : null,
    })),
  );
  return tx.approvalStep.createManyAndReturn({ data, select: { id: true, stageIndex: true, assigneeId: true, queueRole: true, status: true, approverRole: true } });
}

/** "VP Sales (Vera Price)", the plain chain for a notice. */
export function chainText(plan: TApprovalPlan): string {
  return plan.stages.map((s) => s.approvers.map((a) => a.role.replaceAll("_", " ").toLowerCase()).join(" + ")).join(" → ");
}

/** The request columns a (re)submission sets from the rep's input and the fresh plan. */
export function requestFields(input: Omit<TResubmitException, "requestId">, plan: TPlanResult, now: Date) {
  const auto = plan.outcome === "AUTO_APPROVED";
  return {
    // The primary deviation; all of them are in details.deviations (ADR 0006).
    type: input.deviations[0]!.type,
    status: auto ? ("APPROVED" as const) : ("PENDING" as const),
    details: { deviations: input.deviations, deal: plan.deal },
    justification: input.justification,
    impactedKpi: input.impactedKpi,
    evidence: input.evidenceLinks.map((url) => ({ url })),
    policyVersionId: plan.policyVersionId,
    plan: storedPlan(plan),
    submittedAt: now,
    decidedAt: auto ? now : null,
  };
}
