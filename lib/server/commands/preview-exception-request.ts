import "server-only";
import type { TApprovalPlan } from "@/lib/engine/approvals";
import type { TExceptionPreview } from "@/lib/schemas/exception-requests";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { notFound } from "../errors";
import { opportunityScope } from "../queries/record-scope";
import { PLAN_OPPORTUNITY_SELECT, planForOpportunity } from "./exceptions/plan-for-opportunity";

/**
 * The approval chain a request would need, computed — never chosen — before anything is
 * written: the rep sees who must approve and why ("needs VP Sales because 27% > 20%").
 */
export async function previewExceptionRequest(options: { actor: TSessionUser; input: TExceptionPreview; now?: Date }): Promise<TApprovalPlan & { policyVersionId: string }> {
  const { actor, input } = options;
  const opportunity = await db().opportunity.findFirst({ where: { AND: [{ id: input.opportunityId }, opportunityScope(actor)] }, select: PLAN_OPPORTUNITY_SELECT });
  if (!opportunity) throw notFound("That opportunity (or one you may see)");
  // The deal facts stay server-side: the preview answers with the plan only.
  const { deal: _deal, ...plan } = await planForOpportunity({ requesterId: actor.id, opportunity, deviations: input.deviations, now: options.now ?? new Date() });
  return plan;
}
