import { apiRoute } from "@/lib/server/api/route";
import { decideMqlSpec } from "@/lib/server/api/specs/lead-writes";
import { decideMql } from "@/lib/server/commands/leads/decide-mql";

export const POST = apiRoute(decideMqlSpec, async ({ user, params, body }) => ({ body: { data: await decideMql({ actor: user, leadId: params.ref, input: body }) } }));
