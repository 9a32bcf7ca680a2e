import "server-only";
import { defaultSlaPolicy } from "@/lib/schemas/policies/default-governance";
import { ZSlaPolicy, type TSlaPolicy } from "@/lib/schemas/policies/sla";
import { clockFormPath, clockFromForm, type TSaveSlaClocks } from "@/lib/schemas/sla-clock-form";
import { formatMinutes } from "@/lib/engine/sla/clock-form-summary";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { appendDecision } from "../decision-log";
import { fieldErrorsFromZod, invalidState, notFound, validationError } from "../errors";

/** A policy issue on clocks.N.<policy field> restated on the editor's input (clocks.N.<form field>). */
function onFormPath(path: ReadonlyArray<PropertyKey>): PropertyKey[] {
  const [head, index, ...rest] = path;
  return head === "clocks" && typeof index === "number" ? ["clocks", index, ...clockFormPath(rest)] : [...path];
}

/**
 * Saves the clock editor into a DRAFT SLA policy version, with the same draft semantics as
 * the calendar editor (save-sla-calendars.ts): a draft is edited in place; a published or
 * archived version is never changed, a new draft is created from its body instead. Only the
 * clocks change; the whole body is validated before anything is written, and the change and
 * its decision-log entry commit together. Publishing stays on /policies/sla.
 */
export async function saveSlaClocks(options: { actor: Pick<TSessionUser, "id">; input: TSaveSlaClocks }) {
  const { actor, input } = options;
  const clocks = input.clocks.map(clockFromForm);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"policy-version:SLA"}))`;
    const [base] = await tx.$queryRaw<{ id: string; kind: string; version: number; status: string; name: string; body: unknown }[]>`
      SELECT id, kind::text AS kind, version, status::text AS status, name, body FROM policy_versions WHERE id = ${input.baseVersionId}::uuid FOR UPDATE`;
    if (!base || base.kind !== "SLA") throw notFound("That SLA policy version");
    const parsedBase = ZSlaPolicy.safeParse(base.body);
    const previous: TSlaPolicy = parsedBase.success ? parsedBase.data : defaultSlaPolicy(new Date().getUTCFullYear());
    const body = ZSlaPolicy.safeParse({ ...previous, clocks });
    if (!body.success) {
      const issues = body.error.issues.map((issue) => ({ ...issue, path: onFormPath(issue.path) }));
      throw validationError("These clocks do not make a valid SLA policy.", fieldErrorsFromZod(issues));
    }

    const summary = body.data.clocks
      .map((c) => `${c.id}: ${c.multiplier !== undefined ? `${c.multiplier}×` : formatMinutes(c.durationMinutes ?? 0)}${c.businessHours ? " business" : ""}, ${c.escalation.length} level${c.escalation.length === 1 ? "" : "s"}`)
      .join("; ");
    if (base.status === "DRAFT") {
      await tx.policyVersion.update({ where: { id: base.id }, data: { body: body.data as object } });
      await appendDecision(tx, {
        kind: "policy.draft_updated",
        subjectType: "policy_version",
        subjectId: base.id,
        actorId: actor.id,
        policyVersionId: base.id,
        input: { clocks: body.data.clocks, previousClocks: previous.clocks },
        output: { version: base.version },
        reasons: [`The clocks of draft version ${base.version} of the SLA policy were edited: ${summary}.`],
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
      input: { kind: "SLA", name: base.name, from: base.id, clocks: body.data.clocks, previousClocks: previous.clocks },
      output: { version },
      reasons: [`Draft version ${version} of the SLA policy was created from version ${base.version} with new clocks: ${summary}.`],
    });
    return { id: draft.id, version, created: true };
  });
}
