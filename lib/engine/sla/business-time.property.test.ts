import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addBusinessMinutes, businessMinutesBetween, isOpen, nextOpening } from "./business-time";
import { WEEKDAY_KEYS, compileCalendar, type TBusinessCalendarInput, type TCompiledCalendar } from "./calendar";

// Property tests against a deliberately slow reference that never looks at the engine's
// code paths: it reads each zone's offset through Intl's "longOffset" names (the engine uses
// formatToParts wall times), lays the wall clock out minute by minute over a 10-week window,
// and marks a minute open when it lies between the first minute whose wall clock reaches an
// interval's start and the first minute whose wall clock reaches its end — the rule
// docs/decisions/0007-business-time.md states. Then it counts minutes.

const MIN = 60_000;
const DAY = 86_400_000;
const WINDOW_MINUTES = 70 * 1440;
const ZONES = ["UTC", "Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "America/St_Johns", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham"];
// Weeks around DST changes: EU, US, Lord Howe / Chatham (April and Sept/Oct), and a quiet one.
const BASES = ["2025-03-30", "2025-10-26", "2025-03-09", "2025-11-02", "2025-04-06", "2025-10-05", "2025-09-28", "2026-01-20"];

const offsetFormats = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();
/** Offset in minutes at a UTC instant; every zone above changes offset on a half-hour UTC boundary. */
function refOffsetMinutes(tz: string, halfHourMs: number): number {
  const key = `${tz}|${halfHourMs}`;
  let v = offsetCache.get(key);
  if (v === undefined) {
    let f = offsetFormats.get(tz);
    if (f === undefined) offsetFormats.set(tz, (f = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" })));
    const name = f.formatToParts(halfHourMs).find((p) => p.type === "timeZoneName")!.value; // "GMT+05:30" or "GMT"
    const m = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name)!;
    v = m[1] === undefined ? 0 : (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
    offsetCache.set(key, v);
  }
  return v;
}

const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

interface TReference {
  w0: number; // UTC ms of minute 0
  prefix: Int32Array; // prefix[i] = open minutes in [0, i)
}

function buildReference(cal: TBusinessCalendarInput, w0: number): TReference {
  const wall = new Float64Array(WINDOW_MINUTES); // local wall clock, in minutes since 1970
  for (let i = 0; i < WINDOW_MINUTES; i += 30) {
    const offset = refOffsetMinutes(cal.timezone, w0 + i * MIN); // w0 is a UTC midnight: i is on a half hour
    for (let k = i; k < i + 30 && k < WINDOW_MINUTES; k++) wall[k] = w0 / MIN + k + offset;
  }
  const holidays = new Set(cal.holidays);
  const intervals: [number, number][] = []; // wall-clock minutes
  const firstDay = Math.floor(wall[0]! / 1440) - 1;
  const lastDay = Math.floor(wall[WINDOW_MINUTES - 1]! / 1440) + 1;
  for (let d = firstDay; d <= lastDay; d++) {
    if (holidays.has(new Date(d * DAY).toISOString().slice(0, 10))) continue;
    const key = WEEKDAY_KEYS[(new Date(d * DAY).getUTCDay() + 6) % 7]!;
    for (const [s, e] of cal.workingHours[key] ?? []) {
      const start = toMinutes(s);
      let end = toMinutes(e);
      if (end < start) end += 1440;
      intervals.push([d * 1440 + start, d * 1440 + end]);
    }
  }
  // "First minute whose wall clock reaches X": a sweep works because that index only grows with X.
  const targets = [...new Set(intervals.flat())].sort((a, b) => a - b);
  const firstIndex = new Map<number, number>();
  let p = 0;
  for (const x of targets) {
    while (p < WINDOW_MINUTES && wall[p]! < x) p++;
    firstIndex.set(x, p);
  }
  const open = new Uint8Array(WINDOW_MINUTES);
  for (const [s, e] of intervals) open.fill(1, firstIndex.get(s)!, firstIndex.get(e)!);
  const prefix = new Int32Array(WINDOW_MINUTES + 1);
  for (let i = 0; i < WINDOW_MINUTES; i++) prefix[i + 1] = prefix[i]! + open[i]!;
  return { w0, prefix };
}

const idx = (ref: TReference, d: Date) => (d.getTime() - ref.w0) / MIN;
const refBetween = (ref: TReference, a: number, b: number) => ref.prefix[b]! - ref.prefix[a]!;
function refAdd(ref: TReference, a: number, n: number): number | undefined {
  if (n === 0) return a;
  for (let j = a + 1; j <= WINDOW_MINUTES; j++) if (refBetween(ref, a, j) === n) return j;
  return undefined; // past the window: no verdict
}
function refNextOpening(ref: TReference, a: number): number | undefined {
  for (let j = a; j < WINDOW_MINUTES; j++) if (refBetween(ref, j, j + 1) === 1) return j;
  return undefined;
}

// ---- generators -------------------------------------------------------------------------
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
// Boundaries near the DST hours and midnight come up often; any minute can.
const minuteOfDay = fc.oneof(fc.constantFrom(0, 60, 90, 120, 150, 165, 180, 210, 240, 1380, 1440), fc.integer({ min: 0, max: 1440 }));

const dayHours = fc
  .tuple(fc.uniqueArray(minuteOfDay, { maxLength: 6 }), fc.option(fc.tuple(fc.integer({ min: 1, max: 1439 }), fc.integer({ min: 0, max: 1438 }))))
  .map(([points, overnight]) => {
    const sorted = [...points].sort((a, b) => a - b);
    const hours: [string, string][] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) hours.push([hhmm(sorted[i]!), hhmm(sorted[i + 1]!)]);
    const lastEnd = hours.length === 0 ? 0 : toMinutes(hours[hours.length - 1]![1]);
    // An overnight interval (end < start) after the day's last one; it may overlap the next morning.
    if (overnight !== null && overnight[0] > lastEnd && overnight[1] < overnight[0]) hours.push([hhmm(overnight[0]), hhmm(overnight[1])]);
    return hours;
  });

const scenario = fc
  .record({
    timezone: fc.constantFrom(...ZONES),
    base: fc.constantFrom(...BASES),
    baseShiftDays: fc.integer({ min: 0, max: 10 }),
    week: fc.array(dayHours, { minLength: 7, maxLength: 7 }),
    holidayOffsets: fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 5 }),
    probes: fc.array(fc.tuple(fc.integer({ min: 0, max: 21 * 1440 }), fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 3000 }))), {
      minLength: 4,
      maxLength: 8,
    }),
  })
  .filter((s) => s.week.some((d) => d.length > 0))
  .map((s) => {
    const start = Date.parse(`${s.base}T00:00:00Z`) - s.baseShiftDays * DAY; // first probe day
    const input: TBusinessCalendarInput = {
      timezone: s.timezone,
      workingHours: Object.fromEntries(WEEKDAY_KEYS.map((k, i) => [k, s.week[i]!])),
      holidays: s.holidayOffsets.map((o) => new Date(start + o * DAY).toISOString().slice(0, 10)),
    };
    return { input, start, probes: s.probes };
  });

