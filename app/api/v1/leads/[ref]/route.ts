import { apiRoute } from "@/lib/server/api/route";
import { getLeadSpec } from "@/lib/server/api/specs/leads";
import { getLead } from "@/lib/server/queries/get-lead";

export const GET = apiRoute(getLeadSpec, async ({ user, params }) => ({ body: { data: await getLead(user, params.ref) } }));
