import type { TApprovalPolicy, TApproverRole } from "@/lib/schemas/policies";

// The approval chain for a seeded exception request, computed from the published approval
// policy with the semantics documented in lib/schemas/policies/approval.ts, so seeded
// requests look exactly like ones the approval engine would have planned.

export type TExceptionType = "DISCOUNT" | "PAYMENT_TERMS" | "MULTI_YEAR" | "CUSTOM_LEGAL" | "VOLUME_DISCOUNT" | "OTHER";
export type TRequestFacts = { type: TExceptionType; discountPct: number; acv: number; termMonths: number; paymentTermsDays: number };
export type TPlannedStage = { index: number; approvers: TApproverRole[]; slaBusinessHours: number; tierId: string };
export type TPlan = { autoApproved: boolean; stages: TPlannedStage[]; reasons: string[] };

const money = (n: number) => `$${Math.round(n).toLocaleString("en-US")}`;

export function planApprovalStages(policy: TApprovalPolicy, f: TRequestFacts): TPlan {
  if (f.type === "DISCOUNT" && f.discountPct <= policy.autoApproveMaxDiscountPct) {
    return { autoApproved: true, stages: [], reasons: [`Discount ${f.discountPct}% is within the ${policy.autoApproveMaxDiscountPct}% auto-approve level`] };
  }
  const applying = policy.tiers.filter((tier) => {
    const w = tier.when;
    return (
      (w.deviation === "ANY" || w.deviation === f.type) &&
      (w.minDiscountPct === undefined || f.discountPct > w.minDiscountPct) &&
      (w.maxDiscountPct === undefined || f.discountPct <= w.maxDiscountPct) &&
      (w.minAcv === undefined || f.acv >= w.minAcv) &&
      (w.minTermMonths === undefined || f.termMonths >= w.minTermMonths) &&
      (w.minPaymentTermsDays === undefined || f.paymentTermsDays >= w.minPaymentTermsDays)
    );
  });
  const ladder = applying.filter((t) => !t.cumulative).at(-1);
  const chosen = [...(ladder ? [ladder] : []), ...applying.filter((t) => t.cumulative)];
  const stages: TPlannedStage[] = [];
  const reasons: string[] = [];
  const seen = new Set<string>();
  for (const tier of chosen) {
    reasons.push(reasonFor(tier.id, tier.label, f));
    for (const stage of tier.stages) {
      if (stage.approvers.every((a) => seen.has(a))) continue; // nobody approves twice
      stage.approvers.forEach((a) => seen.add(a));
      stages.push({ index: stages.length, approvers: [...stage.approvers], slaBusinessHours: stage.slaBusinessHours, tierId: tier.id });
    }
  }
  if (stages.length === 0) {
    stages.push({ index: 0, approvers: [policy.fallbackGroup], slaBusinessHours: 24, tierId: "fallback" });
    reasons.push("No tier matches this request: it goes to the deal desk for review");
  }
  return { autoApproved: false, stages, reasons };
}

function reasonFor(tierId: string, label: string, f: TRequestFacts): string {
  if (f.type === "DISCOUNT" && tierId.startsWith("discount")) return `${label} — requested ${f.discountPct}%`;
  if (tierId === "enterprise-deal") return `${label} — ACV ${money(f.acv)}`;
  if (f.type === "MULTI_YEAR") return `${label} — ${f.termMonths}-month term`;
  if (f.type === "PAYMENT_TERMS") return `${label} — net ${f.paymentTermsDays}`;
  return label;
}

/** Adds business hours (Mon–Fri, 8 hours a day from 09:00 UTC): a close-enough due date for seeded steps. */
export function addBusinessHours(start: Date, hours: number): Date {
  const t = new Date(start);
  let left = hours;
  while (left > 0) {
    t.setUTCHours(t.getUTCHours() + 1);
    const day = t.getUTCDay();
    const h = t.getUTCHours();
    if (day !== 0 && day !== 6 && h >= 9 && h < 17) left -= 1;
  }
  return t;
}
