// Tier matching, per approval.ts's header comment:
// - a tier applies to a deviation when its `deviation` is that type or "ANY" and every
//   bound holds: minDiscountPct < discount <= maxDiscountPct; minAcv, minTermMonths and
//   minPaymentTermsDays inclusive (>=);
// - per deviation, among applying non-cumulative tiers the LAST in list order counts (the
//   ladder); applying cumulative tiers add their stages on top.
// The "last one wins" rule is applied per deviation, not per request: otherwise a 27%
// discount plus net 60 would lose the VP because the payment-terms tier is listed later,
// which is the opposite of the strictest path.
// The policy is compiled once (WeakMap on the parsed object) because the planner runs
// 100k+ times per second against the same policy.
import { DEVIATIONS, type TApprovalPolicy, type TApprovalTier } from "@/lib/schemas/policies/approval";
import { unitsToCents } from "./money";
import { describeStages, describeTierMatch } from "./reasons";
import type { TCents, TDeviation, TRequestedDeviation } from "./types";

export type TDeviationFacts = { discountPct: number; acvCents: TCents; termMonths: number; paymentTermsDays: number };

export type TCompiledTier = {
  tier: TApprovalTier;
  /** 1-based position in the policy, as RevOps sees it ("tier 2"). */
  position: number;
  minAcvCents: TCents | undefined;
  /** "Needs VP Sales", "Needs the deal desk, then Legal". */
  needs: string;
  /** What the lower discount bound means in words ("the 20% limit of tier 1"). */
  lowerDiscountLimit: string | undefined;
};

export type TCompiledPolicy = {
  policy: TApprovalPolicy;
  /** Tiers that can apply to each deviation type ("ANY" tiers included), in list order. */
  byType: Readonly<Record<TDeviation, readonly TCompiledTier[]>>;
};

const compiledPolicies = new WeakMap<TApprovalPolicy, TCompiledPolicy>();

export function compilePolicy(policy: TApprovalPolicy): TCompiledPolicy {
  const cached = compiledPolicies.get(policy);
  if (cached) return cached;
  const tiers = policy.tiers.map((tier, i): TCompiledTier => ({
    tier,
    position: i + 1,
    minAcvCents: tier.when.minAcv === undefined ? undefined : unitsToCents(tier.when.minAcv),
    needs: `Needs ${describeStages(tier.stages)}`,
    lowerDiscountLimit: lowerLimitText(policy, tier),
  }));
  const byType = {} as Record<TDeviation, TCompiledTier[]>;
  for (const type of DEVIATIONS) byType[type] = tiers.filter((t) => t.tier.when.deviation === type || t.tier.when.deviation === "ANY");
  const compiled = { policy, byType };
  compiledPolicies.set(policy, compiled);
  return compiled;
}

function lowerLimitText(policy: TApprovalPolicy, tier: TApprovalTier): string | undefined {
  const min = tier.when.minDiscountPct;
  if (min === undefined) return undefined;
  const below = policy.tiers.findIndex((t) => t !== tier && t.when.deviation === tier.when.deviation && t.when.maxDiscountPct === min);
  if (below >= 0) return `the ${min}% limit of tier ${below + 1}`;
  // On a cumulative ladder the rungs have no upper bound: the rung just below this one (the
  // highest lower bound under it) is the one whose approver alone covered up to `min`.
  const rung = cumulativeRungBelow(policy, tier, min);
  if (rung >= 0) return `the ${min}% limit of tier ${rung + 1}`;
  if (tier.when.deviation === "DISCOUNT" && min === policy.autoApproveMaxDiscountPct) return `the ${min}% auto-approve limit`;
  return `${min}%`;
}

function cumulativeRungBelow(policy: TApprovalPolicy, tier: TApprovalTier, min: number): number {
  let best = -1;
  policy.tiers.forEach((t, i) => {
    const lower = t.when.minDiscountPct;
    if (t === tier || !tier.cumulative || !t.cumulative || t.when.deviation !== tier.when.deviation || lower === undefined || lower >= min) return;
    if (best < 0 || lower > policy.tiers[best]!.when.minDiscountPct!) best = i;
  });
  return best;
}

export function tierApplies(t: TCompiledTier, facts: TDeviationFacts): boolean {
  const w = t.tier.when;
  return (
    (w.minDiscountPct === undefined || facts.discountPct > w.minDiscountPct) &&
    (w.maxDiscountPct === undefined || facts.discountPct <= w.maxDiscountPct) &&
    (t.minAcvCents === undefined || facts.acvCents >= t.minAcvCents) &&
    (w.minTermMonths === undefined || facts.termMonths >= w.minTermMonths) &&
    (w.minPaymentTermsDays === undefined || facts.paymentTermsDays >= w.minPaymentTermsDays)
  );
}

export type TTierMatch = { tier: TCompiledTier; reason: string };

/** The tiers one deviation brings in: its ladder tier (if any), then its cumulative tiers. */
export function matchDeviation(cp: TCompiledPolicy, deviation: TRequestedDeviation, facts: TDeviationFacts): TTierMatch[] {
  let ladder: TCompiledTier | undefined;
  let cumulative: TCompiledTier[] | undefined;
  for (const t of cp.byType[deviation.type]) {
    if (!tierApplies(t, facts)) continue;
    if (!t.tier.cumulative) ladder = t;
    else (cumulative ??= []).push(t);
  }
  const out: TTierMatch[] = [];
  if (ladder) out.push({ tier: ladder, reason: describeTierMatch(ladder, deviation, facts, cp.policy) });
  if (cumulative) for (const t of cumulative) out.push({ tier: t, reason: describeTierMatch(t, deviation, facts, cp.policy) });
  return out;
}
