import "server-only";
import { defaultSlaPolicy } from "@/lib/schemas/policies/default-governance";
import { ZSlaPolicy, type TSlaPolicy } from "@/lib/schemas/policies/sla";
import { calendarFromForm, type TSaveSlaCalendars } from "@/lib/schemas/sla-calendars";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { appendDecision } from "../decision-log";
import { fieldErrorsFromZod, invalidState, notFound, validationError } from "../errors";

/**
 * Saves the calendar editor into a DRAFT SLA policy version; published versions never change.
 * - started from a draft: that draft is edited in place (it must still be a draft);
 * - started from a published (or archived) version: a new draft is created from its body
 *   with the new calendars, numbered like every draft (advisory lock per kind).
 * The whole body is validated with the policy schema before anything is written, and the
 * change and its decision-log entry commit together. Publishing stays a separate step
 * (/policies/sla), with its lint gate and change note.
 */
export async function saveSlaCalendars(options: { actor: Pick<TSessionUser, "id">; input: TSaveSlaCalendars }) {
  const { actor, input } = options;
  const calendars = input.calendars.map(calendarFromForm);
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${"policy-version:SLA"}))`;
    const [base] = await tx.$queryRaw<{ id: string; kind: string; version: number; status: string; name: string; body: unknown }[]>`
      SELECT id, kind::text AS kind, version, status::text AS status, name, body FROM policy_versions WHERE id = ${input.baseVersionId}::uuid FOR UPDATE`;
    if (!base || base.kind !== "SLA") throw notFound("That SLA policy version");
    const parsedBase = ZSlaPolicy.safeParse(base.body);
    const previous: TSlaPolicy = parsedBase.success ? parsedBase.data : defaultSlaPolicy(new Date().getUTCFullYear());
    const body = ZSlaPolicy.safeParse({ ...previous, calendars, defaultCalendarId: input.defaultCalendarId.trim() });
    if (!body.success) throw validationError("These calendars do not make a valid SLA policy.", fieldErrorsFromZod(body.error.issues));

    const summary = `${calendars.length} calendar${calendars.length === 1 ? "" : "s"} (${calendars.map((c) => `${c.id}: ${c.timezone}, ${c.holidays.length} holidays`).join("; ")}), default ${body.data.defaultCalendarId}`;
    if (base.status === "DRAFT") {
      await tx.policyVersion.update({ where: { id: base.id }, data: { body: body.data as object } });
      await appendDecision(tx, {
        kind: "policy.draft_updated",
        subjectType: "policy_version",
        subjectId: base.id,
        actorId: actor.id,
        policyVersionId: base.id,
        input: { calendars: body.data.calendars, defaultCalendarId: body.data.defaultCalendarId },
        output: { version: base.version },
        reasons: [`The calendars of draft version ${base.version} of the SLA policy were edited: ${summary}.`],
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
      input: { kind: "SLA", name: base.name, from: base.id, calendars: body.data.calendars, defaultCalendarId: body.data.defaultCalendarId },
      output: { version },
      reasons: [`Draft version ${version} of the SLA policy was created from version ${base.version} with new calendars: ${summary}.`],
    });
    return { id: draft.id, version, created: true };
  });
}
