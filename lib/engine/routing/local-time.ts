// Wall-clock time in a member's timezone, from an instant the caller passes in. Intl is the
// only tz database available without a dependency, but formatToParts costs microseconds, so
// we cache the UTC offset per zone per 15-minute UTC slot: every tz rule in use changes
// offset on a quarter-hour UTC instant, so within one slot the offset is constant.
import { assertTimeZone, offsetAt } from "@/lib/engine/sla/timezone";

const SLOT_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

export type TLocalTime = {
  /** Local calendar date, "2026-03-29". */
  date: string;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
  /** The local date of this week's Monday: the key weekly caps reset on. */
  weekKey: string;
};

type TZoneCache = { known: boolean; slot: number; offset: number; day: number; date: string; weekKey: string };
const zones = new Map<string, TZoneCache>();

function zone(tz: string): TZoneCache {
  let z = zones.get(tz);
  if (!z) {
    let known = true;
    try {
      assertTimeZone(tz);
    } catch {
      // An unknown zone is treated as UTC rather than failing the whole routing decision;
      // the directory validates zones when users are saved.
      known = false;
    }
    z = { known, slot: Number.NaN, offset: 0, day: Number.NaN, date: "", weekKey: "" };
    zones.set(tz, z);
  }
  return z;
}

/** Milliseconds to add to a UTC instant to get local wall-clock time in `tz`. */
export function utcOffsetMs(tz: string, epochMs: number): number {
  const z = zone(tz);
  if (!z.known) return 0;
  const slot = Math.floor(epochMs / SLOT_MS);
  if (slot !== z.slot) {
    z.offset = offsetAt(tz, epochMs);
    z.slot = slot;
  }
  return z.offset;
}

function isoDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export function localTime(tz: string, epochMs: number): TLocalTime {
  const local = epochMs + utcOffsetMs(tz, epochMs);
  const day = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  const weekday = (((day + 3) % 7) + 7) % 7;
  // Formatting dates is the costly part; consecutive calls for a zone are usually the same day.
  const z = zone(tz);
  if (z.day !== day) {
    z.day = day;
    z.date = isoDate(day);
    z.weekKey = isoDate(day - weekday);
  }
  return { date: z.date, weekday, minutes: Math.floor((local - day * DAY_MS) / 60_000), weekKey: z.weekKey };
}
