import { apiRoute } from "@/lib/server/api/route";
import { getRoutingSimulationSpec } from "@/lib/server/api/specs/routing-policies";
import { getRoutingSimulation } from "@/lib/server/routing/simulate-read";

export const GET = apiRoute(getRoutingSimulationSpec, async ({ params }) => ({ body: { data: await getRoutingSimulation(params.runId, params.ref) } }));
