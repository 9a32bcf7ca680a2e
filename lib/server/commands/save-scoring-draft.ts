import "server-only";
import { ZScoringPolicy } from "@/lib/schemas/policies/scoring";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { appendDecision } from "../decision-log";
import { fieldErrorsFromZod, invalidState, notFound, validationError } from "../errors";

/**
 * Saves the model editor's changes into a scoring draft. Only drafts change in place (a
 * published version is history: a change is a new version); the body must be a valid model,
 * and the edit is logged with what changed in size.
 */
export async function saveScoringDraft(options: { actor: Pick<TSessionUser, "id">; versionId: string; input: { name: string; body: unknown } }) {
  const { actor, versionId, input } = options;
  const parsed = ZScoringPolicy.safeParse(input.body);
  if (!parsed.success) {
    throw validationError("The scoring model is not valid.", fieldErrorsFromZod(parsed.error.issues.map((i) => ({ ...i, path: ["body", ...i.path] }))));
  }
  const model = parsed.data;
  return db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string; kind: string; version: number; status: string }[]>`
      SELECT id, kind::text AS kind, version, status::text AS status FROM policy_versions WHERE id = ${versionId}::uuid FOR UPDATE`;
    if (!row || row.kind !== "SCORING") throw notFound("That scoring version");
    if (row.status !== "DRAFT") throw invalidState(`Version ${row.version} is ${row.status.toLowerCase()}; only drafts can be edited. Start a new draft from it instead.`);
    const saved = await tx.policyVersion.update({
      where: { id: row.id },
      data: { name: input.name, body: model as object, reviewBy: model.reviewBy ? new Date(model.reviewBy) : null },
      select: { id: true, version: true, name: true },
    });
    const rules = model.fit.length + model.engagement.length + model.negative.length;
    await appendDecision(tx, {
      kind: "policy.draft_updated",
      subjectType: "policy_version",
      subjectId: row.id,
      actorId: actor.id,
      policyVersionId: row.id,
      input: { name: input.name, body: model },
      output: { version: row.version },
      reasons: [`Draft version ${row.version} of the scoring model was edited: ${rules} rules, MQL at fit ≥ ${model.fitMin}, engagement ≥ ${model.engagementMin}, total ≥ ${model.mqlThreshold}.`],
    });
    return saved;
  });
}
