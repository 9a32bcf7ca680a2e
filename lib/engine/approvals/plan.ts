// planApprovals: an exception request → ordered stages of resolved approvers, SLAs and the
// reasons the form shows before submitting. Pure: policy, request, org chart and time in.
//
// Combination of several deviations (the strictest path): every deviation brings its own
// tiers (tiers.ts); the union of their approver roles is laid out by rank,
//   MANAGER < REGION_VP < DEAL_DESK < FINANCE = LEGAL,
// one stage per rank present, roles of equal rank in parallel. So each role appears once
// (nobody is asked twice, which subsumes "drop a stage whose approvers already appeared"),
// tier order is junior to senior, and finance + legal run in parallel when both are
// needed. A merged stage gets the longest SLA any contributing tier gave it: adding a
// deviation must not shorten the 40-hour legal review of a custom clause to 24.
import { APPROVER_ROLES, type TApprovalPolicy } from "@/lib/schemas/policies/approval";
import { acvCentsOf, assertCents, discountPctOf } from "./money";
import { indexOrgChart } from "./org-index";
import { aPct, capitalise, requestedText } from "./reasons";
import { resolveApprover, type TResolveContext } from "./resolve";
import { compilePolicy, matchDeviation, type TDeviationFacts } from "./tiers";
import type { TApprovalPlan, TApprovalRequest, TApproverRole, TOrgChart, TPlannedStage, TRequestedDeviation } from "./types";

/** SLA of a stage that only exists because no tier covers a deviation (the policy has no field for it). */
export const FALLBACK_SLA_BUSINESS_HOURS = 24;

export const ROLE_RANK: Readonly<Record<TApproverRole, number>> = { MANAGER: 0, REGION_VP: 1, DEAL_DESK: 2, FINANCE: 3, LEGAL: 3 };
const MAX_RANK = 3;

