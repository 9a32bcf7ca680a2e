import "server-only";
import { randomUUID } from "node:crypto";
import type { TApprovalPlan } from "@/lib/engine/approvals";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlRows, type TSqlTx } from "../../transaction-connection";
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
  return tx.approvalStep.createManyAndReturn({ data: stepRows(requestId, plan, now), select: { id: true, stageIndex: true, assigneeId: true, queueRole: true, status: true, approverRole: true } });
}

function stepRows(requestId: string, plan: TApprovalPlan, now: Date): Prisma.ApprovalStepCreateManyInput[] {
  return plan.stages.flatMap((stage) =>
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
}

export type TWrittenStep = { id: string; stageIndex: number; assigneeId: string | null; queueRole: string | null; status: string; approverRole: string };

/**
 * Writes a submitted request and its steps in ONE statement: a new row, or the rep's draft
 * (`draftId`, already checked to be theirs) turned into the request. The ids are made by the
 * caller (plannedSteps; a draft keeps its own), so the request and its
 * steps are known before the statement answers and the caller can send the statements that
 * need them right behind it (ADR 0028). `stored` settles with the statement: it fails if the
 * request or a step was not written — the statement itself fails then (arbiter_check), so the
 * transaction is aborted even when its COMMIT was sent behind it (ADR 0029).
 */
export function writeRequestWithSteps(
  tx: TSqlTx,
  options: {
    /** The request's id: the draft's, or one made by the app (crypto.randomUUID, as gen_random_uuid()). */
    id: string;
    draftId: string | null;
    opportunityId: string;
    requesterId: string;
    fields: Omit<ReturnType<typeof requestFields>, "evidence"> & { evidence: Prisma.InputJsonValue };
    /** The steps to write, from plannedSteps (none for an auto-approved plan). */
    steps: readonly TPlannedStep[];
    now: Date;
  },
): { stored: Promise<void> } {
  const { fields, id } = options;
  const written = new Date(); // created_at / updated_at: the time of writing, as Prisma sets them
  const rows = options.steps;
  const stored = sqlRows<{ id: string | null; steps: number }>(tx, Prisma.sql`
    WITH inserted AS (
      INSERT INTO exception_requests (id, opportunity_id, requester_id, type, status, details, justification, impacted_kpi, evidence, policy_version_id, plan, submitted_at, decided_at, created_at, updated_at)
      SELECT ${id}::uuid, ${options.opportunityId}::uuid, ${options.requesterId}::uuid, ${fields.type}::"ExceptionType", ${fields.status}::"ExceptionStatus", ${JSON.stringify(fields.details)}::jsonb,
             ${fields.justification}, ${fields.impactedKpi ?? null}, ${JSON.stringify(fields.evidence)}::jsonb, ${fields.policyVersionId}::uuid, ${JSON.stringify(fields.plan)}::jsonb,
             ${fields.submittedAt}, ${fields.decidedAt}::timestamptz, ${written}, ${written}
      WHERE ${options.draftId}::uuid IS NULL
      RETURNING id
    ), drafted AS (
      UPDATE exception_requests
      SET type = ${fields.type}::"ExceptionType", status = ${fields.status}::"ExceptionStatus", details = ${JSON.stringify(fields.details)}::jsonb, justification = ${fields.justification},
          impacted_kpi = ${fields.impactedKpi ?? null}, evidence = ${JSON.stringify(fields.evidence)}::jsonb, policy_version_id = ${fields.policyVersionId}::uuid,
          plan = ${JSON.stringify(fields.plan)}::jsonb, submitted_at = ${fields.submittedAt}, decided_at = ${fields.decidedAt}::timestamptz, updated_at = ${written}
      WHERE id = ${options.draftId}::uuid
      RETURNING id
    ), request AS (SELECT id FROM inserted UNION ALL SELECT id FROM drafted), steps AS (
      INSERT INTO approval_steps (id, request_id, stage_index, approver_role, assignee_id, queue_role, via, on_behalf_of_id, status, due_at, created_at)
      SELECT s.id, r.id, s."stageIndex", s."approverRole", s."assigneeId", s."queueRole", s.via, s."onBehalfOfId", s.status::"ApprovalStepStatus", s."dueAt", ${written}
      FROM request r, jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS s(id uuid, "stageIndex" int, "approverRole" text, "assigneeId" uuid, "queueRole" text, via text, "onBehalfOfId" uuid, status text, "dueAt" timestamptz)
      RETURNING id
    )
    SELECT (SELECT id::text FROM request) AS id, (SELECT count(*)::int FROM steps) AS steps,
           arbiter_check((SELECT id FROM request) = ${id}::uuid AND (SELECT count(*) FROM steps) = ${rows.length},
             'The request was not written as planned (its draft is gone?); nothing of the submission is kept.') AS checked`).then(([row]) => {
    if (row?.id !== id || row.steps !== rows.length) throw new Error("The request was not written as planned (its draft is gone?); nothing of the submission is kept.");
  });
  return { stored };
}

/** A step as writeRequestWithSteps writes it, with its id made by the app. */
export type TPlannedStep = TWrittenStep & { via: string | null; onBehalfOfId: string | null; dueAt: string | null };

/**
 * The steps of a plan with ids made by the app (crypto.randomUUID, as gen_random_uuid()), in the
 * order the write used to return them (stage, then role): none for an auto-approved plan.
 */
export function plannedSteps(plan: TApprovalPlan, now: Date): TPlannedStep[] {
  if (plan.outcome === "AUTO_APPROVED") return [];
  return stepRows("", plan, now)
    .map(({ requestId: _, dueAt: due, ...s }) => ({
      id: randomUUID(),
      stageIndex: s.stageIndex,
      approverRole: s.approverRole,
      assigneeId: s.assigneeId ?? null,
      queueRole: s.queueRole ?? null,
      via: s.via ?? null,
      onBehalfOfId: s.onBehalfOfId ?? null,
      status: String(s.status),
      dueAt: due ? new Date(due).toISOString() : null,
    }))
    .sort((a, b) => a.stageIndex - b.stageIndex || (a.approverRole < b.approverRole ? -1 : a.approverRole > b.approverRole ? 1 : 0));
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
