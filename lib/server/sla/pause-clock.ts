import "server-only";
import { consumedBy, describeMinutes } from "@/lib/engine/sla/clock-plan";
import type { Tx } from "../db";
import type { TDecisionEntry } from "../decision-log";
import { invalidState, notFound } from "../errors";
import { databaseNow, logSubjects } from "./clock-context";
import { clockLabel, lockClocks, rulesOf } from "./clock-state";

/**
 * Pauses a running clock (e.g. waiting on the customer) where its policy says `pausable`:
 * the business minutes used so far are kept, the deadline is cleared, and the generation
 * bump turns the queued timer into a no-op.
 */
export async function pauseClock(tx: Tx, input: { clockId: string; reason: string; actorId?: string | null }): Promise<{ decisions: TDecisionEntry[] }> {
  const [clock] = await lockClocks(tx, { ids: [input.clockId] });
  if (!clock) throw notFound("That SLA clock");
  const rules = (await rulesOf(tx, [clock])).get(clock.id);
  const label = clockLabel(rules, clock.kind);
  if (clock.status !== "RUNNING" || !clock.runningSince) throw invalidState(`The "${label}" clock is ${clock.status.toLowerCase()}; only a running clock can be paused.`);
  if (!rules?.def?.pausable) throw invalidState(`The SLA policy does not allow pausing the "${label}" clock; RevOps can set "pausable" on it.`);
  const now = await databaseNow(tx);
  const used = consumedBy(rules.calendar, { runningSince: clock.runningSince, consumedMinutes: clock.consumedMinutes }, now);
  await tx.slaClock.update({
    where: { id: clock.id },
    data: { status: "PAUSED", pausedAt: now, pauseReason: input.reason, consumedMinutes: Math.round(used), runningSince: null, dueAt: null, generation: { increment: 1 } },
  });
  const subject = (await logSubjects(tx, [clock])).get(clock.id)!;
  return {
    decisions: [
      {
        kind: "sla.clock_paused",
        subjectType: subject.subjectType,
        subjectId: subject.subjectId,
        actorId: input.actorId ?? null,
        policyVersionId: clock.policyVersionId,
        input: { clockId: clock.id, clock: clock.kind, reason: input.reason },
        output: { usedMinutes: Math.round(used), targetMinutes: clock.targetMinutes },
        reasons: [`"${label}" clock paused: ${input.reason}.`, `${describeMinutes(used)} of ${describeMinutes(clock.targetMinutes)} used so far; the rest counts again on resume.`],
      },
    ],
  };
}