export function planApprovals(
  policy: TApprovalPolicy,
  request: TApprovalRequest,
  orgChart: TOrgChart,
  now: Date,
  policyVersion?: string,
): TApprovalPlan {
  validateRequest(request, now);
  const cp = compilePolicy(policy);
  const deal = request.deal;
  const basePaymentDays = deal.paymentTermsDays ?? policy.standardPaymentTermsDays;
  const reasons: string[] = [];
  // Per role (APPROVER_ROLES order): the longest SLA asked for and the tiers asking.
  const roleSla = [0, 0, 0, 0, 0];
  const roleTiers: (string[] | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
  const need = (role: TApproverRole, sla: number, tierId: string) => {
    const i = APPROVER_ROLES.indexOf(role);
    if (sla > (roleSla[i] ?? 0)) roleSla[i] = sla;
    const list = (roleTiers[i] ??= []);
    if (!list.includes(tierId)) list.push(tierId);
  };
  const usedTiers = new Set<string>();
  let needsApproval = false;

  for (const d of request.deviations) {
    if (d.type === "DISCOUNT" && d.discountPct <= policy.autoApproveMaxDiscountPct) {
      reasons.push(`${capitalise(aPct(d.discountPct))} discount is within the ${policy.autoApproveMaxDiscountPct}% auto-approve limit, so it needs no approval`);
      continue;
    }
    needsApproval = true;
    const matches = matchDeviation(cp, d, factsOf(d, request, basePaymentDays));
    if (matches.length === 0) {
      need(policy.fallbackGroup, FALLBACK_SLA_BUSINESS_HOURS, "fallback");
      reasons.push(`Needs the deal desk: no tier of the approval policy covers this (${requestedText(d)}), so the deal desk reviews it`);
      continue;
    }
    for (const m of matches) {
      // An "ANY" tier can match several deviations; it adds its stages and reason once.
      if (usedTiers.has(m.tier.tier.id)) continue;
      usedTiers.add(m.tier.tier.id);
      reasons.push(m.reason);
      for (const stage of m.tier.tier.stages) for (const role of stage.approvers) need(role, stage.slaBusinessHours, m.tier.tier.id);
    }
  }

  const version = policyVersion ?? null;
  if (!needsApproval) {
    return { outcome: "AUTO_APPROVED", stages: [], reasons: [`Approved at once and logged: ${lowerFirst(reasons.join("; "))}`], policyVersion: version };
  }

  const ctx: TResolveContext = {
    org: indexOrgChart(orgChart),
    requesterId: request.requesterId,
    region: deal.region,
    nowMs: now.getTime(),
    fallbackGroup: policy.fallbackGroup,
    taken: new Map(),
    stageIndex: 0,
  };
  const stages: TPlannedStage[] = [];
  for (let rank = 0; rank <= MAX_RANK; rank++) {
    let stage: TPlannedStage | undefined;
    for (let i = 0; i < APPROVER_ROLES.length; i++) {
      const role = APPROVER_ROLES[i]!;
      const tiers = roleTiers[i];
      if (ROLE_RANK[role] !== rank || tiers === undefined) continue;
      if (!stage) {
        stage = { index: stages.length, approvers: [], slaBusinessHours: 0, tierIds: [] };
        ctx.stageIndex = stage.index;
      }
      const approver = resolveApprover(role, ctx);
      if (approver.assigneeId !== null) ctx.taken.set(approver.assigneeId, stage.index);
      if (approver.via !== undefined) reasons.push(`Stage ${stage.index + 1}: ${approver.reason}`);
      stage.approvers.push(approver);
      stage.slaBusinessHours = Math.max(stage.slaBusinessHours, roleSla[i] ?? 0);
      for (const t of tiers) if (!stage.tierIds.includes(t)) stage.tierIds.push(t);
    }
    if (stage) stages.push(stage);
  }
  return { outcome: "NEEDS_APPROVAL", stages, reasons, policyVersion: version };
}

function factsOf(d: TRequestedDeviation, request: TApprovalRequest, basePaymentDays: number): TDeviationFacts {
  const deal = request.deal;
  const termMonths = d.type === "MULTI_YEAR" ? d.termMonths : deal.termMonths;
  return {
    discountPct: d.type === "DISCOUNT" || d.type === "VOLUME_DISCOUNT" ? d.discountPct : discountPctOf(deal),
    acvCents: acvCentsOf(deal, termMonths),
    termMonths,
    paymentTermsDays: d.type === "PAYMENT_TERMS" ? d.paymentTermsDays : basePaymentDays,
  };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Callers validate with zod first; this guards the engine's own assumptions with plain messages. */
function validateRequest(request: TApprovalRequest, now: Date): void {
  if (Number.isNaN(now.getTime())) throw new RangeError("The planning time is not a valid date");
  if (request.requesterId === "") throw new RangeError("The request has no requester");
  if (request.deviations.length === 0) throw new RangeError("The request names no deviation");
  const deal = request.deal;
  assertCents(deal.amountCents, "The amount");
  if (deal.listAmountCents !== undefined) assertCents(deal.listAmountCents, "The list amount");
  if (deal.acvCents !== undefined) assertCents(deal.acvCents, "The ACV");
  if (!Number.isInteger(deal.termMonths) || deal.termMonths < 1) throw new RangeError(`The term must be whole months, at least 1 (got ${deal.termMonths})`);
  for (const d of request.deviations) {
    if ((d.type === "DISCOUNT" || d.type === "VOLUME_DISCOUNT") && !(d.discountPct >= 0 && d.discountPct <= 100)) {
      throw new RangeError(`A discount is 0 to 100%, got ${d.discountPct}`);
    }
    if (d.type === "PAYMENT_TERMS" && !(Number.isInteger(d.paymentTermsDays) && d.paymentTermsDays >= 0)) {
      throw new RangeError(`Payment terms are whole days, got ${d.paymentTermsDays}`);
    }
    if (d.type === "MULTI_YEAR" && !(Number.isInteger(d.termMonths) && d.termMonths >= 1)) {
      throw new RangeError(`A term is whole months, got ${d.termMonths}`);
    }
  }
}
