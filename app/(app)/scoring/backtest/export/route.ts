import { currentUser } from "@/lib/server/auth/current-user";
import { logAccessDenied } from "@/lib/server/authz/assert-can";
import { roleCan } from "@/lib/server/authz/permissions";
import { DomainError, forbidden } from "@/lib/server/errors";
import { runBacktest } from "@/lib/server/queries/run-backtest";
import { backtestParams } from "@/lib/server/scoring/backtest-view";

// The backtest page's "Download per-lead scores CSV": the same file as POST
// /api/v1/scoring/backtest with format=csv (formula cells neutralised), for the page's filters.
// A route handler outside the page's pageAccess, so it checks the session and permission itself.

export const dynamic = "force-dynamic";

const text = (body: string, status: number) => new Response(body + "\n", { status, headers: { "content-type": "text/plain; charset=utf-8" } });

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return text("Sign in to download backtest scores.", 401);
  if (!roleCan(user.role, "policies.edit")) {
    await logAccessDenied(user, "export:/scoring/backtest/export", forbidden(`Role ${user.role} may not export backtest scores`));
    return text("You may not export backtest scores.", 403);
  }
  const params = backtestParams(Object.fromEntries(new URL(request.url).searchParams));
  if (!params.success) return text(`Check the filters: ${params.error.issues.map((i) => i.message).join("; ")}`, 422);
  try {
    const result = await runBacktest(params.data);
    return new Response(result.csv(), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="backtest-v${result.version.version}.csv"`, "cache-control": "no-store" },
    });
  } catch (error) {
    if (error instanceof DomainError) return text(error.message, error.code === "NOT_FOUND" ? 404 : 422);
    throw error;
  }
}
