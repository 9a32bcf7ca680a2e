import "server-only";
import { parsePolicyBody } from "@/lib/schemas/policies";
import { clockToForm, type TClockForm } from "@/lib/schemas/sla-clock-form";
import { db } from "../db";

/**
 * What the clock editor starts from: the newest SLA draft when there is one (edits go on
 * there), else the published version (saving then starts a draft from it); null when no
 * valid SLA policy exists. Same choice as the calendar editor, so both edit the same draft.
 */
export async function slaClockEditorState(): Promise<null | { baseVersionId: string; version: number; status: string; name: string; clocks: TClockForm[] }> {
  const select = { id: true, version: true, status: true, name: true, body: true } as const;
  const draft = await db().policyVersion.findFirst({ where: { kind: "SLA", status: "DRAFT" }, orderBy: { version: "desc" }, select });
  const base = draft ?? (await db().policyVersion.findUnique({ where: { activeKind: "SLA" }, select }));
  if (!base) return null;
  const parsed = parsePolicyBody("SLA", base.body);
  if (!parsed.success) return null;
  return { baseVersionId: base.id, version: base.version, status: base.status, name: base.name, clocks: parsed.data.clocks.map(clockToForm) };
}
