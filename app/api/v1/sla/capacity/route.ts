import { apiRoute } from "@/lib/server/api/route";
import { capacitySpec } from "@/lib/server/api/specs/sla";
import { planCapacity } from "@/lib/server/queries/plan-capacity";

export const POST = apiRoute(capacitySpec, async ({ body }) => ({ body: { data: planCapacity(body) } }));
