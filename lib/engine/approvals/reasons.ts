// The plain words a rep and an approver read: why a tier applies ("Needs VP Sales: a 27%
// discount is above the 20% limit of tier 1"), and who decides and why. Kept apart from
// the matching so wording changes never touch the rules.
import type { TApprovalPolicy, TApprovalStage, TApproverRole } from "@/lib/schemas/policies/approval";
import { formatCents } from "./money";
import type { TCompiledTier, TDeviationFacts } from "./tiers";
import type { TGroupRole, TRequestedDeviation } from "./types";

const ROLE_NAMES: Record<TApproverRole, string> = {
  MANAGER: "the sales manager",
  REGION_VP: "VP Sales",
  DEAL_DESK: "the deal desk",
  FINANCE: "Finance",
  LEGAL: "Legal",
};

export function roleName(role: TApproverRole): string {
  return ROLE_NAMES[role];
}

export function groupName(group: TGroupRole): string {
  return ROLE_NAMES[group];
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "VP Sales", "the deal desk, then Legal", "Finance and Legal in parallel". */
export function describeStages(stages: readonly { approvers: readonly TApproverRole[] }[] | readonly TApprovalStage[]): string {
  return stages
    .map((s) => s.approvers.map(roleName).join(" and ") + (s.approvers.length > 1 ? " in parallel" : ""))
    .join(", then ");
}

/** "a 27%" but "an 8%", "an 11%", "an 18%", "an 80%": the article follows the spoken number. */
export function aPct(pct: number): string {
  const whole = String(Math.trunc(pct));
  const an = whole.startsWith("8") || whole === "11" || whole === "18";
  return `${an ? "an" : "a"} ${pct}%`;
}

function discountNoun(deviation: TRequestedDeviation): string {
  return deviation.type === "VOLUME_DISCOUNT" ? "volume discount" : "discount";
}

/** Why a tier applies to a deviation, in words built from the bounds that hold. */
export function describeTierMatch(t: TCompiledTier, deviation: TRequestedDeviation, f: TDeviationFacts, policy: TApprovalPolicy): string {
  const w = t.tier.when;
  const clauses: string[] = [];
  if (t.lowerDiscountLimit !== undefined) clauses.push(`${aPct(f.discountPct)} ${discountNoun(deviation)} is above ${t.lowerDiscountLimit}`);
  else if (w.maxDiscountPct !== undefined) clauses.push(`${aPct(f.discountPct)} ${discountNoun(deviation)} is at most ${w.maxDiscountPct}%`);
  if (t.minAcvCents !== undefined) clauses.push(`the ACV of ${formatCents(f.acvCents)} is at least ${formatCents(t.minAcvCents)}`);
  if (w.minTermMonths !== undefined) clauses.push(`a ${f.termMonths}-month term is at least ${w.minTermMonths} months`);
  if (w.minPaymentTermsDays !== undefined) {
    clauses.push(
      w.minPaymentTermsDays - 1 === policy.standardPaymentTermsDays
        ? `net ${f.paymentTermsDays} is beyond the standard net ${policy.standardPaymentTermsDays}`
        : `net ${f.paymentTermsDays} is at least net ${w.minPaymentTermsDays}`,
    );
  }
  if (clauses.length === 0) clauses.push(requestedText(deviation));
  return `${t.needs}: ${clauses.join(" and ")}`;
}

/** The deviation itself in words, for tiers without bounds and for the fallback. */
export function requestedText(d: TRequestedDeviation): string {
  switch (d.type) {
    case "DISCOUNT":
      return `${aPct(d.discountPct)} discount was requested`;
    case "VOLUME_DISCOUNT":
      return `${aPct(d.discountPct)} volume discount beyond list was requested`;
    case "PAYMENT_TERMS":
      return `net ${d.paymentTermsDays} payment terms were requested`;
    case "MULTI_YEAR":
      return `a ${d.termMonths}-month term was requested`;
    case "CUSTOM_LEGAL":
      return d.customSla ? "a custom SLA was requested" : "custom legal terms were requested";
    case "OTHER":
      return "a non-standard request was made";
  }
}

/** "2026-03-12", for "out of office until …". */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
