import { z } from "zod";
import { ZClockTime, ZIsoDate, ZLabel, ZPolicyId, reportDuplicates } from "./common";

// SLA clocks and business calendars. Semantics the SLA engine implements:
// - a clock's length is either fixed (durationMinutes) or a multiplier of a reference the
//   other policies define: the average days of the opportunity's stage (pipeline policy)
//   for STALE_OPPORTUNITY, the stage's slaBusinessHours (approval policy) for APPROVAL_STAGE;
// - with businessHours the clock only runs inside working hours of the chosen calendar:
//   OWNER = the owner's own timezone and working hours, TEAM / REGION = the calendar whose
//   `region` is the team's / record's region; holidays come from that region's calendar;
//   anything unresolved uses defaultCalendarId;
// - a warning fires at each warnAt share of the time; at breach, escalation level 1 is
//   notified, each later level `afterBreachMinutes` after the breach;
// - when breaches of one clock exceed breachLimitPer48h twice within 48 hours,
//   leadership is alerted (the guardrail from the handoff playbook).

export const CLOCK_IDS = ["LEAD_FIRST_TOUCH", "MQL_ACCEPT", "APPROVAL_STAGE", "STALE_OPPORTUNITY"] as const;
export type TClockId = (typeof CLOCK_IDS)[number];
const RELATIVE_CLOCKS: readonly TClockId[] = ["APPROVAL_STAGE", "STALE_OPPORTUNITY"];

export const ESCALATION_TARGETS = ["OWNER", "MANAGER", "REGION_VP", "DEAL_DESK", "REVOPS", "EXEC"] as const;
export const ZEscalationTarget = z.enum(ESCALATION_TARGETS, { error: `Notify one of ${ESCALATION_TARGETS.join(", ")}` });

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

