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

/** Plans against the published approval policy and the org chart as of `now`. */
export async function planForOpportunity(options: { requesterId: string; opportunity: TPlanOpportunity; deviations: readonly TDeviationInput[]; now: Date }): Promise<TPlanResult> {
  const [policy, orgChart] = await Promise.all([activePolicy("APPROVAL"), loadOrgChart(options.now)]);
  const deal = dealWithDeviations(options.opportunity, options.deviations);
  const plan = planApprovals(policy.body, { requesterId: options.requesterId, deviations: options.deviations as TRequestedDeviation[], deal }, orgChart, options.now, `v${policy.version}`);
  return { ...plan, policyVersionId: policy.id, deal };
}
