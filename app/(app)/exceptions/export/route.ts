import { currentUser } from "@/lib/server/auth/current-user";
import { logAccessDenied } from "@/lib/server/authz/assert-can";
import { roleCan } from "@/lib/server/authz/permissions";
import { forbidden } from "@/lib/server/errors";
import { archiveCsvStream } from "@/lib/server/queries/exception-archive-csv";
import { archiveParams } from "@/lib/server/queries/exception-archive-params";

// A route handler, not a page: the browser downloads the file. It sits outside the page's
// pageAccess, so it checks the session and the permission itself.

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("Sign in to export the archive.\n", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  if (!roleCan(user.role, "exceptions.read.all")) {
    await logAccessDenied(user, "export:/exceptions/export", forbidden(`Role ${user.role} may not export the exception archive`));
    return new Response("You may not export the exception archive.\n", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const { options } = archiveParams(Object.fromEntries(new URL(request.url).searchParams));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(archiveCsvStream(options), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="exception-archive-${day}.csv"`,
      "cache-control": "no-store",
    },
  });
}
