import { apiRoute } from "@/lib/server/api/route";
import { previewExceptionSpec } from "@/lib/server/api/specs/exception-requests";
import { previewExceptionRequest } from "@/lib/server/commands/preview-exception-request";

export const POST = apiRoute(previewExceptionSpec, async ({ user, body }) => ({ body: { data: await previewExceptionRequest({ actor: user, input: body }) } }));
