import { z } from "zod";
import { ZCalendar, WEEKDAYS, type TCalendar } from "./policies/sla";

// The calendar editor's form: what a person types, turned into the SLA policy's calendars
// and validated by the policy's own ZCalendar, with each error put back on the field that
// caused it. Working hours are typed per weekday as "09:00-12:30, 13:30-17:00" (split
// hours), "22:00-06:00" for an overnight shift, or left blank for a day off.

export type TWeekday = (typeof WEEKDAYS)[number];

export const ZCalendarForm = z.object({
  id: z.string(),
  name: z.string(),
  /** "" for a general calendar that serves no region. */
  region: z.string(),
  timezone: z.string(),
  hours: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.string()])) as Record<TWeekday, z.ZodString>),
  holidays: z.array(z.string()),
});
export type TCalendarForm = z.infer<typeof ZCalendarForm>;

const INTERVAL = /^\s*(\d{1,2}:\d{2})\s*[-–—]\s*(\d{1,2}:\d{2})\s*$/;
const pad = (t: string) => (t.length === 4 ? `0${t}` : t);

/** "09:00-12:30, 13:30-17:00" → [["09:00","12:30"],["13:30","17:00"]]; an error message for text that is not intervals. */
export function parseDayHours(text: string): { ok: true; intervals: [string, string][] } | { ok: false; message: string } {
  if (text.trim() === "") return { ok: true, intervals: [] };
  const intervals: [string, string][] = [];
  for (const part of text.split(/[,;]/)) {
    if (part.trim() === "") continue;
    const m = INTERVAL.exec(part);
    if (!m) return { ok: false, message: `"${part.trim()}" is not an interval: write e.g. 09:00-17:00, or 09:00-12:30, 13:30-17:00 for split hours` };
    intervals.push([pad(m[1]!), pad(m[2]!)]);
  }
  return { ok: true, intervals };
}

export function formatDayHours(intervals: ReadonlyArray<readonly [string, string]> | undefined): string {
  return (intervals ?? []).map(([s, e]) => `${s}-${e}`).join(", ");
}

export function calendarToForm(c: TCalendar): TCalendarForm {
  return {
    id: c.id,
    name: c.name,
    region: c.region ?? "",
    timezone: c.timezone,
    hours: Object.fromEntries(WEEKDAYS.map((d) => [d, formatDayHours(c.workingHours[d])])) as Record<TWeekday, string>,
    holidays: [...c.holidays],
  };
}

/** The policy calendar a form describes (unvalidated: run ZCalendar on it). Unparseable days are left out. */
export function calendarFromForm(f: TCalendarForm): TCalendar {
  const workingHours: TCalendar["workingHours"] = {};
  for (const d of WEEKDAYS) {
    const parsed = parseDayHours(f.hours[d]);
    if (parsed.ok && parsed.intervals.length > 0) workingHours[d] = parsed.intervals;
  }
  return {
    id: f.id.trim(),
    name: f.name.trim(),
    ...(f.region.trim() ? { region: f.region.trim() } : {}),
    timezone: f.timezone.trim(),
    workingHours,
    holidays: [...f.holidays].sort(),
  };
}

/** Where a ZCalendar issue belongs in the form: hours per weekday, the holiday list, or the field itself. */
function formPath(path: ReadonlyArray<PropertyKey>): (string | number)[] {
  const [head, second] = path;
  if (head === "workingHours") return typeof second === "string" ? ["hours", second] : ["hours", "mon"];
  if (head === "holidays") return ["holidays"];
  return [String(head ?? "name")];
}

export const ZSlaCalendarsForm = z
  .object({
    calendars: z.array(ZCalendarForm).min(1, "Keep at least one calendar"),
    defaultCalendarId: z.string().min(1, "Choose the default calendar"),
  })
  .superRefine((form, ctx) => {
    const ids = new Map<string, number>();
    const regions = new Map<string, number>();
    form.calendars.forEach((cal, i) => {
      for (const d of WEEKDAYS) {
        const parsed = parseDayHours(cal.hours[d]);
        if (!parsed.ok) ctx.addIssue({ code: "custom", path: ["calendars", i, "hours", d], message: parsed.message });
      }
      const result = ZCalendar.safeParse(calendarFromForm(cal));
      if (!result.success) {
        for (const issue of result.error.issues) ctx.addIssue({ code: "custom", path: ["calendars", i, ...formPath(issue.path)], message: issue.message });
      }
      const id = cal.id.trim();
      if (ids.has(id)) ctx.addIssue({ code: "custom", path: ["calendars", i, "id"], message: `Calendar id "${id}" is used twice` });
      ids.set(id, i);
      const region = cal.region.trim();
      if (region && regions.has(region)) ctx.addIssue({ code: "custom", path: ["calendars", i, "region"], message: `Region ${region} already has a calendar` });
      if (region) regions.set(region, i);
    });
    if (form.defaultCalendarId && !ids.has(form.defaultCalendarId.trim())) {
      ctx.addIssue({ code: "custom", path: ["defaultCalendarId"], message: "The default calendar must be one of the calendars above" });
    }
  });
export type TSlaCalendarsForm = z.infer<typeof ZSlaCalendarsForm>;

/** What the save action receives: the form plus the version the editor started from. */
export const ZSaveSlaCalendars = ZSlaCalendarsForm.and(z.object({ baseVersionId: z.uuid("The editor lost track of its policy version; reload the page") }));
export type TSaveSlaCalendars = z.infer<typeof ZSaveSlaCalendars>;

export const ZPublicHolidaysRequest = z.object({
  country: z.string().trim().regex(/^[A-Za-z]{2}$/, "Choose a country"),
  year: z.coerce.number().int("Pick a year").min(1970, "Pick a year from 1970").max(2100, "Pick a year up to 2100"),
});
