import type { TCalendar, TSlaClock, TSlaPolicy } from "@/lib/schemas/policies/sla";
import { ZWorkingHours } from "@/lib/schemas/policies/sla";
import { addBusinessMinutes, businessMinutesBetween, type TCalendarLike } from "./business-time";
import { CALENDAR_24X7 } from "./calendar";

// Pure planning for SLA clocks (ADR 0009). A clock is a budget of business minutes on one
// calendar. Every effect it can have sits at a fixed position on that business-minute axis:
// warning i at warnAt[i] × target, the breach at the target, escalation level L at
// target + afterBreachMinutes(L). Pausing stops the axis, re-targeting switches calendar,
// and the wall-clock time of a milestone is always "the running segment's start plus the
// business minutes still missing".

export type TMilestoneType = "WARNING" | "BREACH" | "ESCALATION";
export type TEscalationTargetName = TSlaClock["escalation"][number]["notify"][number];

export type TMilestone = {
  type: TMilestoneType;
  /** WARNING: 1-based warning index; BREACH: 0; ESCALATION: ladder level. */
  level: number;
  /** Business minutes since the clock started at which this fires. */
  at: number;
  notify: readonly TEscalationTargetName[];
};

const TYPE_ORDER: Record<TMilestoneType, number> = { WARNING: 0, BREACH: 1, ESCALATION: 2 };

/**
 * The budget of a clock: a fixed clock's durationMinutes unless the caller overrides it; a
 * relative clock (multiplier) multiplies the reference the caller passes (e.g. an approval
 * stage's SLA in minutes). Null when a relative clock gets no reference.
 */
export function clockTarget(def: Pick<TSlaClock, "durationMinutes" | "multiplier">, reference: number | undefined): number | null {
  if (def.multiplier !== undefined) return reference === undefined ? null : Math.max(1, Math.round(reference * def.multiplier));
  return Math.max(1, Math.round(reference ?? def.durationMinutes ?? 0)) || null;
}

/** Every effect of a clock in firing order. Warnings and the breach notify the owner; levels notify the ladder. */
export function clockMilestones(def: Pick<TSlaClock, "warnAt" | "escalation">, targetMinutes: number): TMilestone[] {
  const milestones: TMilestone[] = [
    ...def.warnAt.map((share, i) => ({ type: "WARNING" as const, level: i + 1, at: share * targetMinutes, notify: ["OWNER"] as const })),
    { type: "BREACH", level: 0, at: targetMinutes, notify: ["OWNER"] },
    ...def.escalation.map((e) => ({ type: "ESCALATION" as const, level: e.level, at: targetMinutes + (e.afterBreachMinutes ?? 0), notify: e.notify })),
  ];
  return milestones.sort((a, b) => a.at - b.at || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.level - b.level);
}

export const milestoneKey = (m: Pick<TMilestone, "type" | "level">) => `${m.type}:${m.level}`;

export type TRunningClock = { runningSince: Date; consumedMinutes: number };

/** Wall-clock instant a milestone falls due for a running clock. */
export function milestoneDueAt(calendar: TCalendarLike, clock: TRunningClock, at: number): Date {
  const missing = at - clock.consumedMinutes;
  return missing <= 0 ? clock.runningSince : addBusinessMinutes(calendar, clock.runningSince, missing);
}

/** Business minutes a running clock has used by `now` (its earlier segments included). */
export function consumedBy(calendar: TCalendarLike, clock: TRunningClock, now: Date): number {
  return clock.consumedMinutes + Math.max(0, businessMinutesBetween(calendar, clock.runningSince, now));
}

/**
 * A new running segment that starts at `now` with `used` business minutes behind it. The
 * table keeps whole minutes, so the fraction moves into the segment's start (exact while the
 * calendar is open in the last minute before `now`, which is when people reassign work).
 */
export function rebaseSegment(used: number, now: Date): TRunningClock {
  const whole = Math.floor(used + 1e-9);
  return { consumedMinutes: whole, runningSince: new Date(now.getTime() - Math.round((used - whole) * 60_000)) };
}