type TScenario = { input: TBusinessCalendarInput; start: number; probes: [number, number][] };
function prepared(s: TScenario): { cal: TCompiledCalendar; ref: TReference; probes: { at: Date; n: number }[] } {
  const w0 = s.start - 2 * DAY; // leaves room for overnight spans reaching into the first probe day
  return { cal: compileCalendar(s.input), ref: buildReference(s.input, w0), probes: s.probes.map(([m, n]) => ({ at: new Date(s.start + m * MIN), n })) };
}

const RUNS = 120;
const report = (s: TScenario) => JSON.stringify(s.input);

describe("business time matches the minute-by-minute reference", () => {
  it("addBusinessMinutes", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { cal, ref, probes } = prepared(s);
        for (const { at, n } of probes) {
          const expected = refAdd(ref, idx(ref, at), n);
          if (expected === undefined) continue;
          expect(idx(ref, addBusinessMinutes(cal, at, n)), report(s)).toBe(expected);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("businessMinutesBetween, both directions", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { cal, ref, probes } = prepared(s);
        for (let i = 0; i + 1 < probes.length; i += 2) {
          const a = probes[i]!.at;
          const b = probes[i + 1]!.at;
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const expected = refBetween(ref, idx(ref, lo), idx(ref, hi));
          expect(businessMinutesBetween(cal, lo, hi), report(s)).toBe(expected);
          expect(businessMinutesBetween(cal, hi, lo), report(s)).toBe(expected === 0 ? 0 : -expected);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("isOpen and nextOpening", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { cal, ref, probes } = prepared(s);
        for (const { at } of probes) {
          const i = idx(ref, at);
          expect(isOpen(cal, at), report(s)).toBe(refBetween(ref, i, i + 1) === 1);
          const next = refNextOpening(ref, i);
          if (next !== undefined) expect(idx(ref, nextOpening(cal, at)), report(s)).toBe(next);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("business time properties", () => {
  it("between(a, add(a, n)) = n, and add is monotonic in the start and in n", () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 5000 }), (s, n) => {
        const cal = compileCalendar(s.input);
        const ats = s.probes.map(([m]) => new Date(s.start + m * MIN)).sort((x, y) => x.getTime() - y.getTime());
        let previous = Number.NEGATIVE_INFINITY;
        for (const a of ats) {
          const due = addBusinessMinutes(cal, a, n);
          expect(businessMinutesBetween(cal, a, due)).toBe(n);
          expect(due.getTime()).toBeGreaterThanOrEqual(previous); // later start → no earlier due time
          expect(addBusinessMinutes(cal, a, n - 1).getTime()).toBeLessThanOrEqual(due.getTime());
          previous = due.getTime();
        }
      }),
      { numRuns: 300 },
    );
  });
});
