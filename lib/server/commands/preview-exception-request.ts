import "server-only";
import { centsFromDecimal, planApprovals, type TApprovalPlan, type TRequestedDeviation } from "@/lib/engine/approvals";
import type { TExceptionPreview } from "@/lib/schemas/exception-requests";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { notFound } from "../errors";
import { activePolicy } from "../queries/active-policy";
import { loadOrgChart } from "../queries/load-org-chart";
import { opportunityScope } from "../queries/record-scope";

/**
 * The approval chain a request would need, computed — never chosen — before anything is
 * written: the rep sees who must approve and why ("needs VP Sales because 27% > 20%").
 */
export async function previewExceptionRequest(options: { actor: TSessionUser; input: TExceptionPreview; now?: Date }): Promise<TApprovalPlan & { policyVersionId: string }> {
  const { actor, input } = options;
  const now = options.now ?? new Date();
  const opportunity = await db().opportunity.findFirst({
    where: { AND: [{ id: input.opportunityId }, opportunityScope(actor)] },
    select: { amount: true, listAmount: true, termMonths: true, paymentTermsDays: true, account: { select: { region: true } }, owner: { select: { region: true } } },
  });
  if (!opportunity) throw notFound("That opportunity (or one you may see)");
  const [policy, orgChart] = await Promise.all([activePolicy("APPROVAL"), loadOrgChart(now)]);
  const listCents = centsFromDecimal(opportunity.listAmount.toFixed(2));
  const discount = input.deviations.find((d) => d.type === "DISCOUNT" || d.type === "VOLUME_DISCOUNT");
  // The deal as it would be with the requested discount applied to list.
  const amountCents = discount && "discountPct" in discount ? Math.round((listCents * (100 - discount.discountPct)) / 100) : centsFromDecimal(opportunity.amount.toFixed(2));
  const term = input.deviations.find((d) => d.type === "MULTI_YEAR");
  const plan = planApprovals(
    policy.body,
    {
      requesterId: actor.id,
      deviations: input.deviations as TRequestedDeviation[],
      deal: {
        amountCents,
        listAmountCents: listCents,
        termMonths: term && "termMonths" in term ? term.termMonths : opportunity.termMonths,
        paymentTermsDays: opportunity.paymentTermsDays,
        region: opportunity.account?.region ?? opportunity.owner.region ?? null,
      },
    },
    orgChart,
    now,
    `v${policy.version}`,
  );
  return { ...plan, policyVersionId: policy.id };
}
