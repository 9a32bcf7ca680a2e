import { DAY_MS, MINUTE_MS, assertTimeZone, isoDateToDay, wallToUtc } from "./timezone";

// Business calendars compiled for fast lookups. Semantics (docs/decisions/0007-business-time.md):
// - working hours are half-open local intervals [start, end) per weekday, "HH:MM", 24:00
//   allowed as an end;
// - an interval whose end is before its start (["22:00", "06:00"]) runs overnight: it belongs
//   to the day it STARTS on and continues into the next local day. "00:00" as an end is the
//   same as "24:00". An interval with end == start is refused (ambiguous: nothing or 24h);
// - a holiday removes the intervals that start on that local date, including the after-
//   midnight part of an overnight shift; the early-morning tail of the previous evening's
//   shift still runs on the holiday. (Writing the shift as 22:00–24:00 plus next day's
//   00:00–06:00 instead lets the holiday cut the tail: both spellings are supported.)
// - each interval becomes a UTC span [wallToUtc(start), wallToUtc(end)): see timezone.ts for
//   the DST gap / overlap rule. Spans of neighbouring days may touch (22:00–24:00 then
//   00:00–06:00: one continuous shift) or overlap (an overnight shift running into the next
//   morning's hours); business time is their union, so nothing is counted twice.

export const WEEKDAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type TWeekdayKey = (typeof WEEKDAY_KEYS)[number];

/** Structurally the schema's TCalendar (lib/schemas/policies/sla.ts), which is assignable to it. */
export interface TBusinessCalendarInput {
  readonly id?: string;
  readonly timezone: string;
  readonly workingHours: Readonly<Partial<Record<TWeekdayKey, ReadonlyArray<readonly [string, string]>>>>;
  readonly holidays: readonly string[];
}

export interface TCompiledCalendar {
  readonly id: string | undefined;
  readonly timezone: string;
  /** True only for the 24x7 calendar: every instant is business time. */
  readonly alwaysOpen: boolean;
  /**
   * Working spans of one local date (days since 1970-01-01) as UTC epoch ms, flat
   * [start0, end0, start1, end1, …], sorted, non-empty, not overlapping each other; an
   * overnight span ends on the next date.
   */
  spansOfDay(day: number): readonly number[];
}

/** How many consecutive days without working time a search crosses before giving up (≈3 years). */
export const HORIZON_DAYS = 3 * 366;

export class CalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CalendarError";
  }
}

/** Parses "HH:MM" (00:00–24:00) to minutes after midnight. */
export function clockToMinutes(time: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (m === null || h > 24 || min > 59 || (h === 24 && min !== 0)) {
    throw new CalendarError(`"${time}" is not a time of day: use "HH:MM" from 00:00 to 24:00`);
  }
  return h * 60 + min;
}

type TMinuteInterval = readonly [start: number, end: number];

/** One weekday's intervals in minutes after local midnight; end may exceed 1440 (overnight). */
function compileDay(label: string, intervals: ReadonlyArray<readonly [string, string]>): TMinuteInterval[] {
  const parsed = intervals.map(([s, e]): TMinuteInterval => {
    const start = clockToMinutes(s);
    let end = clockToMinutes(e);
    if (start === 1440) throw new CalendarError(`${label}: an interval cannot start at 24:00; start it at 00:00 of the next day`);
    if (end === start) throw new CalendarError(`${label}: the interval ${s}–${e} is empty; use 00:00–24:00 for a whole day`);
    if (end < start) end += 1440; // overnight: continues into the next local day
    return [start, end];
  });
  parsed.sort((a, b) => a[0] - b[0]);
  // Overlaps are refused by the schema; merging here keeps the engine total anyway.
  const merged: [number, number][] = [];
  for (const [s, e] of parsed) {
    const last = merged[merged.length - 1];
    if (last !== undefined && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Monday = 0 … Sunday = 6 for a day number (1970-01-01 was a Thursday). */
export function weekdayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

const CACHE_LIMIT = 20_000;

/**
 * Compiles a calendar. Throws CalendarError for malformed hours, an unknown time zone or a
 * week with no working time at all (a business-time clock on it would never run).
 * The result memoises each day's UTC spans: deterministic, so the functions stay pure.
 */
export function compileCalendar(input: TBusinessCalendarInput): TCompiledCalendar {
  const name = input.id === undefined ? "The calendar" : `Calendar "${input.id}"`;
  try {
    assertTimeZone(input.timezone);
  } catch (e) {
    throw new CalendarError(`${name}: ${(e as Error).message}`);
  }
  const week = WEEKDAY_KEYS.map((key) => compileDay(`${name}, ${key}`, input.workingHours[key] ?? []));
  if (week.every((d) => d.length === 0)) {
    throw new CalendarError(`${name} has no working hours on any day, so business-time clocks would never run`);
  }
  const holidays = new Set(
    input.holidays.map((h) => {
      try {
        return isoDateToDay(h);
      } catch (e) {
        throw new CalendarError(`${name}: ${(e as Error).message}`);
      }
    }),
  );
  const timezone = input.timezone;
  const cache = new Map<number, readonly number[]>();

  function computeDay(day: number): readonly number[] {
    if (holidays.has(day)) return [];
    const intervals = week[weekdayIndex(day)] ?? [];
    const spans: number[] = [];
    const midnight = day * DAY_MS;
    for (const [s, e] of intervals) {
      const start = wallToUtc(timezone, midnight + s * MINUTE_MS);
      const end = wallToUtc(timezone, midnight + e * MINUTE_MS);
      // An interval lying wholly inside a DST gap has no real time in it.
      if (end > start) spans.push(start, end);
    }
    return spans;
  }

  return {
    id: input.id,
    timezone,
    alwaysOpen: false,
    spansOfDay(day: number): readonly number[] {
      let spans = cache.get(day);
      if (spans === undefined) {
        if (cache.size >= CACHE_LIMIT) cache.clear();
        spans = computeDay(day);
        cache.set(day, spans);
      }
      return spans;
    },
  };
}

/** For clocks that do not follow business hours: every minute counts. */
export const CALENDAR_24X7: TCompiledCalendar = {
  id: "24x7",
  timezone: "UTC",
  alwaysOpen: true,
  spansOfDay: (day: number) => [day * DAY_MS, (day + 1) * DAY_MS],
};
