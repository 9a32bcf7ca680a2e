// Plain-data shapes of the approval engine. The caller loads Prisma rows and maps them to
// these; the engine never sees Prisma types (engines are pure).
//
// Money is integer cents held in a JS number (TCents). Integers are exact up to 2^53 cents
// (about $90 trillion), far beyond Decimal(14,2) columns, and number arithmetic keeps the
// planner fast enough for 100k plans/s; bigint would cost 5–10x for no gain at this size.
// Only integer operations touch cents (see money.ts); percentages are plain numbers
// because they are compared, never summed into money.
import type { TApproverRole, TDeviation } from "@/lib/schemas/policies/approval";
import type { ROLES } from "@/lib/schemas/policies/common";

export type { TApproverRole, TDeviation };

/** Integer cents (see the header comment). */
export type TCents = number;

export type TDiscountDeviation = { type: "DISCOUNT"; discountPct: number };
export type TPaymentTermsDeviation = { type: "PAYMENT_TERMS"; paymentTermsDays: number };
export type TMultiYearDeviation = { type: "MULTI_YEAR"; termMonths: number };
export type TCustomLegalDeviation = { type: "CUSTOM_LEGAL"; clause: string; customSla?: boolean };
export type TVolumeDiscountDeviation = { type: "VOLUME_DISCOUNT"; discountPct: number; quantity?: number };
export type TOtherDeviation = { type: "OTHER"; description: string };

/** One requested deviation with its type-specific fields. */
export type TRequestedDeviation =
  | TDiscountDeviation
  | TPaymentTermsDeviation
  | TMultiYearDeviation
  | TCustomLegalDeviation
  | TVolumeDiscountDeviation
  | TOtherDeviation;

export type TDealContext = {
  /** Net contract amount (all years) after the requested discount. */
  amountCents: TCents;
  listAmountCents?: TCents;
  /** Annual contract value; computed from amount and term when absent (money.ts). */
  acvCents?: TCents;
  termMonths: number;
  /** The deal's current payment terms; the policy's standard when absent. */
  paymentTermsDays?: number;
  /** The opportunity's region, which picks the VP (org chart regionVps). */
  region: string | null;
};

export type TApprovalRequest = {
  requesterId: string;
  /** One or more deviations; several combine into the strictest path. */
  deviations: readonly TRequestedDeviation[];
  deal: TDealContext;
};

export type TUserRole = (typeof ROLES)[number];
/** Half-open [startsAt, endsAt). */
export type TInterval = { startsAt: Date; endsAt: Date };

export type TOrgUser = {
  id: string;
  name: string;
  role: TUserRole;
  managerId: string | null;
  region: string | null;
  active: boolean;
  absences: readonly TInterval[];
};

export type TDelegation = TInterval & { delegatorId: string; delegateId: string };

export const GROUP_ROLES = ["DEAL_DESK", "FINANCE", "LEGAL"] as const;
export type TGroupRole = (typeof GROUP_ROLES)[number];

export type TOrgChart = {
  users: readonly TOrgUser[];
  delegations: readonly TDelegation[];
  /** region → user id of that region's VP Sales. */
  regionVps: Readonly<Record<string, string>>;
  groups: Readonly<Record<TGroupRole, readonly string[]>>;
};

/**
 * How a step's approver was found when it is not simply the role's holder:
 * "delegate" – the holder is out of office and their delegate decides;
 * "escalated" – the holder could not decide (requester, already on another stage,
 *   inactive) so the next manager up the chain does;
 * "fallback" – nobody eligible, the step goes to the fallback group's queue.
 */
export type TApproverVia = "delegate" | "escalated" | "fallback";

export type TPlannedApprover = {
  role: TApproverRole;
  /** null: a group queue (groupRole says which); any eligible member decides. */
  assigneeId: string | null;
  groupRole?: TGroupRole;
  via?: TApproverVia;
  /** With via "delegate": the out-of-office holder the delegate stands in for. */
  onBehalfOfId?: string;
  reason: string;
};

export type TPlannedStage = {
  index: number;
  approvers: TPlannedApprover[];
  slaBusinessHours: number;
  /** Policy tiers (or "fallback") that required this stage, for the log. */
  tierIds: string[];
};

export type TApprovalOutcome = "AUTO_APPROVED" | "NEEDS_APPROVAL";

export type TApprovalPlan = {
  outcome: TApprovalOutcome;
  stages: TPlannedStage[];
  reasons: string[];
  policyVersion: string | null;
};
