import Holidays from "date-holidays";

export { mergeHolidays } from "./holidays-merge";

// Public holidays from the date-holidays library, as the ISO dates a calendar's `holidays`
// list holds. Only type "public" counts: bank, school, optional and observance days
// (Valentine's Day, Christmas Eve in the US) are not days off for a sales team. A holiday
// lasting several days (some countries' New Year) contributes each of its dates. The
// library is data plus date arithmetic, so this stays pure: same inputs, same dates.

export type TPublicHoliday = { date: string; name: string };

const DAY_MS = 86_400_000;
const COUNTRY = /^[A-Z]{2}$/;

export class UnknownCountryError extends Error {
  constructor(code: string) {
    super(`"${code}" is not a country the holiday library knows: use a two-letter ISO code such as DE, US or SG`);
    this.name = "UnknownCountryError";
  }
}

/** Two-letter country codes the library has holidays for, with their names, sorted by name. */
export function holidayCountries(): { code: string; name: string }[] {
  const all = new Holidays().getCountries("en") as Record<string, string>;
  return Object.entries(all)
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Public holidays of a country for the given years, sorted by date, one entry per date. */
export function publicHolidaysFor(countryCode: string, years: readonly number[]): TPublicHoliday[] {
  const code = countryCode.trim().toUpperCase();
  if (!COUNTRY.test(code) || !(code in (new Holidays().getCountries() as Record<string, string>))) throw new UnknownCountryError(countryCode);
  const hd = new Holidays(code, { types: ["public"] });
  const byDate = new Map<string, string>();
  for (const year of years) {
    for (const h of hd.getHolidays(year, "en")) {
      if (h.type !== "public") continue;
      const first = h.date.slice(0, 10);
      // start/end are instants in the country's zone; their difference in whole days is the length.
      const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
      for (let i = 0; i < days; i += 1) {
        const date = addDays(first, i);
        if (!byDate.has(date)) byDate.set(date, h.name);
      }
    }
  }
  return [...byDate.entries()].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
}

/** Just the dates: what ZCalendar.holidays stores. */
export function holidaysFor(countryCode: string, years: readonly number[]): string[] {
  return publicHolidaysFor(countryCode, years).map((h) => h.date);
}
