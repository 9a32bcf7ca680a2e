// Attainment of SLA clocks: how many finished in time and how fast first touches happen.
// The report's SQL (lib/server/queries/sla-attainment.ts) aggregates large volumes in the
// database; these helpers define the same figures for small sets, so the SQL is checked
// against them in tests, and fill gaps (empty weeks) in what the SQL returns.
//
// Definitions:
// - a clock is MET when it stopped without having breached, BREACHED when it has a breach
//   time (stopped or still open), and still OPEN otherwise (not counted yet either way);
// - share met = met / (met + breached); null when nothing has finished;
// - percentiles interpolate linearly between closest ranks (PostgreSQL's percentile_cont):
//   the p-th percentile of sorted x[0..n-1] is x[f] + (x[f+1] − x[f]) · (h − f), h = p·(n−1).

export type TAttainmentClock = {
  startedAt: Date;
  stoppedAt: Date | null;
  breachedAt: Date | null;
  /** Business minutes used; for a stopped clock, all it used. */
  consumedMinutes: number;
};

export type TOutcome = "MET" | "BREACHED" | "OPEN";

export function outcomeOf(clock: Pick<TAttainmentClock, "stoppedAt" | "breachedAt">): TOutcome {
  if (clock.breachedAt !== null) return "BREACHED";
  return clock.stoppedAt !== null ? "MET" : "OPEN";
}

/** percentile_cont(p) of the values; null for no values. p in [0, 1]. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`A percentile is between 0 and 1, not ${p}`);
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = p * (sorted.length - 1);
  const f = Math.floor(h);
  const lo = sorted[f]!;
  const hi = sorted[Math.min(f + 1, sorted.length - 1)]!;
  return lo + (hi - lo) * (h - f);
}

export function shareMet(met: number, breached: number): number | null {
  const finished = met + breached;
  return finished === 0 ? null : met / finished;
}

export type TAttainmentSummary = {
  clocks: number;
  met: number;
  breached: number;
  open: number;
  shareMet: number | null;
  /** Of stopped clocks: wall-clock minutes from start to stop. */
  medianWallMinutes: number | null;
  p90WallMinutes: number | null;
  /** Of stopped clocks: business minutes used. */
  medianBusinessMinutes: number | null;
  p90BusinessMinutes: number | null;
};

const MINUTE_MS = 60_000;

export function summarise(clocks: readonly TAttainmentClock[]): TAttainmentSummary {
  let met = 0;
  let breached = 0;
  const wall: number[] = [];
  const business: number[] = [];
  for (const c of clocks) {
    const outcome = outcomeOf(c);
    if (outcome === "MET") met += 1;
    else if (outcome === "BREACHED") breached += 1;
    if (c.stoppedAt !== null) {
      wall.push((c.stoppedAt.getTime() - c.startedAt.getTime()) / MINUTE_MS);
      business.push(c.consumedMinutes);
    }
  }
  return {
    clocks: clocks.length,
    met,
    breached,
    open: clocks.length - met - breached,
    shareMet: shareMet(met, breached),
    medianWallMinutes: percentile(wall, 0.5),
    p90WallMinutes: percentile(wall, 0.9),
    medianBusinessMinutes: percentile(business, 0.5),
    p90BusinessMinutes: percentile(business, 0.9),
  };
}

const DAY_MS = 86_400_000;

/** Monday 00:00 UTC of the instant's ISO week, as YYYY-MM-DD (PostgreSQL's date_trunc('week') in UTC). */
export function weekStart(instant: Date): string {
  const day = Math.floor(instant.getTime() / DAY_MS);
  const monday = day - ((day + 3) % 7); // 1970-01-01 was a Thursday (index 3 from Monday)
  return new Date(monday * DAY_MS).toISOString().slice(0, 10);
}

/** Every week start from the week of `from` to the week of `to`, so a chart shows empty weeks as gaps, not as missing. */
export function weeksBetween(from: Date, to: Date): string[] {
  const weeks: string[] = [];
  const last = weekStart(to);
  for (let w = weekStart(from); w <= last; w = new Date(Date.parse(`${w}T00:00:00Z`) + 7 * DAY_MS).toISOString().slice(0, 10)) weeks.push(w);
  return weeks;
}

export type TWeekPoint = { week: string; met: number; breached: number; shareMet: number | null; medianWallMinutes: number | null };

/** Fills the weeks the SQL returned nothing for with empty points, in order. */
export function fillWeeks(points: readonly TWeekPoint[], from: Date, to: Date): TWeekPoint[] {
  const byWeek = new Map(points.map((p) => [p.week, p]));
  return weeksBetween(from, to).map((week) => byWeek.get(week) ?? { week, met: 0, breached: 0, shareMet: null, medianWallMinutes: null });
}

/**
 * Human figure for minutes: "42 min", "3 h 5 min", "2 d 4 h". With `days: false` the largest
 * unit is the hour ("52 h"): business time must not read as calendar days of 24 hours.
 */
export function formatMinutes(minutes: number | null, options: { days?: boolean } = {}): string {
  if (minutes === null) return "—";
  const sign = minutes < 0 ? "−" : "";
  const m = Math.round(Math.abs(minutes));
  if (m < 60) return `${sign}${m} min`;
  if (m < 24 * 60 || options.days === false) return `${sign}${Math.floor(m / 60).toLocaleString("en")} h${m % 60 ? ` ${m % 60} min` : ""}`;
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  return `${sign}${d.toLocaleString("en")} d${h ? ` ${h} h` : ""}`;
}
