import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TSessionUser } from "../../auth/session-user";
import { db } from "../../db";
import type { TSqlTx } from "../../transaction-connection";
import { validationError } from "../../errors";
import { checkEvidenceFile } from "./evidence-file-type";

// Evidence files: uploaded by the rep from the request form (stored in stored_files, purpose
// EVIDENCE), then named by id when the request (or its draft) is saved. A request's
// evidence JSON keeps links as { url } and files as { fileId, name, size, contentType }.

export type TStoredEvidence = { id: string; name: string; size: number; contentType: string };

/** Checks and stores one upload; it belongs to no request until a submission names it. */
export async function storeEvidenceFile(options: { actor: TSessionUser; name: string; bytes: Uint8Array }): Promise<TStoredEvidence> {
  const { actor, bytes } = options;
  const check = checkEvidenceFile(options.name, bytes.byteLength, bytes.subarray(0, 64));
  if (!check.ok) throw validationError(check.reason, { file: [check.reason] });
  return db().storedFile.create({
    data: {
      purpose: "EVIDENCE",
      name: check.name,
      contentType: check.contentType,
      size: bytes.byteLength,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      content: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as Uint8Array<ArrayBuffer>,
      uploadedById: actor.id,
    },
    select: { id: true, name: true, size: true, contentType: true },
  });
}

/**
 * The evidence JSON for links plus attachments. Only files this user uploaded as evidence
 * may be attached: an id guessed or copied from someone else's request is refused.
 */
export async function evidenceJson(tx: TSqlTx, actorId: string, links: readonly string[], attachmentIds: readonly string[] | undefined): Promise<Prisma.InputJsonValue> {
  const ids = [...new Set(attachmentIds ?? [])];
  // A raw read: submit runs on a PgTransaction, which has no model queries (ADR 0025). A malformed id matches nothing.
  const uuids = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  const files = uuids.length
    ? await tx.$queryRaw<TStoredEvidence[]>(Prisma.sql`SELECT id::text, name, size, content_type AS "contentType" FROM stored_files
        WHERE id = ANY(${uuids}::uuid[]) AND purpose = 'EVIDENCE' AND uploaded_by_id = ${actorId}::uuid`)
    : [];
  if (files.length !== ids.length) throw validationError("An attached file was not found among your uploads; upload it again.", { attachmentIds: ["Upload the file again"] });
  const byId = new Map(files.map((f) => [f.id, f]));
  return [...links.map((url) => ({ url })), ...ids.map((id) => { const f = byId.get(id)!; return { fileId: f.id, name: f.name, size: f.size, contentType: f.contentType }; })];
}
