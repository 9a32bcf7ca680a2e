import "server-only";
import { calendarForKey, clockMilestones, milestoneKey, planTimer, type TCalendarOwner } from "@/lib/engine/sla/clock-plan";
import type { TCalendarLike } from "@/lib/engine/sla";
import type { TSlaClock, TSlaPolicy } from "@/lib/schemas/policies/sla";
import type { SlaClock } from "@/lib/generated/prisma/client";
import type { Tx } from "../db";
import { loadOwners } from "./clock-context";
import { slaPolicyVersion } from "./sla-policy";
import { scheduleTimers } from "./timer-jobs";

// What the clock commands and the timer share: locking clock rows, the rules and calendar a
// stored clock runs on, and scheduling its next timer.

export type TClockRules = { policy: TSlaPolicy; def: TSlaClock | undefined; calendar: TCalendarLike };

/** Locks clock rows in id order (two transactions never wait on each other crosswise) and reads them. */
export async function lockClocks(tx: Tx, where: { ids?: readonly string[]; subjectType?: string; subjectId?: string; kinds?: readonly string[]; open?: boolean }): Promise<SlaClock[]> {
  const clauses: string[] = [];
  const values: unknown[] = [];
  if (where.ids) clauses.push(`id = ANY($${values.push([...where.ids])}::uuid[])`);
  if (where.subjectType) clauses.push(`subject_type = $${values.push(where.subjectType)}`);
  if (where.subjectId) clauses.push(`subject_id = $${values.push(where.subjectId)}::uuid`);
  if (where.kinds) clauses.push(`kind = ANY($${values.push([...where.kinds])}::text[])`);
  if (where.open) clauses.push(`status <> 'STOPPED'`);
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id::text FROM sla_clocks WHERE ${clauses.join(" AND ") || "true"} ORDER BY id FOR UPDATE`, ...values);
  if (rows.length === 0) return [];
  return tx.slaClock.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: { id: "asc" } });
}

/** Rules and calendar of each clock: the policy version it started under, its calendar key resolved again. */
export async function rulesOf(tx: Tx, clocks: readonly SlaClock[]): Promise<Map<string, TClockRules>> {
  const ownerIds = clocks.map((c) => (c.calendarKey.startsWith("owner:") ? c.calendarKey.slice("owner:".length) : null));
  const owners = await loadOwners(tx, ownerIds);
  const rules = new Map<string, TClockRules>();
  for (const clock of clocks) {
    if (!clock.policyVersionId) continue;
    const policy = await slaPolicyVersion(tx, clock.policyVersionId);
    const owner: TCalendarOwner | null = clock.calendarKey.startsWith("owner:") ? (owners.get(clock.calendarKey.slice("owner:".length)) ?? null) : null;
    rules.set(clock.id, { policy, def: policy.clocks.find((c) => c.id === clock.kind), calendar: calendarForKey(policy, clock.calendarKey, owner) });
  }
  return rules;
}

export async function firedMilestones(tx: Tx, clockIds: readonly string[]): Promise<Map<string, Set<string>>> {
  const fired = new Map<string, Set<string>>(clockIds.map((id) => [id, new Set<string>()]));
  if (clockIds.length === 0) return fired;
  const events = await tx.slaClockEvent.findMany({ where: { clockId: { in: [...clockIds] } }, select: { clockId: true, type: true, level: true } });
  for (const e of events) fired.get(e.clockId)!.add(milestoneKey({ type: e.type as "WARNING", level: e.level }));
  return fired;
}

/** Schedules the next timer of running clocks after a state change (resume, re-target): now when something is already due. */
export async function rescheduleRunning(tx: Tx, clocks: readonly { id: string; generation: number; runningSince: Date; consumedMinutes: number; targetMinutes: number; rules: TClockRules }[], now: Date): Promise<void> {
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
