import { describe, expect, it } from "vitest";
import { ZIsoDate } from "@/lib/schemas/policies/common";
import { holidayCountries, holidaysFor, mergeHolidays, publicHolidaysFor, UnknownCountryError } from "./holidays";

describe("holidaysFor", () => {
  it("gives Germany's nine nationwide public holidays of 2026", () => {
    expect(holidaysFor("DE", [2026])).toEqual([
      "2026-01-01",
      "2026-04-03",
      "2026-04-06",
      "2026-05-01",
      "2026-05-14",
      "2026-05-25",
      "2026-10-03",
      "2026-12-25",
      "2026-12-26",
    ]);
  });

  it("keeps US public holidays (incl. the observed substitute day) and drops observances", () => {
    const us = publicHolidaysFor("us", [2026]);
    const dates = us.map((h) => h.date);
    expect(dates).toContain("2026-07-03"); // Independence Day observed on Friday
    expect(dates).toContain("2026-11-26"); // Thanksgiving
    expect(dates).not.toContain("2026-02-14"); // Valentine's Day is an observance
    expect(dates).not.toContain("2026-12-24"); // Christmas Eve is optional
    expect(us.find((h) => h.date === "2026-11-26")?.name).toBe("Thanksgiving Day");
  });

  it("covers several years, sorted, every entry a valid ISO date without duplicates", () => {
    const dates = holidaysFor("GB", [2027, 2026]);
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates).size).toBe(dates.length);
    expect(dates.some((d) => d.startsWith("2026-"))).toBe(true);
    expect(dates.some((d) => d.startsWith("2027-"))).toBe(true);
    for (const d of dates) expect(ZIsoDate.safeParse(d).success).toBe(true);
  });

  it("refuses an unknown country with a clear message", () => {
    expect(() => holidaysFor("XX", [2026])).toThrow(UnknownCountryError);
    expect(() => holidaysFor("Germany", [2026])).toThrow(/two-letter ISO code/);
  });

  it("lists the countries by name", () => {
    const countries = holidayCountries();
    expect(countries.find((c) => c.code === "SG")?.name).toBe("Singapore");
    expect(countries.length).toBeGreaterThan(100);
  });
});

describe("mergeHolidays", () => {
  it("adds without duplicates and keeps the list sorted", () => {
    expect(mergeHolidays(["2026-12-25", "2026-08-01"], ["2026-01-01", "2026-12-25"])).toEqual(["2026-01-01", "2026-08-01", "2026-12-25"]);
  });
});
