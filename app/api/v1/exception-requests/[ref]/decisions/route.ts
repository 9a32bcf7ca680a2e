import { apiRoute } from "@/lib/server/api/route";
import { decideExceptionSpec } from "@/lib/server/api/specs/exception-requests";
import { decideApprovalStep } from "@/lib/server/commands/exceptions/decide-approval-step";

export const POST = apiRoute(decideExceptionSpec, async ({ user, params, body }) => ({ body: { data: await decideApprovalStep({ actor: user, input: { requestId: params.ref, ...body }, channel: "api" }) } }));