function minutesOf(t: string): number {
  const [h, m] = t.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** One day's working intervals, in order and not overlapping: [["09:00","12:30"],["13:30","17:00"]]. */
/**
 * One day's working intervals, in order and not overlapping: [["09:00","12:30"],["13:30","17:00"]].
 * An interval ending before it starts runs overnight (["22:00","06:00"]: to 06:00 the next
 * day); it belongs to the day it starts on (a holiday on that day removes all of it) and
 * must be the day's last interval.
 */
export const ZDayHours = z.array(z.tuple([ZClockTime, ZClockTime])).superRefine((intervals, ctx) => {
  let previousEnd = -1;
  intervals.forEach(([start, end], i) => {
    const overnight = minutesOf(end) < minutesOf(start);
    if (start === "24:00") {
      ctx.addIssue({ code: "custom", path: [i], message: "An interval cannot start at 24:00; start it at 00:00 of the next day" });
    } else if (minutesOf(start) === minutesOf(end)) {
      ctx.addIssue({ code: "custom", path: [i], message: `The interval ${start}–${end} is empty; use 00:00–24:00 for a whole day` });
    } else if (minutesOf(start) < previousEnd) {
      ctx.addIssue({ code: "custom", path: [i], message: `The interval ${start}–${end} overlaps or precedes the one before it` });
    } else if (overnight && i !== intervals.length - 1) {
      ctx.addIssue({ code: "custom", path: [i], message: `The interval ${start}–${end} runs past midnight, so it must be the day's last one` });
    }
    previousEnd = Math.max(previousEnd, overnight ? 1440 : minutesOf(end));
  });
});

/** Weekly working hours in local time; a day left out is not a working day. */
export const ZWorkingHours = z
  .object(Object.fromEntries(WEEKDAYS.map((d) => [d, ZDayHours.optional()])) as Record<(typeof WEEKDAYS)[number], z.ZodOptional<typeof ZDayHours>>)
  .strict();
export type TWorkingHours = z.infer<typeof ZWorkingHours>;

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const ZTimeZone = z.string().refine(isValidTimeZone, {
  error: (i) => `"${String(i.input)}" is not an IANA time zone such as Europe/Berlin`,
});

export const ZCalendar = z
  .object({
    id: ZPolicyId,
    name: ZLabel,
    /** The region this calendar serves (NA, EMEA, APAC); absent for a general calendar. */
    region: z.string().trim().min(1).optional(),
    timezone: ZTimeZone,
    workingHours: ZWorkingHours,
    holidays: z.array(ZIsoDate),
  })
  .strict()
  .superRefine((cal, ctx) => {
    reportDuplicates(ctx, cal.holidays, (d) => d, (i) => ["holidays", i], "holiday");
    if (WEEKDAYS.every((d) => (cal.workingHours[d] ?? []).length === 0)) {
      ctx.addIssue({ code: "custom", path: ["workingHours"], message: "A calendar needs working hours on at least one day, or business-hour clocks never run" });
    }
    // An overnight shift must end before the next day's first interval begins.
    WEEKDAYS.forEach((day, i) => {
      const hours = cal.workingHours[day] ?? [];
      const last = hours[hours.length - 1];
      const nextDay = WEEKDAYS[(i + 1) % 7]!;
      const next = (cal.workingHours[nextDay] ?? [])[0];
      if (last !== undefined && next !== undefined && minutesOf(last[1]) < minutesOf(last[0]) && minutesOf(next[0]) < minutesOf(last[1])) {
        ctx.addIssue({ code: "custom", path: ["workingHours", day, hours.length - 1], message: `The overnight interval ${last[0]}–${last[1]} overlaps ${nextDay}'s ${next[0]}–${next[1]}` });
      }
    });
  });
export type TCalendar = z.infer<typeof ZCalendar>;

export const ZEscalationLevel = z
  .object({
    level: z.number().int().min(1, "Levels start at 1"),
    notify: z.array(ZEscalationTarget).min(1, "An escalation level must notify someone"),
    afterBreachMinutes: z.number().int().min(0).optional(),
  })
  .strict();

export const ZSlaClock = z
  .object({
    id: z.enum(CLOCK_IDS, { error: `Clock id must be one of ${CLOCK_IDS.join(", ")}` }),
    label: ZLabel,
    durationMinutes: z.number().int("Minutes are whole numbers").min(1, "A clock runs at least 1 minute").optional(),
    multiplier: z.number().positive("The multiplier must be above 0").max(100).optional(),
    businessHours: z.boolean(),
    calendar: z.enum(["OWNER", "TEAM", "REGION"], { error: "Calendar is OWNER, TEAM or REGION" }),
    /** Shares of the duration at which to warn, e.g. [0.5, 0.75]. */
    warnAt: z.array(z.number().gt(0, "Warnings are fractions above 0").lt(1, "Warnings are fractions below 1 (1 is the breach)")),
    escalation: z.array(ZEscalationLevel).min(1, "A clock needs at least one escalation level"),
    breachLimitPer48h: z.number().int().min(1).optional(),
    /** Whether the clock may be paused (e.g. waiting on the customer); absent = no. */
    pausable: z.boolean().optional(),
  })
  .strict()
  .superRefine((clock, ctx) => {
    const hasDuration = clock.durationMinutes !== undefined;
    const hasMultiplier = clock.multiplier !== undefined;
    if (hasDuration === hasMultiplier) {
      ctx.addIssue({ code: "custom", path: ["durationMinutes"], message: "Set exactly one of durationMinutes or multiplier" });
    } else if (hasMultiplier && !RELATIVE_CLOCKS.includes(clock.id)) {
      ctx.addIssue({ code: "custom", path: ["multiplier"], message: `${clock.id} has no reference duration to multiply: use durationMinutes` });
    }
    clock.warnAt.forEach((w, i) => {
      const before = clock.warnAt[i - 1];
      if (before !== undefined && w <= before) ctx.addIssue({ code: "custom", path: ["warnAt", i], message: "Warnings must be in increasing order" });
    });
    clock.escalation.forEach((e, i) => {
      if (e.level !== i + 1) ctx.addIssue({ code: "custom", path: ["escalation", i, "level"], message: `Expected level ${i + 1}: levels count up from 1 without gaps` });
      const before = clock.escalation[i - 1]?.afterBreachMinutes ?? 0;
      if ((e.afterBreachMinutes ?? 0) < before) {
        ctx.addIssue({ code: "custom", path: ["escalation", i, "afterBreachMinutes"], message: "A later level cannot fire before an earlier one" });
      }
    });
  });
export type TSlaClock = z.infer<typeof ZSlaClock>;

export const ZSlaPolicy = z
  .object({
    clocks: z.array(ZSlaClock).min(1, "The SLA policy needs at least one clock"),
    calendars: z.array(ZCalendar).min(1, "The SLA policy needs at least one calendar"),
    defaultCalendarId: ZPolicyId,
  })
  .strict()
  .superRefine((body, ctx) => {
    reportDuplicates(ctx, body.clocks, (c) => c.id, (i) => ["clocks", i, "id"], "clock");
    reportDuplicates(ctx, body.calendars, (c) => c.id, (i) => ["calendars", i, "id"], "calendar id");
    const regional = body.calendars.flatMap((c, index) => (c.region === undefined ? [] : [{ region: c.region, index }]));
    reportDuplicates(ctx, regional, (c) => c.region, (i) => ["calendars", regional[i]!.index, "region"], "calendar region");
    if (!body.calendars.some((c) => c.id === body.defaultCalendarId)) {
      ctx.addIssue({ code: "custom", path: ["defaultCalendarId"], message: `No calendar with id "${body.defaultCalendarId}"` });
    }
  });

export type TSlaPolicy = z.infer<typeof ZSlaPolicy>;
