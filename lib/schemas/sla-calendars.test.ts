import { describe, expect, it } from "vitest";
import { defaultSlaPolicy } from "./policies/default-governance";
import { calendarFromForm, calendarToForm, parseDayHours, ZSlaCalendarsForm, type TCalendarForm } from "./sla-calendars";

const emea = (): TCalendarForm => ({
  id: "emea",
  name: "EMEA",
  region: "EMEA",
  timezone: "Europe/London",
  hours: { mon: "09:00-12:30, 13:30-17:00", tue: "9:00-17:00", wed: "09:00-17:00", thu: "09:00-17:00", fri: "22:00-06:00", sat: "", sun: "" },
  holidays: ["2026-12-25"],
});

describe("calendar form", () => {
  it("parses split, overnight and blank days", () => {
    expect(parseDayHours("09:00-12:30, 13:30-17:00")).toEqual({ ok: true, intervals: [["09:00", "12:30"], ["13:30", "17:00"]] });
    expect(parseDayHours("22:00–06:00")).toEqual({ ok: true, intervals: [["22:00", "06:00"]] });
    expect(parseDayHours("  ")).toEqual({ ok: true, intervals: [] });
    expect(parseDayHours("nine to five")).toMatchObject({ ok: false, message: expect.stringContaining("not an interval") });
  });

  it("round-trips the default policy's calendars", () => {
    for (const cal of defaultSlaPolicy(2026).calendars) expect(calendarFromForm(calendarToForm(cal))).toEqual(cal);
  });

  it("accepts a valid form and converts it", () => {
    const form = { calendars: [emea()], defaultCalendarId: "emea" };
    expect(ZSlaCalendarsForm.safeParse(form).success).toBe(true);
    expect(calendarFromForm(emea()).workingHours.mon).toEqual([["09:00", "12:30"], ["13:30", "17:00"]]);
    expect(calendarFromForm(emea()).workingHours.sat).toBeUndefined();
  });

  it("puts each error on the field that caused it", () => {
    const bad = emea();
    bad.timezone = "Mars/Olympus";
    bad.hours.tue = "17:00-09:00, 10:00-11:00"; // overnight interval not last
    bad.hours.wed = "whenever";
    bad.holidays = ["2026-12-25", "2026-12-25"];
    const twin = { ...emea(), name: "Twin" };
    const result = ZSlaCalendarsForm.safeParse({ calendars: [bad, twin], defaultCalendarId: "nope" });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(
      expect.arrayContaining(["calendars.0.timezone", "calendars.0.hours.tue", "calendars.0.hours.wed", "calendars.0.holidays", "calendars.1.id", "calendars.1.region", "defaultCalendarId"]),
    );
    expect(result.error!.issues.find((i) => i.path.join(".") === "calendars.0.timezone")?.message).toMatch(/IANA time zone/);
  });

  it("refuses a calendar with no working hours at all", () => {
    const closed = emea();
    for (const d of Object.keys(closed.hours) as (keyof TCalendarForm["hours"])[]) closed.hours[d] = "";
    const result = ZSlaCalendarsForm.safeParse({ calendars: [closed], defaultCalendarId: "emea" });
    expect(result.error?.issues.map((i) => i.path.join("."))).toContain("calendars.0.hours.mon");
  });
});
