import { currentUser } from "@/lib/server/auth/current-user";
import { db } from "@/lib/server/db";
import { DomainError } from "@/lib/server/errors";
import { attachmentIds } from "@/lib/server/queries/exception-request-detail";
import { getExceptionRequest } from "@/lib/server/queries/get-exception-request";

// Download of one evidence file of one request, for the people who may see that request
// (getExceptionRequest decides, with the same 404 for "not there" and "not yours"). Always
// a download (Content-Disposition: attachment) with nosniff, so a file is never rendered
// as a page of Arbiter's origin.

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFoundResponse = () => new Response("Not found.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

export async function GET(_request: Request, { params }: { params: Promise<{ id: string; fileId: string }> }): Promise<Response> {
  const user = await currentUser();
  if (!user) return new Response("Sign in to download evidence.\n", { status: 401, headers: { "content-type": "text/plain; charset=utf-8" } });
  const { id, fileId } = await params;
  if (!UUID.test(id) || !UUID.test(fileId)) return notFoundResponse();
  let evidence: unknown;
  try {
    evidence = (await getExceptionRequest(user, id)).evidence;
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") return notFoundResponse();
    throw error;
  }
  // Only a file this request names: a readable request does not open other requests' files.
  if (!attachmentIds(evidence).includes(fileId)) return notFoundResponse();
  const file = await db().storedFile.findFirst({ where: { id: fileId, purpose: "EVIDENCE" }, select: { name: true, contentType: true, size: true, content: true } });
  if (!file) return notFoundResponse();
  const ascii = file.name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return new Response(new Uint8Array(file.content), {
    headers: {
      "content-type": file.contentType,
      "content-length": String(file.size),
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cache-control": "private, no-store",
    },
  });
}
