import { describe, expect, it } from "vitest";
import { defaultSlaPolicy } from "@/lib/schemas/policies/default-governance";
import type { TCalendar } from "@/lib/schemas/policies/sla";
import { addBusinessMinutes, businessMinutesBetween, isOpen, nextOpening } from "./business-time";
import { CALENDAR_24X7, CalendarError, compileCalendar, type TBusinessCalendarInput } from "./calendar";
import { instantToLocal, localToInstant } from "./timezone";

// Table-driven cases worked out by hand. Dates: 2026-03-27 is a Friday; Europe moves to
// summer time on Sunday 2026-03-29 and back on 2026-10-25; the US on 2026-03-08 / 11-01;
// Lord Howe (30-minute DST) back on 2026-04-05 and forward on 2026-10-04.

type THours = TBusinessCalendarInput["workingHours"];
const weekdays = (intervals: [string, string][]): THours => ({ mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals });
const everyDay = (intervals: [string, string][]): THours => ({ ...weekdays(intervals), sat: intervals, sun: intervals });

const cal = (timezone: string, workingHours: THours, holidays: string[] = []) => compileCalendar({ timezone, workingHours, holidays });
const BERLIN_SPLIT = cal("Europe/Berlin", weekdays([["09:00", "12:00"], ["13:00", "17:00"]]), ["2026-04-03", "2026-04-06"]);
const NIGHTS = cal("Europe/Berlin", weekdays([["22:00", "06:00"]]));

/** "2026-03-27 16:30" in a zone → Date. */
const at = (tz: string, local: string) => localToInstant(tz, local.slice(0, 10), local.slice(11));
const B = (local: string) => at("Europe/Berlin", local);

describe("addBusinessMinutes", () => {
  it.each([
    ["weekend is skipped", "2026-03-27 16:30", 60, "2026-03-30 09:30"],
    ["lunch break is skipped", "2026-03-27 11:30", 60, "2026-03-27 13:30"],
    ["ending exactly at closing gives the closing time", "2026-03-27 11:30", 30, "2026-03-27 12:00"],
    ["one more minute moves past the break", "2026-03-27 11:30", 31, "2026-03-27 13:01"],
    ["start outside hours counts from the next opening", "2026-03-28 10:00", 1, "2026-03-30 09:01"],
    ["zero minutes is the start itself, even when closed", "2026-03-28 10:00", 0, "2026-03-28 10:00"],
    ["Good Friday and Easter Monday are skipped", "2026-04-02 16:00", 120, "2026-04-07 10:00"],
    ["a whole week of 7 h days", "2026-03-23 09:00", 5 * 420, "2026-03-27 17:00"],
    ["Easter week: 4 days, Friday and Monday off", "2026-03-30 09:00", 5 * 420, "2026-04-07 17:00"],
    ["across the spring-forward weekend", "2026-03-27 17:00", 1, "2026-03-30 09:01"],
  ])("Berlin 09–12 + 13–17: %s", (_name, start, minutes, expected) => {
    expect(instantToLocal("Europe/Berlin", addBusinessMinutes(BERLIN_SPLIT, B(start), minutes))).toBe(expected);
  });

  it("New York: a Friday afternoon lands on Monday after the DST change (UTC offset differs)", () => {
    const ny = cal("America/New_York", weekdays([["09:00", "17:00"]]));
    const due = addBusinessMinutes(ny, at("America/New_York", "2026-03-06 16:00"), 120);
    expect(instantToLocal("America/New_York", due)).toBe("2026-03-09 10:00");
    expect(due.toISOString()).toBe("2026-03-09T14:00:00.000Z"); // EDT, −4h
  });

  it("Asia/Kolkata (+05:30)", () => {
    const kol = cal("Asia/Kolkata", weekdays([["10:00", "18:00"]]));
    expect(addBusinessMinutes(kol, at("Asia/Kolkata", "2026-01-05 17:30"), 60).toISOString()).toBe("2026-01-06T05:00:00.000Z");
  });

  it("midnight-spanning 22:00–06:00 shifts", () => {
    expect(instantToLocal("Europe/Berlin", addBusinessMinutes(NIGHTS, B("2026-03-20 23:00"), 60))).toBe("2026-03-21 00:00");
    expect(instantToLocal("Europe/Berlin", addBusinessMinutes(NIGHTS, B("2026-03-20 23:00"), 420))).toBe("2026-03-21 06:00");
    // Friday's shift is the last of the week: the next one starts Monday 22:00.
    expect(instantToLocal("Europe/Berlin", addBusinessMinutes(NIGHTS, B("2026-03-20 23:00"), 421))).toBe("2026-03-23 22:01");
  });

  it("fractional minutes and the 24x7 calendar", () => {
    const s = B("2026-03-27 11:59");
    expect(addBusinessMinutes(BERLIN_SPLIT, s, 1.5).getTime() - B("2026-03-27 13:00").getTime()).toBe(30_000);
    expect(addBusinessMinutes(CALENDAR_24X7, B("2026-03-29 01:30"), 90)).toEqual(B("2026-03-29 04:00")); // 90 real minutes, 150 on the wall clock
  });

  it("takes a schema calendar as is (the default SLA policy's first-touch clock)", () => {
    const na: TCalendar = defaultSlaPolicy(2026).calendars.find((c) => c.id === "na")!;
    // Friday 3 July 2026 15:00, Saturday 4 July is the holiday → Monday 6 July 11:00.
    expect(instantToLocal("America/New_York", addBusinessMinutes(na, at("America/New_York", "2026-07-03 15:00"), 240))).toBe("2026-07-06 11:00");
  });
});