export type TTimerPlan = {
  /** Milestones due by `now` that have not fired yet, in order. */
  due: (TMilestone & { dueAt: Date })[];
  /** The first milestone still ahead, when the next timer should fire; null when the ladder is done. */
  next: (TMilestone & { dueAt: Date }) | null;
};

/** What a timer firing at `now` must do for a running clock, given the milestones it already fired. */
export function planTimer(calendar: TCalendarLike, clock: TRunningClock, milestones: readonly TMilestone[], fired: ReadonlySet<string>, now: Date): TTimerPlan {
  const due: TTimerPlan["due"] = [];
  for (const m of milestones) {
    if (fired.has(milestoneKey(m))) continue;
    const dueAt = milestoneDueAt(calendar, clock, m.at);
    if (dueAt.getTime() > now.getTime()) return { due, next: { ...m, dueAt } };
    due.push({ ...m, dueAt });
  }
  return { due, next: null };
}

export type TCalendarOwner = { id: string; timezone: string; workingHours: unknown; region: string | null };

export type TResolvedCalendar = { key: string; calendar: TCalendarLike; reason: string };

/**
 * Which calendar a clock runs on: 24x7 when the clock does not count business hours; for
 * OWNER the owner's own timezone and working hours with their region's holidays (when they
 * have working hours on file); for TEAM / REGION the calendar serving the record's region;
 * the policy's default calendar for anything unresolved.
 */
export function resolveClockCalendar(policy: TSlaPolicy, def: Pick<TSlaClock, "businessHours" | "calendar">, ctx: { owner: TCalendarOwner | null; region: string | null }): TResolvedCalendar {
  if (!def.businessHours) return { key: "24x7", calendar: CALENDAR_24X7, reason: "runs around the clock" };
  const fallback = policy.calendars.find((c) => c.id === policy.defaultCalendarId)!;
  const byRegion = (region: string | null): TCalendar | undefined => (region === null ? undefined : policy.calendars.find((c) => c.region === region));
  if (def.calendar === "OWNER" && ctx.owner) {
    const hours = ZWorkingHours.safeParse(ctx.owner.workingHours);
    if (hours.success && Object.values(hours.data).some((d) => (d ?? []).length > 0)) {
      const holidays = (byRegion(ctx.owner.region) ?? fallback).holidays;
      const key = `owner:${ctx.owner.id}`;
      return { key, calendar: { id: key, timezone: ctx.owner.timezone, workingHours: hours.data, holidays }, reason: `counts the owner's working hours (${ctx.owner.timezone})` };
    }
  }
  const region = def.calendar === "OWNER" ? (ctx.owner?.region ?? ctx.region) : ctx.region;
  const cal = byRegion(region) ?? fallback;
  return { key: `calendar:${cal.id}`, calendar: cal, reason: `counts business hours of the ${cal.name} calendar` };
}

/** Plain-words duration for reasons: "90 minutes", "4 hours", "2 days". */
export function describeMinutes(minutes: number): string {
  const m = Math.round(minutes);
  if (m % 1440 === 0 && m >= 1440) return `${m / 1440} day${m === 1440 ? "" : "s"}`;
  if (m % 60 === 0 && m >= 60) return `${m / 60} hour${m === 60 ? "" : "s"}`;
  return `${m} minute${m === 1 ? "" : "s"}`;
}

/** The calendar a stored clock's key names (see resolveClockCalendar); the default calendar when the key no longer resolves. */
export function calendarForKey(policy: TSlaPolicy, key: string, owner: TCalendarOwner | null): TCalendarLike {
  if (key === "24x7") return CALENDAR_24X7;
  const fallback = policy.calendars.find((c) => c.id === policy.defaultCalendarId)!;
  if (key.startsWith("calendar:")) return policy.calendars.find((c) => `calendar:${c.id}` === key) ?? fallback;
  if (key.startsWith("owner:") && owner && key === `owner:${owner.id}`) {
    const resolved = resolveClockCalendar(policy, { businessHours: true, calendar: "OWNER" }, { owner, region: owner.region });
    return resolved.calendar;
  }
  return fallback;
}
