import { apiRoute } from "@/lib/server/api/route";
import { batchLeadsSpec } from "@/lib/server/api/specs/lead-writes";
import { intakeBatch } from "@/lib/server/commands/leads/intake-batch";

export const POST = apiRoute(batchLeadsSpec, async ({ user, body }) => ({ body: await intakeBatch({ actor: user, leads: body.leads, channel: "API" }) }));