describe("businessMinutesBetween", () => {
  it.each([
    ["Friday 09:00 → Monday 09:00", "2026-03-27 09:00", "2026-03-30 09:00", 420],
    ["Monday → Monday", "2026-03-30 00:00", "2026-04-06 00:00", 4 * 420], // Good Friday off
    ["inside one interval", "2026-03-27 09:15", "2026-03-27 09:45", 30],
    ["over lunch", "2026-03-27 11:00", "2026-03-27 14:00", 120],
    ["same instant", "2026-03-27 10:00", "2026-03-27 10:00", 0],
    ["reversed is negative", "2026-03-30 09:00", "2026-03-27 09:00", -420],
  ])("Berlin split hours: %s", (_name, a, b, expected) => {
    expect(businessMinutesBetween(BERLIN_SPLIT, B(a), B(b))).toBe(expected);
  });

  it.each([
    ["Europe/Berlin", "2026-03-29", 23 * 60],
    ["Europe/Berlin", "2026-10-25", 25 * 60],
    ["America/New_York", "2026-03-08", 23 * 60],
    ["America/New_York", "2026-11-01", 25 * 60],
    ["Australia/Lord_Howe", "2026-04-05", 24.5 * 60],
    ["Australia/Lord_Howe", "2026-10-04", 23.5 * 60],
    ["Asia/Kolkata", "2026-03-29", 24 * 60],
  ])("00:00–24:00 every day in %s: %s has %i real minutes", (tz, date, expected) => {
    const c = cal(tz, everyDay([["00:00", "24:00"]]));
    const next = new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10) + 1)).toISOString().slice(0, 10);
    expect(businessMinutesBetween(c, at(tz, `${date} 00:00`), at(tz, `${next} 00:00`))).toBe(expected);
  });

  it.each([
    ["01:00–04:00 on the spring-forward night is 2 real hours", "2026-03-29", [["01:00", "04:00"]], 120],
    ["01:00–04:00 on the fall-back night is 4 real hours", "2026-10-25", [["01:00", "04:00"]], 240],
    ["02:00–03:00 does not exist on the spring-forward night", "2026-03-29", [["02:00", "03:00"]], 0],
    ["02:30–05:00 opens when the clock jumps to 03:00", "2026-03-29", [["02:30", "05:00"]], 120],
    ["02:30–05:00 on the fall-back night starts at the first 02:30", "2026-10-25", [["02:30", "05:00"]], 210],
  ] as const)("Berlin DST: %s", (_name, date, hours, expected) => {
    const c = cal("Europe/Berlin", { sun: hours.map(([s, e]) => [s, e] as [string, string]) });
    expect(businessMinutesBetween(c, B(`${date} 00:00`), B(`${date} 12:00`))).toBe(expected);
  });

  it("overnight shifts: across the DST night, and spelled as 22:00–24:00 + 00:00–06:00", () => {
    const sat = cal("Europe/Berlin", { sat: [["22:00", "06:00"]] });
    expect(businessMinutesBetween(sat, B("2026-03-28 12:00"), B("2026-03-29 12:00"))).toBe(7 * 60);
    const split = cal("Europe/Berlin", { mon: [["22:00", "24:00"]], tue: [["00:00", "06:00"]] });
    expect(businessMinutesBetween(split, B("2026-03-23 21:00"), B("2026-03-24 07:00"))).toBe(480);
    expect(instantToLocal("Europe/Berlin", addBusinessMinutes(split, B("2026-03-23 23:30"), 60))).toBe("2026-03-24 00:30");
  });

  it("an overnight shift overlapping the next morning's hours is not counted twice", () => {
    const c = cal("Europe/Berlin", { ...weekdays([["08:00", "18:00"]]), mon: [["08:00", "18:00"], ["22:00", "10:00"]] });
    // Monday 08–18 (600) + Monday 22:00 → Tuesday 10:00 (720) + Tuesday 10–18 (480).
    expect(businessMinutesBetween(c, B("2026-03-23 00:00"), B("2026-03-25 00:00"))).toBe(1800);
    expect(instantToLocal("Europe/Berlin", addBusinessMinutes(c, B("2026-03-24 09:00"), 120))).toBe("2026-03-24 11:00");
  });
});

