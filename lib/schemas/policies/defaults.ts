import type { TPolicyBodyByKind } from "./index";
import { defaultApprovalPolicy, defaultScoringPolicy } from "./default-commercial";
import { defaultLifecyclePolicy, defaultPipelinePolicy, defaultRoePolicy, defaultSlaPolicy } from "./default-governance";
import { defaultRoutingPolicy, type TDefaultRoutingContext } from "./default-routing";

// First published version of every policy kind, for a fresh installation or the demo seed.
// Pure: the org's ids and the reference date are passed in, so the same context always gives
// the same bodies.

export type TDefaultPolicyContext = TDefaultRoutingContext & {
  /** "Now" for the installation: review-by dates and holiday years derive from it. */
  referenceDate: Date;
  /** The RevOps owner named in the ROE stakeholder map. */
  revopsUserId?: string;
};

export const DEFAULT_REVIEW_DAYS = 90;

export function defaultReviewBy(referenceDate: Date): string {
  return new Date(referenceDate.getTime() + DEFAULT_REVIEW_DAYS * 86_400_000).toISOString().slice(0, 10);
}

export function defaultPolicyBodies(ctx: TDefaultPolicyContext): TPolicyBodyByKind {
  return {
    ROUTING: defaultRoutingPolicy(ctx),
    SCORING: defaultScoringPolicy(defaultReviewBy(ctx.referenceDate)),
    APPROVAL: defaultApprovalPolicy(),
    SLA: defaultSlaPolicy(ctx.referenceDate.getUTCFullYear()),
    LIFECYCLE: defaultLifecyclePolicy(),
    PIPELINE: defaultPipelinePolicy(),
    ROE: defaultRoePolicy(ctx.revopsUserId),
  };
}

/** What each default version says it serves, recorded as the version's KPI on publish. */
export const DEFAULT_POLICY_META: Record<keyof TPolicyBodyByKind, { name: string; kpi: string }> = {
  ROUTING: { name: "ROE routing matrix", kpi: "SPEED" },
  SCORING: { name: "Lead scoring model", kpi: "CUSTOMER_EXPERIENCE" },
  APPROVAL: { name: "Deal desk approval tiers", kpi: "MARGIN" },
  SLA: { name: "Handoff SLAs and escalation", kpi: "SPEED" },
  LIFECYCLE: { name: "Lead lifecycle", kpi: "CUSTOMER_EXPERIENCE" },
  PIPELINE: { name: "Pipeline hygiene", kpi: "MARGIN" },
  ROE: { name: "Rules of engagement", kpi: "FAIRNESS" },
};

export { COMPETITOR_DOMAINS, ICP_INDUSTRIES, PERSONAL_EMAIL_DOMAINS, STUDENT_EMAIL_SUFFIXES } from "./default-commercial";
export type { TDefaultPool, TDefaultRoutingContext } from "./default-routing";
