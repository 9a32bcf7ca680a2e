import { apiRoute } from "@/lib/server/api/route";
import { changeOpportunityStageSpec } from "@/lib/server/api/specs/opportunity-stage";
import { changeOpportunityStage } from "@/lib/server/commands/opportunities/change-opportunity-stage";

export const POST = apiRoute(changeOpportunityStageSpec, async ({ user, params, body }) => ({
  body: { data: await changeOpportunityStage({ actor: user, opportunityId: params.ref, toStage: body.toStage, reason: body.reason }) },
}));
