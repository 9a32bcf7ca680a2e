import "server-only";
import { describeMinutes, milestoneDueAt } from "@/lib/engine/sla/clock-plan";
import type { Tx } from "../db";
import type { TDecisionEntry } from "../decision-log";
import { invalidState, notFound } from "../errors";
import { databaseNow, logSubjects } from "./clock-context";
import { clockLabel, lockClocks, rescheduleRunning, rulesOf } from "./clock-state";

/** Resumes a paused clock from the database's now: the deadline moves by the paused time, and a fresh timer is queued. */
export async function resumeClock(tx: Tx, input: { clockId: string; reason: string; actorId?: string | null }): Promise<{ decisions: TDecisionEntry[] }> {
  const [clock] = await lockClocks(tx, { ids: [input.clockId] });
  if (!clock) throw notFound("That SLA clock");
  const rules = (await rulesOf(tx, [clock])).get(clock.id);
  const label = clockLabel(rules, clock.kind);
  if (clock.status !== "PAUSED" || !rules) throw invalidState(`The "${label}" clock is ${clock.status.toLowerCase()}; only a paused clock can be resumed.`);
  const now = await databaseNow(tx);
  const running = { runningSince: now, consumedMinutes: clock.consumedMinutes };
  const dueAt = milestoneDueAt(rules.calendar, running, clock.targetMinutes);
  const updated = await tx.slaClock.update({
    where: { id: clock.id },
    data: { status: "RUNNING", runningSince: now, dueAt, pausedAt: null, pauseReason: null, generation: { increment: 1 } },
  });
  await rescheduleRunning(tx, [{ ...updated, runningSince: now, rules }], now);
  const subject = (await logSubjects(tx, [clock])).get(clock.id)!;
  return {
    decisions: [
      {
        kind: "sla.clock_resumed",
        subjectType: subject.subjectType,
        subjectId: subject.subjectId,
        actorId: input.actorId ?? null,
        policyVersionId: clock.policyVersionId,
        input: { clockId: clock.id, clock: clock.kind, reason: input.reason },
        output: { dueAt: dueAt.toISOString() },
        reasons: [
          `"${label}" clock resumed: ${input.reason}.`,
          `${describeMinutes(Math.max(0, clock.targetMinutes - clock.consumedMinutes))} left; now due ${dueAt.toISOString().replace("T", " ").slice(0, 16)} UTC.`,
        ],
      },
    ],
  };
}
