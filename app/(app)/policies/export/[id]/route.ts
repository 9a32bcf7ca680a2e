import { currentUser } from "@/lib/server/auth/current-user";
import { logAccessDenied } from "@/lib/server/authz/assert-can";
import { roleCan } from "@/lib/server/authz/permissions";
import { DomainError, forbidden, toErrorBody } from "@/lib/server/errors";
import { exportPolicyVersion } from "@/lib/server/queries/export-policy-version";

// The "Download JSON" link on the policy page. The API export needs a bearer key, which a
// browser session does not carry, so this handler authenticates by session and checks the
// same permission itself (a route handler gets no page-level guard).
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await currentUser();
  if (!user) return Response.json({ error: { code: "UNAUTHENTICATED", message: "Sign in to continue." } }, { status: 401 });
  if (!roleCan(user.role, "policies.read")) {
    const denial = forbidden(`Role ${user.role} may not export policies`);
    await logAccessDenied(user, "route:/policies/export/[id]", denial);
    return Response.json({ error: { code: denial.code, message: denial.message } }, { status: 403 });
  }
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) return Response.json({ error: { code: "NOT_FOUND", message: "That policy version was not found." } }, { status: 404 });
  try {
    const data = await exportPolicyVersion(id);
    const filename = `${data.kind.toLowerCase()}-v${data.exportedFrom.version}.json`;
    return new Response(JSON.stringify(data, null, 2), {
      headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const { status, body } = toErrorBody(error);
    return Response.json({ error: body }, { status });
  }
}
