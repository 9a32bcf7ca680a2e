import "server-only";
import { calendarForKey, clockMilestones, milestoneKey, planTimer, type TCalendarOwner } from "@/lib/engine/sla/clock-plan";
import type { TCalendarLike } from "@/lib/engine/sla";
import type { TSlaClock, TSlaPolicy } from "@/lib/schemas/policies/sla";
import type { SlaClock } from "@/lib/generated/prisma/client";
import type { TSqlTx } from "../transaction-connection";
import { loadOwners, type TClockOwner } from "./clock-context";
import { slaPolicyVersion } from "./sla-policy";
import { scheduleTimers } from "./timer-jobs";

// What the clock commands and the timer share: locking clock rows, the rules and calendar a
// stored clock runs on, and scheduling its next timer.

export type TClockRules = { policy: TSlaPolicy; def: TSlaClock | undefined; calendar: TCalendarLike };

// The clock columns under the model's field names, so a raw row is a SlaClock.
export const CLOCK_COLUMNS = `id, kind, subject_type AS "subjectType", subject_id AS "subjectId", owner_id AS "ownerId", team_id AS "teamId",
  policy_version_id AS "policyVersionId", calendar_key AS "calendarKey", status::text AS status, target_minutes AS "targetMinutes",
  consumed_minutes AS "consumedMinutes", started_at AS "startedAt", running_since AS "runningSince", due_at AS "dueAt", paused_at AS "pausedAt",
  pause_reason AS "pauseReason", stopped_at AS "stoppedAt", stop_reason AS "stopReason", breached_at AS "breachedAt",
  escalation_level AS "escalationLevel", generation, created_at AS "createdAt", updated_at AS "updatedAt"`;

const CLOCK_DATES = ["startedAt", "runningSince", "dueAt", "pausedAt", "stoppedAt", "breachedAt", "createdAt", "updatedAt"] as const;

/** A clock row read as JSON (CLOCK_COLUMNS inside json_agg): its times back to Dates. */
export function clockFromJson(row: Record<string, unknown>): SlaClock {
  const clock = { ...row } as Record<string, unknown>;
  for (const key of CLOCK_DATES) clock[key] = row[key] === null || row[key] === undefined ? null : new Date(row[key] as string);
  return clock as SlaClock;
}

/**
 * Locks clock rows in id order (two transactions never wait on each other crosswise) and reads
 * them, in one statement: FOR UPDATE returns each row as it is once locked (the latest committed
 * version, its WHERE checked again), so no second read is needed.
 */
export async function lockClocks(tx: TSqlTx, where: { ids?: readonly string[]; subjectType?: string; subjectId?: string; subjectIds?: readonly string[]; kinds?: readonly string[]; open?: boolean }): Promise<SlaClock[]> {
  const clauses: string[] = [];
  const values: unknown[] = [];
  if (where.ids) clauses.push(`id = ANY($${values.push([...where.ids])}::uuid[])`);
  if (where.subjectType) clauses.push(`subject_type = $${values.push(where.subjectType)}`);
  if (where.subjectId) clauses.push(`subject_id = $${values.push(where.subjectId)}::uuid`);
  if (where.subjectIds) clauses.push(`subject_id = ANY($${values.push([...where.subjectIds])}::uuid[])`);
  if (where.kinds) clauses.push(`kind = ANY($${values.push([...where.kinds])}::text[])`);
  if (where.open) clauses.push(`status <> 'STOPPED'`);
  return tx.$queryRawUnsafe<SlaClock[]>(`SELECT ${CLOCK_COLUMNS} FROM sla_clocks WHERE ${clauses.join(" AND ") || "true"} ORDER BY id FOR UPDATE`, ...values);
}

/** The owners whose own calendar a clock runs on ("owner:<id>" keys). */
export const calendarOwnerIds = (clocks: readonly Pick<SlaClock, "calendarKey">[]) => clocks.map((c) => (c.calendarKey.startsWith("owner:") ? c.calendarKey.slice("owner:".length) : null));

/** Rules and calendar of each clock: the policy version it started under, its calendar key resolved again. */
export async function rulesOf(tx: TSqlTx, clocks: readonly SlaClock[], loaded?: ReadonlyMap<string, TClockOwner>): Promise<Map<string, TClockRules>> {
  const owners = loaded ?? (await loadOwners(tx, calendarOwnerIds(clocks)));
  const rules = new Map<string, TClockRules>();
  for (const clock of clocks) {
    if (!clock.policyVersionId) continue;
    const policy = await slaPolicyVersion(tx, clock.policyVersionId);
    const owner: TCalendarOwner | null = clock.calendarKey.startsWith("owner:") ? (owners.get(clock.calendarKey.slice("owner:".length)) ?? null) : null;
    rules.set(clock.id, { policy, def: policy.clocks.find((c) => c.id === clock.kind), calendar: calendarForKey(policy, clock.calendarKey, owner) });
  }
  return rules;
}

export async function firedMilestones(tx: TSqlTx, clockIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const fired = new Map<string, Set<string>>(clockIds.map((id) => [id, new Set<string>()]));
  if (clockIds.length === 0) return fired;
  const events = await tx.$queryRaw<{ clockId: string; type: string; level: number }[]>`
    SELECT clock_id AS "clockId", type, level FROM sla_clock_events WHERE clock_id = ANY(${[...clockIds]}::uuid[])`;
  for (const e of events) fired.get(e.clockId)!.add(milestoneKey({ type: e.type as "WARNING", level: e.level }));
  return fired;
}

/** Schedules the next timer of running clocks after a state change (resume, re-target): now when something is already due. */
export async function rescheduleRunning(tx: TSqlTx, clocks: readonly { id: string; generation: number; runningSince: Date; consumedMinutes: number; targetMinutes: number; rules: TClockRules }[], now: Date): Promise<void> {
  const fired = await firedMilestones(tx, clocks.map((c) => c.id));
  const timers = clocks.flatMap((c) => {
    if (!c.rules.def) return [];
    const plan = planTimer(c.rules.calendar, c, clockMilestones(c.rules.def, c.targetMinutes), fired.get(c.id)!, now);
    const first = plan.due[0] ?? plan.next;
    return first ? [{ clockId: c.id, generation: c.generation, fireAt: plan.due.length > 0 ? now : first.dueAt, milestone: milestoneKey(first) }] : [];
  });
  await scheduleTimers(tx, timers);
}

export const clockLabel = (rules: TClockRules | undefined, kind: string) => rules?.def?.label ?? kind;
