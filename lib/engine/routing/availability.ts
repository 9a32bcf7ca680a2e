// Can this pool member take a lead right now? Checked in a fixed order so the logged reason
// is the most permanent one: inactive before lacking a skill before PTO before working
// hours before caps (a rep who is inactive is not reported as "capped").
import { WEEKDAYS, type TWorkingHours } from "@/lib/schemas/policies/sla";
import type { TPoolMember, TRoutingPool } from "@/lib/schemas/policies/routing";
import { localTime, type TLocalTime } from "./local-time";
import type { TPoolMemberState } from "./pool-state";

export type TAbsence = { startsAt: Date | number; endsAt: Date | number; reason?: string };

export type TDirectoryUser = {
  id: string;
  name: string;
  active: boolean;
  /** IANA zone; working hours and daily/weekly caps are counted in it. Default UTC. */
  timezone?: string;
  /** Weekly hours in local time. Absent or {} (the database default): no restriction. */
  workingHours?: TWorkingHours | null;
  /** Time off as instants, half-open [startsAt, endsAt). */
  absences?: readonly TAbsence[];
  skills?: readonly string[];
};

export type TDirectory = {
  users: Readonly<Record<string, TDirectoryUser | undefined>>;
  /** Team names for explanations ("the EMEA inbound queue"); ids are shown when missing. */
  teams?: Readonly<Record<string, { name: string } | undefined>>;
};

export type TSkipReason = "NOT_IN_DIRECTORY" | "INACTIVE" | "LACKS_SKILL" | "ON_PTO" | "OUTSIDE_HOURS" | "DAILY_CAP" | "WEEKLY_CAP";

export type TSkippedMember = { userId: string; name: string; reason: TSkipReason; detail: string };

export type TMemberCheck =
  | { available: true; user: TDirectoryUser; local: TLocalTime }
  | { available: false; skipped: TSkippedMember };

type THourTable = (readonly (readonly [number, number])[])[] | undefined;
const hourTables = new WeakMap<TWorkingHours, THourTable>();

const minutesOf = (t: string): number => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));

/** Parsed once per working-hours object: per weekday, [start, end) in minutes. */
function hourTable(hours: TWorkingHours): THourTable {
  if (hourTables.has(hours)) return hourTables.get(hours);
  const days = WEEKDAYS.map((d) => hours[d]);
  const table = days.every((d) => d === undefined) ? undefined : days.map((d) => (d ?? []).map(([s, e]) => [minutesOf(s), minutesOf(e)] as const));
  hourTables.set(hours, table);
  return table;
}

export function isWithinWorkingHours(hours: TWorkingHours | null | undefined, local: TLocalTime): boolean {
  if (!hours) return true;
  const table = hourTable(hours);
  if (!table) return true;
  const intervals = table[local.weekday] ?? [];
  return intervals.some(([start, end]) => local.minutes >= start && local.minutes < end);
}

const ms = (t: Date | number): number => (typeof t === "number" ? t : t.getTime());

export function activeAbsence(user: TDirectoryUser, nowMs: number): TAbsence | undefined {
  return user.absences?.find((a) => ms(a.startsAt) <= nowMs && nowMs < ms(a.endsAt));
}

/** Counters of the current local day / week; a stale key means the period rolled over. */
export function currentCounts(state: TPoolMemberState | undefined, local: TLocalTime): { today: number; week: number } {
  if (!state) return { today: 0, week: 0 };
  return {
    today: state.dayKey === local.date ? state.assignedToday : 0,
    week: state.weekKey === local.weekKey ? state.assignedThisWeek : 0,
  };
}

// Module-level rather than a per-call closure: named closures cost a defineProperty per call
// under tsx (esbuild keepNames), which showed up as half of a pool pick's time.
function skipResult(member: TPoolMember, user: TDirectoryUser | undefined, reason: TSkipReason, detail: string): TMemberCheck {
  return { available: false, skipped: { userId: member.userId, name: user?.name ?? member.userId, reason, detail } };
}

export function checkMember(
  pool: TRoutingPool,
  member: TPoolMember,
  user: TDirectoryUser | undefined,
  state: TPoolMemberState | undefined,
  nowMs: number,
): TMemberCheck {
  if (!user) return skipResult(member, user, "NOT_IN_DIRECTORY", "not a known user");
  if (!user.active) return skipResult(member, user, "INACTIVE", "inactive");
  for (const skill of pool.requiredSkills) {
    if (!user.skills?.includes(skill)) return skipResult(member, user, "LACKS_SKILL", `lacks skill ${skill}`);
  }
  const absence = activeAbsence(user, nowMs);
  if (absence) return skipResult(member, user, "ON_PTO", absence.reason && absence.reason !== "PTO" ? `away (${absence.reason})` : "on PTO");
  const local = localTime(user.timezone ?? "UTC", nowMs);
  if (!isWithinWorkingHours(user.workingHours, local)) return skipResult(member, user, "OUTSIDE_HOURS", "outside working hours");
  const counts = currentCounts(state, local);
  if (member.capPerDay !== undefined && counts.today >= member.capPerDay) return skipResult(member, user, "DAILY_CAP", `reached the daily cap of ${member.capPerDay}`);
  if (member.capPerWeek !== undefined && counts.week >= member.capPerWeek) return skipResult(member, user, "WEEKLY_CAP", `reached the weekly cap of ${member.capPerWeek}`);
  return { available: true, user, local };
}
