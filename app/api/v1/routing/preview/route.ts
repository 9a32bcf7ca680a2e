import { apiRoute } from "@/lib/server/api/route";
import { previewRoutingSpec } from "@/lib/server/api/specs/routing";
import { previewRouting } from "@/lib/server/commands/preview-routing";

export const POST = apiRoute(previewRoutingSpec, async ({ body }) => ({ body: { data: await previewRouting({ input: body }) } }));
