// Local wall-clock time ↔ UTC instants using only Intl.DateTimeFormat (no timezone library:
// the engine must stay dependency-free, and the runtime's ICU data is the same tzdb the rest
// of the stack uses).
//
// "Wall" values are local date-times encoded as if they were UTC epoch milliseconds
// (Date.UTC(y, m-1, d, h, min)), so day arithmetic on them is plain integer arithmetic.
//
// The one rule for turning a wall time W into an instant: the EARLIEST instant at which the
// local clock shows W or later. It covers both irregular cases with a single definition:
// - gap (spring forward, W does not exist, e.g. 02:30 in Berlin on the last Sunday of March):
//   the instant of the transition, i.e. the first existing local time after W (03:00 CEST).
//   Not "W shifted by the gap length" (03:30): a shift opening at 02:30 is open from the
//   moment the clock jumps, exactly what a minute-by-minute check of the wall clock says;
// - overlap (fall back, W happens twice): the first occurrence, i.e. the earlier (pre-
//   transition, larger) offset.
// The rule is monotone (a later wall time never maps to an earlier instant), which the
// business-time code relies on to keep working intervals sorted.

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone: timezone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw new RangeError(`"${timezone}" is not an IANA time zone such as Europe/Berlin`);
    }
    formatters.set(timezone, f);
  }
  return f;
}

/** Throws a RangeError naming the zone when the runtime does not know it. */
export function assertTimeZone(timezone: string): void {
  formatterFor(timezone);
}

/** UTC offset in milliseconds (local − UTC) in effect at the instant `utcMs`. */
export function offsetAt(timezone: string, utcMs: number): number {
  const parts = formatterFor(timezone).formatToParts(utcMs);
  let y = 1970, mo = 1, d = 1, h = 0, mi = 0, s = 0;
  for (const p of parts) {
    switch (p.type) {
      case "year": y = Number(p.value); break;
      case "month": mo = Number(p.value); break;
      case "day": d = Number(p.value); break;
      case "hour": h = Number(p.value); break;
      case "minute": mi = Number(p.value); break;
      case "second": s = Number(p.value); break;
      default: break;
    }
  }
  // Instants before year 100 are out of scope (Date.UTC would read 0–99 as 1900–1999).
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/** The wall time (local clock, encoded as UTC ms) at an instant. */
export function utcToWall(timezone: string, utcMs: number): number {
  return utcMs + offsetAt(timezone, utcMs);
}

/**
 * The earliest instant at which the local clock shows `wallMs` or later (see the rules at the
 * top of this file). Assumes at most one offset change within a day either side of the wall
 * time, which holds for every zone in current tzdb.
 */
export function wallToUtc(timezone: string, wallMs: number): number {
  const before = offsetAt(timezone, wallMs - DAY_MS);
  const after = offsetAt(timezone, wallMs + DAY_MS);
  if (before === after) return wallMs - before;
  const early = wallMs - before;
  const late = wallMs - after;
  const earlyValid = offsetAt(timezone, early) === before;
  const lateValid = offsetAt(timezone, late) === after;
  if (earlyValid && lateValid) return Math.min(early, late); // overlap: first occurrence
  if (earlyValid) return early;
  if (lateValid) return late;
  // Gap: the wall time is skipped. Find the transition instant T (first instant carrying the
  // new offset); it lies in (late, early]. Binary search on whole milliseconds.
  let lo = Math.min(early, late); // offset here is still `before`
  let hi = Math.max(early, late); // offset here is already `after`
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(timezone, mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** "2026-03-29" → local day number (days since 1970-01-01). */
export function isoDateToDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m === null) throw new RangeError(`"${iso}" is not an ISO date such as 2026-12-31`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
}

/** Convenience for callers and tests: local "YYYY-MM-DD" + "HH:MM" in a zone → instant. */
export function localToInstant(timezone: string, isoDate: string, time: string): Date {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (m === null) throw new RangeError(`"${time}" is not a time such as 09:30`);
  const wall = isoDateToDay(isoDate) * DAY_MS + (Number(m[1]) * 60 + Number(m[2])) * MINUTE_MS;
  return new Date(wallToUtc(timezone, wall));
}

/** Convenience for callers and tests: an instant as local "YYYY-MM-DD HH:MM" in a zone. */
export function instantToLocal(timezone: string, at: Date): string {
  return new Date(utcToWall(timezone, at.getTime())).toISOString().slice(0, 16).replace("T", " ");
}
