import { apiRoute } from "@/lib/server/api/route";
import { recordLeadActivitiesSpec } from "@/lib/server/api/specs/lead-writes";
import { recordLeadActivities } from "@/lib/server/commands/leads/record-activities";

export const POST = apiRoute(recordLeadActivitiesSpec, async ({ user, params, body }) => ({ body: { data: await recordLeadActivities({ actor: user, leadId: params.ref, input: body }) } }));
