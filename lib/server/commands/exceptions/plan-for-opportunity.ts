import "server-only";
import { centsFromDecimal, planApprovals, type TApprovalPlan, type TDealContext, type TRequestedDeviation } from "@/lib/engine/approvals";
import type { TDeviationInput } from "@/lib/schemas/exception-requests";
import { activePolicy } from "../../queries/active-policy";
import { loadOrgChart } from "../../queries/load-org-chart";

// Shared by preview, submit and resubmit: the plan a request needs is computed the same
// way everywhere, server-side, from the stored opportunity — never taken from a client.

/** The opportunity columns a plan reads. */
export const PLAN_OPPORTUNITY_SELECT = {
  id: true,
  ownerId: true,
  stage: true,
  amount: true,
  listAmount: true,
  termMonths: true,
  paymentTermsDays: true,
  account: { select: { region: true } },
  owner: { select: { region: true, managerId: true } },
} as const;

type TPlanOpportunity = {
  amount: { toFixed(d: number): string };
  listAmount: { toFixed(d: number): string };
  termMonths: number;
  paymentTermsDays: number;
  account: { region: string | null } | null;
  owner: { region: string | null };
};

export type TPlanResult = TApprovalPlan & { policyVersionId: string; deal: TDealContext };

/** The deal as it would be with the requested terms applied (discount on list, new term). */
export function dealWithDeviations(opportunity: TPlanOpportunity, deviations: readonly TDeviationInput[]): TDealContext {
  const listCents = centsFromDecimal(opportunity.listAmount.toFixed(2));
  const discount = deviations.find((d) => d.type === "DISCOUNT" || d.type === "VOLUME_DISCOUNT");
  const amountCents = discount && "discountPct" in discount ? Math.round((listCents * (100 - discount.discountPct)) / 100) : centsFromDecimal(opportunity.amount.toFixed(2));
  const term = deviations.find((d) => d.type === "MULTI_YEAR");
  return {
    amountCents,
    listAmountCents: listCents,
    termMonths: term && "termMonths" in term ? term.termMonths : opportunity.termMonths,
    paymentTermsDays: opportunity.paymentTermsDays,
    region: opportunity.account?.region ?? opportunity.owner.region ?? null,
  };
}

export type TPlanningContext = { policy: Awaited<ReturnType<typeof activePolicy<"APPROVAL">>>; orgChart: Awaited<ReturnType<typeof loadOrgChart>> };

/**
 * The published approval policy and the org chart as of `now`. Commands load them BEFORE
 * opening their transaction: read inside it, on other pool connections, 20 concurrent
 * submissions held every connection while waiting for one more, and the pool deadlocked.
 */
export async function loadPlanningContext(now: Date): Promise<TPlanningContext> {
  const [policy, orgChart] = await Promise.all([activePolicy("APPROVAL"), loadOrgChart(now)]);
  return { policy, orgChart };
}

/** Plans against the published approval policy and the org chart as of `now`. */
export async function planForOpportunity(options: { requesterId: string; opportunity: TPlanOpportunity; deviations: readonly TDeviationInput[]; now: Date; context?: TPlanningContext }): Promise<TPlanResult> {
  const { policy, orgChart } = options.context ?? (await loadPlanningContext(options.now));
  const deal = dealWithDeviations(options.opportunity, options.deviations);
  const plan = planApprovals(policy.body, { requesterId: options.requesterId, deviations: options.deviations as TRequestedDeviation[], deal }, orgChart, options.now, `v${policy.version}`);
  return { ...plan, policyVersionId: policy.id, deal };
}
