import { apiRoute } from "@/lib/server/api/route";
import { listOpportunitiesSpec } from "@/lib/server/api/specs/opportunities";
import { apiListOpportunities } from "@/lib/server/queries/api-list-opportunities";

export const GET = apiRoute(listOpportunitiesSpec, async ({ user, query }) => ({ body: await apiListOpportunities(user, query) }));
