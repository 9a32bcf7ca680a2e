import "server-only";
import { parsePolicyBody } from "@/lib/schemas/policies";
import type { TPolicyKind, TPublishPolicy } from "@/lib/schemas/policy-inputs";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { appendDecision } from "../decision-log";
import { conflict, invalidState, notFound, validationError, fieldErrorsFromZod } from "../errors";
import { scheduleScoringRescore } from "../scoring/rescore-job";
import { lintFieldErrors, lintPolicyBody } from "./lint-policy-version";

const UNIQUE_VIOLATION = "P2002";

/**
 * Publishes a draft: the kind's current published version is archived and this one becomes
 * the single active version, with who, when, why and the KPI recorded — all in one
 * transaction with the decision-log entry. The database's unique active-kind slot makes a
 * concurrent second publish fail instead of leaving two active versions.
 */
export async function publishPolicyVersion(options: { actor: Pick<TSessionUser, "id">; versionId: string; input: TPublishPolicy }) {
  const { actor, versionId, input } = options;
  try {
    const published = await db().$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ id: string; kind: TPolicyKind; version: number; status: string; body: unknown }[]>`
        SELECT id, kind::text AS kind, version, status::text AS status, body FROM policy_versions WHERE id = ${versionId}::uuid FOR UPDATE`;
      if (!row) throw notFound("That policy version");
      if (row.status !== "DRAFT") throw invalidState(`Version ${row.version} is ${row.status.toLowerCase()}; only drafts can be published.`);
      const parsed = parsePolicyBody(row.kind, row.body);
      if (!parsed.success) throw validationError("This draft is not valid and cannot be published.", fieldErrorsFromZod(parsed.error.issues));
      // Lint is a gate: errors (unreachable rows, missing pools, inactive users) block; warnings do not.
      const lint = await lintPolicyBody(tx, row.kind, parsed.data);
      if (!lint.ok) {
        throw validationError(`This draft has ${lint.errors.length} lint error${lint.errors.length === 1 ? "" : "s"} and cannot be published: ${lint.errors.map((e) => e.message).join("; ")}.`, lintFieldErrors(lint));
      }

      const previous = await tx.policyVersion.findFirst({ where: { kind: row.kind, status: "PUBLISHED" }, select: { id: true, version: true } });
      if (previous) {
        await tx.policyVersion.update({ where: { id: previous.id }, data: { status: "ARCHIVED", activeKind: null, archivedAt: new Date() } });
      }
      const published = await tx.policyVersion.update({
        where: { id: row.id },
        data: { status: "PUBLISHED", activeKind: row.kind, publishedAt: new Date(), publishedById: actor.id, changeNote: input.changeNote, kpi: input.kpi },
        select: { id: true, kind: true, version: true, status: true, publishedAt: true },
      });
      await appendDecision(tx, {
        kind: "policy.published",
        subjectType: "policy_version",
        subjectId: row.id,
        actorId: actor.id,
        policyVersionId: row.id,
        input: { versionId: row.id, changeNote: input.changeNote, kpi: input.kpi },
        output: { kind: row.kind, version: row.version, previousVersionId: previous?.id ?? null },
        reasons: [
          `Version ${row.version} of the ${row.kind.toLowerCase()} policy is now active${previous ? `, replacing version ${previous.version}` : ""}.`,
          `Change note: ${input.changeNote}`,
        ],
      });
      return published;
    });
    // After the commit: open leads are rescored in the background (progress on the policy page).
    if (published.kind === "SCORING") await scheduleScoringRescore({ versionId: published.id, actorId: actor.id });
    return published;
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw conflict("Another version of this policy was published at the same moment. Reload and try again.");
    throw error;
  }
}
