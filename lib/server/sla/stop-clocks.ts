import "server-only";
import { consumedBy, describeMinutes } from "@/lib/engine/sla/clock-plan";
import type { TClockId } from "@/lib/schemas/policies/sla";
import type { Tx } from "../db";
import type { TDecisionEntry } from "../decision-log";
import { databaseNow, logSubjects } from "./clock-context";
import { clockLabel, lockClocks, rulesOf } from "./clock-state";
import type { TClockSubjectType } from "./types";

/**
 * Stops a record's open clocks (all kinds, or the given ones) in the caller's transaction:
 * first touch logged, MQL decided, approval decided. Bumping the generation makes any timer
 * still queued for them do nothing. Returns decisions for the caller's appendDecisions.
 */
export async function stopClocks(
  tx: Tx,
  input: { subjectType: TClockSubjectType; subjectId: string; kinds?: readonly TClockId[]; reason: string; actorId?: string | null },
): Promise<{ stopped: number; decisions: TDecisionEntry[] }> {
  const clocks = await lockClocks(tx, { subjectType: input.subjectType, subjectId: input.subjectId, kinds: input.kinds, open: true });
  if (clocks.length === 0) return { stopped: 0, decisions: [] };
  const [now, rules, subjects] = await Promise.all([databaseNow(tx), rulesOf(tx, clocks), logSubjects(tx, clocks)]);
  const decisions: TDecisionEntry[] = [];
  for (const clock of clocks) {
    const r = rules.get(clock.id);
    const used = clock.status === "RUNNING" && clock.runningSince && r ? consumedBy(r.calendar, { runningSince: clock.runningSince, consumedMinutes: clock.consumedMinutes }, now) : clock.consumedMinutes;
    await tx.slaClock.update({
      where: { id: clock.id },
      data: { status: "STOPPED", stoppedAt: now, stopReason: input.reason, consumedMinutes: Math.round(used), runningSince: null, dueAt: null, generation: { increment: 1 } },
    });
    const met = clock.breachedAt === null && used <= clock.targetMinutes;
    const subject = subjects.get(clock.id)!;
    decisions.push({
      kind: "sla.clock_stopped",
      subjectType: subject.subjectType,
      subjectId: subject.subjectId,
      actorId: input.actorId ?? null,
      policyVersionId: clock.policyVersionId,
      input: { clockId: clock.id, clock: clock.kind, reason: input.reason },
      output: { met, usedMinutes: Math.round(used), targetMinutes: clock.targetMinutes },
      reasons: [
        `"${clockLabel(r, clock.kind)}" clock stopped: ${input.reason}.`,
        met ? `SLA met: ${describeMinutes(used)} used of ${describeMinutes(clock.targetMinutes)}.` : `SLA missed: ${describeMinutes(used)} used of ${describeMinutes(clock.targetMinutes)}.`,
      ],
    });
  }
  return { stopped: clocks.length, decisions };
}
