import { describe, expect, it } from "vitest";
import { fillWeeks, formatMinutes, outcomeOf, percentile, shareMet, summarise, weekStart, weeksBetween, type TAttainmentClock } from "./attainment";

const at = (iso: string) => new Date(iso);

describe("percentile (PostgreSQL percentile_cont)", () => {
  it("interpolates between closest ranks", () => {
    expect(percentile([10, 20, 30, 40], 0.5)).toBe(25);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
    expect(percentile([5, 1, 3], 0.5)).toBe(3); // unsorted input
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });
  it("refuses a share outside 0..1", () => {
    expect(() => percentile([1], 90)).toThrow(RangeError);
  });
});

describe("outcome and share met", () => {
  it("classifies stopped, breached and open clocks", () => {
    expect(outcomeOf({ stoppedAt: at("2026-01-05T10:00:00Z"), breachedAt: null })).toBe("MET");
    expect(outcomeOf({ stoppedAt: at("2026-01-05T10:00:00Z"), breachedAt: at("2026-01-05T09:00:00Z") })).toBe("BREACHED");
    expect(outcomeOf({ stoppedAt: null, breachedAt: at("2026-01-05T09:00:00Z") })).toBe("BREACHED");
    expect(outcomeOf({ stoppedAt: null, breachedAt: null })).toBe("OPEN");
  });
  it("is met over finished, null when nothing finished", () => {
    expect(shareMet(3, 1)).toBe(0.75);
    expect(shareMet(0, 0)).toBeNull();
  });
});

describe("summarise", () => {
  it("matches figures worked out by hand", () => {
    const start = at("2026-03-02T09:00:00Z");
    const clock = (stopAfterMin: number | null, breached: boolean, consumed: number): TAttainmentClock => ({
      startedAt: start,
      stoppedAt: stopAfterMin === null ? null : new Date(start.getTime() + stopAfterMin * 60_000),
      breachedAt: breached ? new Date(start.getTime() + 240 * 60_000) : null,
      consumedMinutes: consumed,
    });
    // Stopped after 30, 60, 90 and 300 min (the last one late); one open, one breached and open.
    const s = summarise([clock(30, false, 30), clock(60, false, 45), clock(90, false, 90), clock(300, true, 250), clock(null, false, 10), clock(null, true, 240)]);
    expect(s).toEqual({
      clocks: 6,
      met: 3,
      breached: 2,
      open: 1,
      shareMet: 0.6,
      medianWallMinutes: 75, // (60 + 90) / 2
      p90WallMinutes: expect.closeTo(237, 9), // h = 0.9 · 3 = 2.7: 90 + (300 − 90) · 0.7
      medianBusinessMinutes: 67.5, // (45 + 90) / 2
      p90BusinessMinutes: expect.closeTo(202, 9), // 90 + (250 − 90) · 0.7
    });
  });
  it("is empty for no clocks", () => {
    expect(summarise([])).toMatchObject({ clocks: 0, shareMet: null, medianWallMinutes: null, p90BusinessMinutes: null });
  });
});

describe("weeks", () => {
  it("starts weeks on Monday UTC", () => {
    expect(weekStart(at("2026-11-22T23:59:59Z"))).toBe("2026-11-16"); // a Sunday
    expect(weekStart(at("2026-11-23T00:00:00Z"))).toBe("2026-11-23"); // a Monday
    expect(weekStart(at("1970-01-01T00:00:00Z"))).toBe("1969-12-29");
  });
  it("lists every week in range and fills the gaps", () => {
    expect(weeksBetween(at("2026-11-04T00:00:00Z"), at("2026-11-20T00:00:00Z"))).toEqual(["2026-11-02", "2026-11-09", "2026-11-16"]);
    const filled = fillWeeks([{ week: "2026-11-09", met: 2, breached: 1, shareMet: 2 / 3, medianWallMinutes: 12 }], at("2026-11-04T00:00:00Z"), at("2026-11-20T00:00:00Z"));
    expect(filled.map((p) => [p.week, p.met])).toEqual([["2026-11-02", 0], ["2026-11-09", 2], ["2026-11-16", 0]]);
    expect(filled[0]!.shareMet).toBeNull();
  });
});

describe("formatMinutes", () => {
  it("reads naturally", () => {
    expect(formatMinutes(null)).toBe("—");
    expect(formatMinutes(42)).toBe("42 min");
    expect(formatMinutes(185)).toBe("3 h 5 min");
    expect(formatMinutes(120)).toBe("2 h");
    expect(formatMinutes(-3000)).toBe("−2 d 2 h");
    expect(formatMinutes(3125, { days: false })).toBe("52 h 5 min");
    expect(formatMinutes(-135_000, { days: false })).toBe("−2,250 h");
  });
});
