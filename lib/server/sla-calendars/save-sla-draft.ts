import "server-only";
import { defaultSlaPolicy } from "@/lib/schemas/policies/default-governance";
import { ZSlaPolicy, type TSlaPolicy } from "@/lib/schemas/policies/sla";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { appendDecision } from "../decision-log";
import { fieldErrorsFromZod, invalidState, notFound, validationError } from "../errors";

type TIssue = { path: ReadonlyArray<PropertyKey>; message: string };

/**
 * The draft rule both SLA editors (calendars, clocks) save by: a draft is edited in place; a
 * published or archived version is never changed, a new draft is created from its body
 * instead, numbered like every draft (advisory lock per kind). `part` names what the editor
 * changes; `apply` puts the edited part on the stored body. The whole body is validated with
 * the policy schema before anything is written, and the change and its decision-log entry
 * commit together. Publishing stays a separate step (/policies/sla).
 */
export async function saveSlaDraftPart(options: {
  actor: Pick<TSessionUser, "id">;
  baseVersionId: string;
  part: "calendars" | "clocks";
  apply: (previous: TSlaPolicy) => unknown;
  /** Where a policy issue shows on the editor's form (identity when the paths agree). */
  issuePath?: (path: ReadonlyArray<PropertyKey>) => PropertyKey[];
  /** What the log records of the change: its input and a one-line summary. */
  logged: (body: TSlaPolicy, previous: TSlaPolicy) => { input: object; summary: string };
}): Promise<{ id: string; version: number; created: boolean }> {
  const { actor, part } = options;
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"policy-version:SLA"}))`;
    const [base] = await tx.$queryRaw<{ id: string; kind: string; version: number; status: string; name: string; body: unknown }[]>`
      SELECT id, kind::text AS kind, version, status::text AS status, name, body FROM policy_versions WHERE id = ${options.baseVersionId}::uuid FOR UPDATE`;
    if (!base || base.kind !== "SLA") throw notFound("That SLA policy version");
    const parsedBase = ZSlaPolicy.safeParse(base.body);
    const previous: TSlaPolicy = parsedBase.success ? parsedBase.data : defaultSlaPolicy(new Date().getUTCFullYear());
    const body = ZSlaPolicy.safeParse(options.apply(previous));
    if (!body.success) {
      const issues: TIssue[] = options.issuePath ? body.error.issues.map((issue) => ({ ...issue, path: options.issuePath!(issue.path) })) : body.error.issues;
      throw validationError(`These ${part} do not make a valid SLA policy.`, fieldErrorsFromZod(issues));
    }
    const { input, summary } = options.logged(body.data, previous);

    if (base.status === "DRAFT") {
      await tx.policyVersion.update({ where: { id: base.id }, data: { body: body.data as object } });
      await appendDecision(tx, {
        kind: "policy.draft_updated",
        subjectType: "policy_version",
        subjectId: base.id,
        actorId: actor.id,
        policyVersionId: base.id,
        input,
        output: { version: base.version },
        reasons: [`The ${part} of draft version ${base.version} of the SLA policy were edited: ${summary}.`],
      });
      return { id: base.id, version: base.version, created: false };
    }
    if (base.status !== "PUBLISHED" && base.status !== "ARCHIVED") throw invalidState(`Version ${base.version} is ${base.status.toLowerCase()}; reload the editor.`);
    const last = await tx.policyVersion.findFirst({ where: { kind: "SLA" }, orderBy: { version: "desc" }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    const draft = await tx.policyVersion.create({
      data: { kind: "SLA", version, status: "DRAFT", name: base.name, body: body.data as object, authorId: actor.id },
      select: { id: true, version: true },
    });
    await appendDecision(tx, {
      kind: "policy.draft_created",
      subjectType: "policy_version",
      subjectId: draft.id,
      actorId: actor.id,
      policyVersionId: draft.id,
      input: { kind: "SLA", name: base.name, from: base.id, ...input },
      output: { version },
      reasons: [`Draft version ${version} of the SLA policy was created from version ${base.version} with new ${part}: ${summary}.`],
    });
    return { id: draft.id, version, created: true };
  });
}
