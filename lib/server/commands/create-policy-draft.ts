import "server-only";
import { parsePolicyBody } from "@/lib/schemas/policies";
import type { TCreatePolicyDraft, TPolicyKind } from "@/lib/schemas/policy-inputs";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { appendDecision } from "../decision-log";
import { fieldErrorsFromZod, validationError } from "../errors";

export async function createPolicyDraft(options: { actor: Pick<TSessionUser, "id">; kind: TPolicyKind; input: TCreatePolicyDraft }) {
  const { actor, kind, input } = options;
  const parsed = parsePolicyBody(kind, input.body);
  if (!parsed.success) {
    const fields = fieldErrorsFromZod(parsed.error.issues.map((i) => ({ ...i, path: ["body", ...i.path] })));
    throw validationError(`The ${kind.toLowerCase()} policy body is not valid.`, fields);
  }
  return db().$transaction(async (tx) => {
    // Serialise version numbering per kind; two drafts created at once get N and N+1.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`policy-version:${kind}`}))`;
    const last = await tx.policyVersion.findFirst({ where: { kind }, orderBy: { version: "desc" }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    const draft = await tx.policyVersion.create({
      data: {
        kind,
        version,
        status: "DRAFT",
        name: input.name,
        body: parsed.data as object,
        authorId: actor.id,
        kpi: input.kpi ?? null,
        reviewBy: input.reviewBy ? new Date(input.reviewBy) : null,
      },
      select: { id: true, kind: true, version: true, status: true, name: true, createdAt: true },
    });
    await appendDecision(tx, {
      kind: "policy.draft_created",
      subjectType: "policy_version",
      subjectId: draft.id,
      actorId: actor.id,
      policyVersionId: draft.id,
      input: { kind, name: input.name },
      output: { version },
      reasons: [`Draft version ${version} of the ${kind.toLowerCase()} policy was created.`],
    });
    return draft;
  });
}
