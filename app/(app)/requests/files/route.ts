import { currentUser } from "@/lib/server/auth/current-user";
import { logAccessDenied } from "@/lib/server/authz/assert-can";
import { roleCan } from "@/lib/server/authz/permissions";
import { storeEvidenceFile } from "@/lib/server/commands/exceptions/evidence-files";
import { EVIDENCE_MAX_BYTES } from "@/lib/server/commands/exceptions/evidence-file-type";
import { DomainError, forbidden, toErrorBody } from "@/lib/server/errors";

// Upload of one evidence file from the request form (multipart field "file"). A route
// handler, not a server action: actions cap bodies at 1 MB. It checks the session, the
// permission and the origin itself (a cookie-authenticated POST, so a page on another site
// must not be able to upload in the user's name).

export const dynamic = "force-dynamic";

const json = (status: number, body: unknown) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export async function POST(request: Request): Promise<Response> {
  const user = await currentUser();
  if (!user) return json(401, { error: { code: "UNAUTHENTICATED", message: "Sign in to upload evidence." } });
  if (!roleCan(user.role, "exceptions.submit")) {
    await logAccessDenied(user, "upload:/requests/files", forbidden(`Role ${user.role} may not upload evidence`));
    return json(403, { error: { code: "FORBIDDEN", message: "You may not upload evidence." } });
  }
  if (!sameOrigin(request)) return json(403, { error: { code: "FORBIDDEN", message: "Uploads are accepted from Arbiter's own pages only." } });
  // A declared length far above the limit is refused before reading the body.
  if (Number(request.headers.get("content-length") ?? 0) > EVIDENCE_MAX_BYTES + 64 * 1024) {
    return json(413, { error: { code: "VALIDATION_FAILED", message: "Files are at most 10 MB." } });
  }
  let file: File | null = null;
  try {
    const form = await request.formData();
    const value = form.get("file");
    file = value instanceof File ? value : null;
  } catch {
    file = null;
  }
  if (!file) return json(422, { error: { code: "VALIDATION_FAILED", message: "Choose a file to upload.", fields: { file: ["Choose a file"] } } });
  try {
    const stored = await storeEvidenceFile({ actor: user, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    return json(201, { data: stored });
  } catch (error) {
    if (error instanceof DomainError) {
      const { status, body } = toErrorBody(error);
      return json(status, { error: body });
    }
    throw error;
  }
}
