import { apiRoute } from "@/lib/server/api/route";
import { submitExceptionSpec } from "@/lib/server/api/specs/exception-requests";
import { submitExceptionRequest } from "@/lib/server/commands/exceptions/submit-exception-request";

export const POST = apiRoute(submitExceptionSpec, async ({ user, body }) => ({ status: 201, body: { data: await submitExceptionRequest({ actor: user, input: body }) } }));
