import "server-only";
import { ZRoutingPolicy, type TRoutingPolicy } from "@/lib/schemas/policies/routing";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { appendDecision } from "../decision-log";
import { fieldErrorsFromZod, invalidState, notFound, validationError } from "../errors";

/**
 * Saves the matrix editor's body over a DRAFT routing version. Published and archived versions
 * never change (a change is a new draft). The row is locked so a save racing a publish either
 * lands before it (and is what gets published) or is refused after it. Lint is not a gate
 * here — a draft may be saved mid-edit with warnings or lint errors; publishing checks them.
 */
export async function saveRoutingDraft(options: { actor: Pick<TSessionUser, "id">; versionId: string; name?: string; body: unknown }) {
  const { actor, versionId } = options;
  const parsed = ZRoutingPolicy.safeParse(options.body);
  if (!parsed.success) throw validationError("The matrix is not valid yet; fix the marked rows and save again.", fieldErrorsFromZod(parsed.error.issues.map((i) => ({ ...i, path: ["body", ...i.path] }))));
  const body: TRoutingPolicy = parsed.data;
  return db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string; kind: string; version: number; status: string; name: string }[]>`
      SELECT id, kind::text AS kind, version, status::text AS status, name FROM policy_versions WHERE id = ${versionId}::uuid FOR UPDATE`;
    if (!row || row.kind !== "ROUTING") throw notFound("That routing policy version");
    if (row.status !== "DRAFT") throw invalidState(`Version ${row.version} is ${row.status.toLowerCase()} and can no longer change; create a new draft from it.`);
    const name = options.name?.trim() || row.name;
    await tx.policyVersion.update({ where: { id: versionId }, data: { body: body as object, name } });
    await appendDecision(tx, {
      kind: "policy.draft_saved",
      subjectType: "policy_version",
      subjectId: versionId,
      actorId: actor.id,
      policyVersionId: versionId,
      input: { rows: body.rows.length, pools: body.pools.length, columns: body.columns },
      output: { version: row.version },
      reasons: [`Draft version ${row.version} of the routing policy was saved with ${body.rows.length} rows.`],
    });
    return { id: versionId, version: row.version, name };
  });
}
