import { MAX_IMPORT_BYTES } from "@/lib/engine/import";
import { ZImportKind } from "@/lib/schemas/import";
import { currentUser } from "@/lib/server/auth/current-user";
import { assertCan, logAccessDenied } from "@/lib/server/authz/assert-can";
import { DomainError, forbidden, toErrorBody, unauthenticated, validationError } from "@/lib/server/errors";
import { uploadImportFile } from "@/lib/server/import/upload-import-file";

// The wizard's file upload: multipart from the signed-in browser session. A route handler, not
// a server action, because actions cap request bodies at 1 MB and a CRM export is larger.
export async function POST(request: Request): Promise<Response> {
  const user = await currentUser();
  try {
    if (!user) throw unauthenticated("Your session has ended. Sign in again.");
    // Same-origin only: the session cookie must not let another site upload on the user's behalf.
    const origin = request.headers.get("origin");
    if (origin && new URL(origin).host !== request.headers.get("host")) throw forbidden("Uploads must come from Arbiter's own pages.");
    assertCan(user, "imports.run", "import CSV files");
    if (Number(request.headers.get("content-length") ?? 0) > MAX_IMPORT_BYTES + 64 * 1024) {
      throw validationError(`The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`, { file: ["Too large"] });
    }
    const form = await request.formData();
    const kind = ZImportKind.safeParse(form.get("kind"));
    if (!kind.success) throw validationError("Choose what the file contains: leads, accounts or opportunities.", { kind: ["Choose leads, accounts or opportunities"] });
    const file = form.get("file");
    if (!(file instanceof File)) throw validationError("Choose a CSV file to upload.", { file: ["Choose a CSV file"] });
    const preview = await uploadImportFile({ actor: user, kind: kind.data, name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    return Response.json(preview, { status: 201 });
  } catch (error) {
    if (error instanceof DomainError && error.code === "FORBIDDEN") await logAccessDenied(user, "route:/imports/upload", error);
    const { status, body } = toErrorBody(error);
    return Response.json({ error: body }, { status });
  }
}
