// Kept apart from holidays.ts so the browser can merge lists without loading the holiday library.

/** Adds holidays to a calendar's list without duplicates, sorted. */
export function mergeHolidays(existing: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...existing, ...added])].sort();
}
