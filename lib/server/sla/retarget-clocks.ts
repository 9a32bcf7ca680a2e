import "server-only";
import { consumedBy, milestoneDueAt, rebaseSegment, resolveClockCalendar } from "@/lib/engine/sla/clock-plan";
import type { TDecisionEntry } from "../decision-log";
import { databaseNow, loadOwners, logSubjects } from "./clock-context";
import { clockLabel, lockClocks, rescheduleRunning, rulesOf, type TClockRules } from "./clock-state";
import type { TClockSubjectType } from "./types";
import type { TSqlTx } from "../transaction-connection";

/**
 * Moves a record's open clocks to a new owner (reassignment). The time already used stays
 * used; the rest counts on the new owner's calendar when the clock runs on the owner's, and
 * escalations go to the new owner and their manager from now on. Only the clock keeps
 * running: re-targeting never restarts or extends an SLA.
 */
export async function retargetClocks(
  tx: TSqlTx,
  input: { subjectType: TClockSubjectType; subjectId: string; newOwnerId: string | null; newTeamId?: string | null; reason: string; actorId?: string | null },
): Promise<{ retargeted: number; decisions: TDecisionEntry[] }> {
  const clocks = (await lockClocks(tx, { subjectType: input.subjectType, subjectId: input.subjectId, open: true })).filter(
    (c) => c.ownerId !== input.newOwnerId || (input.newTeamId !== undefined && c.teamId !== input.newTeamId),
  );
  if (clocks.length === 0) return { retargeted: 0, decisions: [] };
  const [now, rules, owners, subjects] = await Promise.all([databaseNow(tx), rulesOf(tx, clocks), loadOwners(tx, [input.newOwnerId]), logSubjects(tx, clocks)]);
  const newOwner = input.newOwnerId ? (owners.get(input.newOwnerId) ?? null) : null;
  const running: { id: string; generation: number; runningSince: Date; consumedMinutes: number; targetMinutes: number; rules: TClockRules }[] = [];
  const decisions: TDecisionEntry[] = [];
  for (const clock of clocks) {
    const r = rules.get(clock.id);
    if (!r) continue;
    const isRunning = clock.status === "RUNNING" && clock.runningSince !== null;
    const used = isRunning ? consumedBy(r.calendar, { runningSince: clock.runningSince!, consumedMinutes: clock.consumedMinutes }, now) : clock.consumedMinutes;
    // Only an owner's calendar follows the owner; a team or region calendar belongs to the record.
    const next = r.def && r.def.calendar === "OWNER" ? resolveClockCalendar(r.policy, r.def, { owner: newOwner, region: newOwner?.region ?? null }) : { key: clock.calendarKey, calendar: r.calendar };
    // Same calendar: the running segment goes on untouched. A new one: rebase on it from now.
    const segment = !isRunning ? null : next.key === clock.calendarKey ? { runningSince: clock.runningSince!, consumedMinutes: clock.consumedMinutes } : rebaseSegment(used, now);
    const dueAt = segment ? milestoneDueAt(next.calendar, segment, clock.targetMinutes) : null;
    // A raw statement: intake runs this on a pg transaction (ADR 0027).
    const values: unknown[] = [clock.id, input.newOwnerId, next.key];
    const sets = ['owner_id = $2::uuid', 'calendar_key = $3', 'generation = generation + 1', 'updated_at = now()'];
    if (input.newTeamId !== undefined) sets.push(`team_id = $${values.push(input.newTeamId)}::uuid`);
    if (segment) sets.push(`running_since = $${values.push(segment.runningSince)}`, `consumed_minutes = $${values.push(segment.consumedMinutes)}`, `due_at = $${values.push(dueAt)}`);
    const [updated] = await tx.$queryRawUnsafe<{ generation: number }[]>(`UPDATE sla_clocks SET ${sets.join(", ")} WHERE id = $1::uuid RETURNING generation`, ...values);
    if (segment) running.push({ id: clock.id, generation: updated!.generation, targetMinutes: clock.targetMinutes, ...segment, rules: { ...r, calendar: next.calendar } });
    const subject = subjects.get(clock.id)!;
    decisions.push({
      kind: "sla.clock_retargeted",
      subjectType: subject.subjectType,
      subjectId: subject.subjectId,
      actorId: input.actorId ?? null,
      policyVersionId: clock.policyVersionId,
      input: { clockId: clock.id, clock: clock.kind, fromOwnerId: clock.ownerId, toOwnerId: input.newOwnerId, reason: input.reason },
      output: { dueAt: dueAt?.toISOString() ?? null, calendarKey: next.key },
      reasons: [
        `"${clockLabel(r, clock.kind)}" clock moved to the new owner: ${input.reason}.`,
        dueAt ? `Time already used stays used; still due ${dueAt.toISOString().replace("T", " ").slice(0, 16)} UTC.` : "The clock stays paused.",
      ],
    });
  }
  await rescheduleRunning(tx, running, now);
  return { retargeted: clocks.length, decisions };
}
