import { apiRoute } from "@/lib/server/api/route";
import { simulateRoutingSpec } from "@/lib/server/api/specs/routing-policies";
import { startRoutingSimulation } from "@/lib/server/routing/simulate-start";

export const POST = apiRoute(simulateRoutingSpec, async ({ user, params, body }) => {
  const run = await startRoutingSimulation({ actor: user, versionId: params.ref, input: body });
  return { status: 202, body: { data: { id: run.id, status: run.status, url: `/api/v1/policies/${params.ref}/simulate/${run.id}` } } };
});
