import { CalendarError, HORIZON_DAYS, compileCalendar, type TBusinessCalendarInput, type TCompiledCalendar } from "./calendar";
import { DAY_MS, MINUTE_MS } from "./timezone";

// Business-time arithmetic over a compiled calendar. Everything walks whole working spans
// (one per interval per day), never minutes, so cost grows with the
// number of working intervals crossed, not with the duration.
//
// Definitions (business time = the union of the calendar's UTC spans, half-open):
// - isOpen(t): t lies inside a span;
// - nextOpening(t): t when open, else the start of the next span;
// - addBusinessMinutes(s, n): the earliest instant t >= s with exactly n business minutes in
//   [s, t). n = 0 gives s itself (even when closed); a positive n that ends exactly at a
//   closing time gives the closing time, not the next opening;
// - businessMinutesBetween(a, b): business minutes in [a, b); −between(b, a) when b < a.
// Fractional minutes are allowed and rounded to whole milliseconds.

const compiled = new WeakMap<TBusinessCalendarInput, TCompiledCalendar>();

/** Accepts a compiled calendar or a schema calendar (compiled once per object and remembered). */
export type TCalendarLike = TCompiledCalendar | TBusinessCalendarInput;

function calendarOf(cal: TCalendarLike): TCompiledCalendar {
  if ("spansOfDay" in cal) return cal;
  let c = compiled.get(cal);
  if (c === undefined) {
    c = compileCalendar(cal);
    compiled.set(cal, c);
  }
  return c;
}

/**
 * Walks business time as disjoint spans in time order, starting from a given instant. Raw
 * spans come sorted by start (day by day, interval by interval); an overnight span may
 * overlap the next day's first one, so each raw span is clipped to what the spans before it
 * did not already cover. No look-ahead, so a calendar open around the clock still advances.
 */
class SpanCursor {
  start = 0;
  end = 0;
  private day: number;
  private spans: readonly number[] = [];
  private idx = 0;
  private emptyDays = 0;
  /** Everything before this instant has been emitted already. */
  private covered = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly cal: TCompiledCalendar,
    from: number,
  ) {
    // Spans of day d end before (d + 2) days + 12h UTC (overnight shift, westernmost zone), so
    // no day earlier than this can reach `from`.
    this.day = Math.floor(from / DAY_MS) - 3;
    do this.next();
    while (this.end <= from);
  }

  /** Advances to the next span of business time not covered by earlier ones. */
  next(): void {
    for (;;) {
      if (this.idx < this.spans.length) {
        const rawStart = this.spans[this.idx]!;
        const rawEnd = this.spans[this.idx + 1]!;
        this.idx += 2;
        if (rawEnd <= this.covered) continue;
        this.start = Math.max(rawStart, this.covered);
        this.end = rawEnd;
        this.covered = rawEnd;
        return;
      }
      this.day += 1;
      this.spans = this.cal.spansOfDay(this.day);
      this.idx = 0;
      if (this.spans.length > 0) this.emptyDays = 0;
      else if (++this.emptyDays > HORIZON_DAYS) {
        const name = this.cal.id === undefined ? "The calendar" : `Calendar "${this.cal.id}"`;
        const since = new Date((this.day - HORIZON_DAYS) * DAY_MS).toISOString().slice(0, 10);
        throw new CalendarError(`${name} has no working time in the ${HORIZON_DAYS} days after ${since}; check its holidays and hours`);
      }
    }
  }
}

function instant(d: Date, what: string): number {
  const t = d instanceof Date ? d.getTime() : Number.NaN;
  if (!Number.isFinite(t)) throw new RangeError(`${what} must be a valid date`);
  return t;
}

/** Whether `at` is business time. */
export function isOpen(calendar: TCalendarLike, at: Date): boolean {
  const cal = calendarOf(calendar);
  const t = instant(at, "The instant");
  if (cal.alwaysOpen) return true;
  return new SpanCursor(cal, t).start <= t;
}

/** `at` itself when open, otherwise the next moment business time starts. */
export function nextOpening(calendar: TCalendarLike, at: Date): Date {
  const cal = calendarOf(calendar);
  const t = instant(at, "The instant");
  if (cal.alwaysOpen) return new Date(t);
  return new Date(Math.max(new SpanCursor(cal, t).start, t));
}

/** The instant `minutes` business minutes after `start` (see the definitions above). */
export function addBusinessMinutes(calendar: TCalendarLike, start: Date, minutes: number): Date {
  const cal = calendarOf(calendar);
  const t = instant(start, "The start");
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new RangeError(`Business minutes to add must be a finite number of at least 0, not ${minutes}`);
  }
  let remaining = Math.round(minutes * MINUTE_MS);
  if (remaining === 0 || cal.alwaysOpen) return new Date(t + remaining);
  const cursor = new SpanCursor(cal, t);
  for (;;) {
    const from = Math.max(cursor.start, t);
    const available = cursor.end - from;
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
    cursor.next();
  }
}

/** Business minutes in [a, b); negative (−[b, a)) when b is before a. */
export function businessMinutesBetween(calendar: TCalendarLike, a: Date, b: Date): number {
  const cal = calendarOf(calendar);
  const ta = instant(a, "The first instant");
  const tb = instant(b, "The second instant");
  if (tb < ta) return 0 - businessMinutesBetween(cal, b, a); // 0 − x, not −x: never −0
  if (tb === ta) return 0;
  if (cal.alwaysOpen) return (tb - ta) / MINUTE_MS;
  const cursor = new SpanCursor(cal, ta);
  let total = 0;
  while (cursor.start < tb) {
    total += Math.min(cursor.end, tb) - Math.max(cursor.start, ta);
    if (cursor.end >= tb) break;
    cursor.next();
  }
  return total / MINUTE_MS;
}
