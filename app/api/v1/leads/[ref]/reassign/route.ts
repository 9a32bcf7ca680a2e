import { apiRoute } from "@/lib/server/api/route";
import { reassignLeadSpec } from "@/lib/server/api/specs/lead-reassign";
import { reassignLead } from "@/lib/server/commands/reassign-lead";

export const POST = apiRoute(reassignLeadSpec, async ({ user, params, body }) => ({ body: { data: await reassignLead({ actor: user, leadId: params.ref, input: body }) } }));
