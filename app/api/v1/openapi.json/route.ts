import { json } from "@/lib/server/api/json";
import { buildOpenApiDocument } from "@/lib/server/api/openapi";

export function GET(request: Request) {
  return json(buildOpenApiDocument({ serverUrl: new URL(request.url).origin }));
}
