import { apiRoute } from "@/lib/server/api/route";
import { createLeadSpec } from "@/lib/server/api/specs/leads";
import { intakeLead } from "@/lib/server/commands/intake/intake-lead";

export const POST = apiRoute(createLeadSpec, async ({ user, body }) => {
  const result = await intakeLead({ actor: user, raw: body, channel: "API" });
  return { status: result.status === "created" ? 201 : 200, body: { data: result } };
});
