import "server-only";
import { calendarFromForm, type TSaveSlaCalendars } from "@/lib/schemas/sla-calendars";
import type { TSessionUser } from "../auth/session-user";
import { saveSlaDraftPart } from "./save-sla-draft";

/**
 * Saves the calendar editor into a DRAFT SLA policy version (draft rule in save-sla-draft.ts):
 * only the calendars and the default calendar change.
 */
export async function saveSlaCalendars(options: { actor: Pick<TSessionUser, "id">; input: TSaveSlaCalendars }) {
  const { actor, input } = options;
  const calendars = input.calendars.map(calendarFromForm);
  return saveSlaDraftPart({
    actor,
    baseVersionId: input.baseVersionId,
    part: "calendars",
    apply: (previous) => ({ ...previous, calendars, defaultCalendarId: input.defaultCalendarId.trim() }),
    logged: (body) => ({
      input: { calendars: body.calendars, defaultCalendarId: body.defaultCalendarId },
      summary: `${calendars.length} calendar${calendars.length === 1 ? "" : "s"} (${calendars.map((c) => `${c.id}: ${c.timezone}, ${c.holidays.length} holidays`).join("; ")}), default ${body.defaultCalendarId}`,
    }),
  });
}
