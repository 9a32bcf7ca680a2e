import { apiRoute } from "@/lib/server/api/route";
import { getExceptionRequestSpec } from "@/lib/server/api/specs/exception-requests";
import { getExceptionRequest } from "@/lib/server/queries/get-exception-request";

export const GET = apiRoute(getExceptionRequestSpec, async ({ user, params }) => ({ body: { data: await getExceptionRequest(user, params.ref) } }));
