import { apiRoute } from "@/lib/server/api/route";
import { getLeadDecisionsSpec } from "@/lib/server/api/specs/leads";
import { getLeadDecisions } from "@/lib/server/queries/get-lead";

export const GET = apiRoute(getLeadDecisionsSpec, async ({ user, params }) => ({ body: { data: await getLeadDecisions(user, params.ref) } }));