describe("isOpen and nextOpening", () => {
  it.each([
    ["2026-03-27 10:00", true, "2026-03-27 10:00"],
    ["2026-03-27 12:00", false, "2026-03-27 13:00"], // half-open: closed at 12:00 sharp
    ["2026-03-27 17:00", false, "2026-03-30 09:00"],
    ["2026-04-02 18:00", false, "2026-04-07 09:00"], // Easter holidays
  ])("Berlin split hours at %s: open %s, next opening %s", (local, open, next) => {
    expect(isOpen(BERLIN_SPLIT, B(local))).toBe(open);
    expect(instantToLocal("Europe/Berlin", nextOpening(BERLIN_SPLIT, B(local)))).toBe(next);
  });

  it("an overnight shift belongs to the day it starts on; holidays follow that", () => {
    expect(isOpen(NIGHTS, B("2026-03-21 03:00"))).toBe(true); // Saturday morning: Friday's shift
    expect(isOpen(NIGHTS, B("2026-03-23 03:00"))).toBe(false); // Monday morning: no Sunday shift
    expect(isOpen(NIGHTS, B("2026-03-24 05:59"))).toBe(true);
    const friOff = cal("Europe/Berlin", weekdays([["22:00", "06:00"]]), ["2026-03-20"]);
    expect(isOpen(friOff, B("2026-03-21 03:00"))).toBe(false);
    expect(isOpen(friOff, B("2026-03-20 03:00"))).toBe(true); // Thursday's shift runs into the holiday
  });

  it("a shift wholly inside the DST gap never opens that day", () => {
    const c = cal("Europe/Berlin", { sun: [["02:00", "03:00"]] });
    expect(instantToLocal("Europe/Berlin", nextOpening(c, B("2026-03-28 12:00")))).toBe("2026-04-05 02:00");
  });
});

describe("bad calendars and inputs", () => {
  it.each([
    ["no working hours at all", { timezone: "UTC", workingHours: {}, holidays: [] }, /no working hours on any day/],
    ["unknown zone", { timezone: "Mars/Olympus", workingHours: weekdays([["09:00", "17:00"]]), holidays: [] }, /IANA time zone/],
    ["start at 24:00", { timezone: "UTC", workingHours: { mon: [["24:00", "02:00"]] }, holidays: [] }, /cannot start at 24:00/],
    ["empty interval", { timezone: "UTC", workingHours: { mon: [["09:00", "09:00"]] }, holidays: [] }, /is empty/],
    ["bad time", { timezone: "UTC", workingHours: { mon: [["9:00", "17:00"]] }, holidays: [] }, /not a time of day/],
    ["bad holiday", { timezone: "UTC", workingHours: { mon: [["09:00", "17:00"]] }, holidays: ["2026-13-01x"] }, /ISO date/],
  ])("%s is refused with a clear error", (_name, input, message) => {
    expect(() => compileCalendar(input as TBusinessCalendarInput)).toThrow(message);
  });

  it("stops after the horizon when holidays remove every working day for years", () => {
    const mondays = Array.from({ length: 4 * 53 }, (_, i) => new Date(Date.UTC(2026, 2, 30 + 7 * i)).toISOString().slice(0, 10));
    const c = cal("UTC", { mon: [["09:00", "17:00"]] }, mondays);
    expect(() => nextOpening(c, B("2026-03-28 12:00"))).toThrow(CalendarError);
    expect(() => addBusinessMinutes(c, B("2026-03-28 12:00"), 5)).toThrow(/no working time in the 1098 days/);
  });

  it("refuses negative or non-finite minutes and invalid dates", () => {
    expect(() => addBusinessMinutes(BERLIN_SPLIT, B("2026-03-27 10:00"), -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(BERLIN_SPLIT, B("2026-03-27 10:00"), Number.NaN)).toThrow(RangeError);
    expect(() => isOpen(BERLIN_SPLIT, new Date(Number.NaN))).toThrow(/valid date/);
  });
});
