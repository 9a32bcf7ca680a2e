import "server-only";
import { parsePolicyBody } from "@/lib/schemas/policies";
import { calendarToForm, type TCalendarForm } from "@/lib/schemas/sla-calendars";
import { db } from "../db";

/**
 * What the calendar editor starts from: the newest SLA draft when there is one (edits go on
 * there), else the published version (saving then starts a new draft from it). Null when no
 * SLA policy exists yet.
 */
export async function slaCalendarEditorState(): Promise<null | {
  baseVersionId: string;
  version: number;
  status: string;
  name: string;
  calendars: TCalendarForm[];
  defaultCalendarId: string;
}> {
  const draft = await db().policyVersion.findFirst({ where: { kind: "SLA", status: "DRAFT" }, orderBy: { version: "desc" }, select: { id: true, version: true, status: true, name: true, body: true } });
  const base = draft ?? (await db().policyVersion.findUnique({ where: { activeKind: "SLA" }, select: { id: true, version: true, status: true, name: true, body: true } }));
  if (!base) return null;
  const parsed = parsePolicyBody("SLA", base.body);
  if (!parsed.success) return null;
  return {
    baseVersionId: base.id,
    version: base.version,
    status: base.status,
    name: base.name,
    calendars: parsed.data.calendars.map(calendarToForm),
    defaultCalendarId: parsed.data.defaultCalendarId,
  };
}
