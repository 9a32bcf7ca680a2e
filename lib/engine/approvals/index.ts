// The approval engine's public surface.
export { planApprovals, FALLBACK_SLA_BUSINESS_HOURS, ROLE_RANK } from "./plan";
export { canDecide, applyDecision, respondToCounterOffer } from "./decide";
export type { TCanDecide, TDecision, TDecisionKind, TDecisionResult } from "./decide";
export { stateFromPlan } from "./state";
export type { TActor, TApprovalState, TCounterOffer, TRequestStatus, TStepState, TStepStatus } from "./state";
export { acvCentsOf, centsFromDecimal, discountPctOf, formatCents } from "./money";
export { indexOrgChart } from "./org-index";
export * from "./types";
export { describeTimeline, roleWords } from "./timeline";
export type { TLogEntry, TTimelineItem } from "./timeline";
