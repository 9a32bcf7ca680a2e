import type { Prisma } from "@/lib/generated/prisma/client";
import type { TApprovalPolicy, TApproverRole } from "@/lib/schemas/policies";
import { addBusinessHours, planApprovalStages, type TRequestFacts } from "./approval-plan";
import type { TOrg, TSeedUser } from "./org";

// Turns a scenario ("rep asked for 27%, the VP approved with 20%") into an exception request
// and its approval steps, with assignees resolved from the org chart the way the approval
// engine does it: the requester's manager, the region's VP, the deal desk, finance, legal,
// and a delegate when the approver is away.

export type TDecision = "APPROVED" | "REJECTED" | "CHANGES_REQUESTED" | "CONDITIONS";

export type TRequestScenario = {
  id: string;
  opportunityId: string;
  requester: TSeedUser;
  facts: TRequestFacts;
  details: Record<string, unknown>;
  justification: string;
  impactedKpi: string;
  evidence: { label: string; url: string }[];
  /** null: still a draft. */
  submittedAt: Date | null;
  /** One decision per stage, in order; the stage after the last one is pending (unless a decision ended the request). */
  decisions: TDecision[];
  /** Approver roles that already approved inside the pending (parallel) stage. */
  partial?: TApproverRole[];
  withdrawn?: boolean;
  reason?: string;
  conditions?: Record<string, unknown>;
  /** Hours between consecutive decisions. */
  stepHours: number[];
};

export type TApprovalContext = { org: TOrg; policy: TApprovalPolicy; policyVersionId: string; publishedAt: Date; ref: Date };

function activeDelegate(ctx: TApprovalContext, userId: string, at: Date): string {
  const d = ctx.org.delegations.find((x) => x.delegatorId === userId && x.startsAt <= at && x.endsAt > at);
  return d ? d.delegateId : userId;
}

export function resolveApprover(ctx: TApprovalContext, role: TApproverRole, requester: TSeedUser): string {
  const region = (requester.region ?? "NA") as keyof TOrg["vpByRegion"];
  switch (role) {
    case "MANAGER":
      return requester.managerId ?? ctx.org.demo.dealdesk.id;
    case "REGION_VP":
      return (ctx.org.vpByRegion[region] ?? ctx.org.demo.vp).id;
    case "DEAL_DESK":
      return ctx.org.demo.dealdesk.id;
    case "FINANCE":
      return ctx.org.demo.finance.id;
    case "LEGAL":
      return ctx.org.demo.legal.id;
  }
}

export function buildRequest(ctx: TApprovalContext, s: TRequestScenario) {
  const plan = planApprovalStages(ctx.policy, s.facts);
  const draft = s.submittedAt === null;
  const ended = s.withdrawn || s.decisions.some((d) => d === "REJECTED" || d === "CHANGES_REQUESTED");
  const complete = !ended && s.decisions.length >= plan.stages.length;
  const status = draft
    ? "DRAFT"
    : s.withdrawn
      ? "WITHDRAWN"
      : s.decisions.includes("REJECTED")
        ? "REJECTED"
        : s.decisions.includes("CHANGES_REQUESTED")
          ? "CHANGES_REQUESTED"
          : complete
            ? s.decisions.includes("CONDITIONS")
              ? "APPROVED_WITH_CONDITIONS"
              : "APPROVED"
            : "PENDING";

  const steps: Prisma.ApprovalStepCreateManyInput[] = [];
  let t = s.submittedAt?.getTime() ?? 0;
  let decidedAt: Date | null = null;
  if (!draft) {
    for (const stage of plan.stages) {
      const decision = s.decisions[stage.index];
      const stageStart = new Date(t);
      if (decision) t += (s.stepHours[stage.index] ?? 6) * 3_600_000;
      stage.approvers.forEach((role, k) => {
        const assigneeId = activeDelegate(ctx, resolveApprover(ctx, role, s.requester), stageStart);
        const base = { requestId: s.id, stageIndex: stage.index, approverRole: role, assigneeId, createdAt: stageStart };
        if (decision) {
          const first = k === 0;
          const stepStatus = decision === "CONDITIONS" ? "APPROVED" : decision === "APPROVED" || first ? decision : "SKIPPED";
          const decided = stepStatus !== "SKIPPED";
          steps.push({
            ...base,
            status: stepStatus,
            decidedById: decided ? assigneeId : null,
            decidedAt: decided ? new Date(t) : null,
            reason: first && decision !== "APPROVED" ? (s.reason ?? null) : null,
            ...(first && decision === "CONDITIONS" && s.conditions ? { conditions: s.conditions as Prisma.InputJsonValue } : {}),
            dueAt: addBusinessHours(stageStart, stage.slaBusinessHours),
          });
        } else if (status === "PENDING" && stage.index === s.decisions.length) {
          const done = s.partial?.includes(role) ?? false;
          steps.push({
            ...base,
            status: done ? "APPROVED" : "PENDING",
            decidedById: done ? assigneeId : null,
            decidedAt: done ? new Date(t + 2 * 3_600_000) : null,
            dueAt: addBusinessHours(stageStart, stage.slaBusinessHours),
          });
        } else {
          steps.push({ ...base, status: status === "PENDING" || status === "CHANGES_REQUESTED" ? "WAITING" : "SKIPPED" });
        }
      });
      if (decision) decidedAt = new Date(t);
    }
  }
  const finished = !draft && status !== "PENDING";
  const usesPolicy = s.submittedAt !== null && s.submittedAt >= ctx.publishedAt;
  const request: Prisma.ExceptionRequestCreateManyInput = {
    id: s.id,
    opportunityId: s.opportunityId,
    requesterId: s.requester.id,
    type: s.facts.type,
    status,
    details: s.details as Prisma.InputJsonValue,
    impactedKpi: s.impactedKpi,
    justification: s.justification,
    evidence: s.evidence,
    policyVersionId: usesPolicy ? ctx.policyVersionId : null,
    plan: draft ? undefined : ({ stages: plan.stages, reasons: plan.reasons } as Prisma.InputJsonValue),
    submittedAt: s.submittedAt,
    decidedAt: finished ? (s.withdrawn ? new Date(t + 3_600_000) : decidedAt) : null,
    createdAt: new Date((s.submittedAt?.getTime() ?? ctx.ref.getTime()) - 3_600_000),
    updatedAt: new Date(Math.max(t, s.submittedAt?.getTime() ?? 0) || ctx.ref.getTime()),
  };
  return { request, steps, plan };
}
