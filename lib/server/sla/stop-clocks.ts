import "server-only";
import { consumedBy, describeMinutes } from "@/lib/engine/sla/clock-plan";
import type { TClockId } from "@/lib/schemas/policies/sla";
import type { SlaClock } from "@/lib/generated/prisma/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlCount, type TSqlTx } from "../transaction-connection";
import type { TDecisionEntry } from "../decision-log";
import { clockContext, logSubjects, type TClockContext } from "./clock-context";
import { calendarOwnerIds, clockLabel, lockClocks, rulesOf } from "./clock-state";
import type { TClockSubjectType } from "./types";

/**
 * Stops a record's open clocks (all kinds, or the given ones) in the caller's transaction:
 * first touch logged, MQL decided, approval decided. Bumping the generation makes any timer
 * still queued for them do nothing. Returns decisions for the caller's appendDecisions.
 */
export async function stopClocks(
  tx: TSqlTx,
  input: { subjectType: TClockSubjectType; subjectId: string; kinds?: readonly TClockId[]; reason: string; actorId?: string | null },
): Promise<{ stopped: number; decisions: TDecisionEntry[] }> {
  const clocks = await lockClocks(tx, { subjectType: input.subjectType, subjectId: input.subjectId, kinds: input.kinds, open: true });
  return stopLockedClocks(tx, clocks, { reason: () => input.reason, actorId: input.actorId });
}

/**
 * Stops clocks the caller has locked (lockClocks), each with its own reason: one read (time and
 * calendar owners) and one UPDATE for all of them, whatever their number.
 */
export async function stopLockedClocks(
  tx: TSqlTx,
  clocks: readonly SlaClock[],
  options: {
    reason: (clock: SlaClock) => string;
    actorId?: string | null;
    /** step id → request id, known to the caller */
    knownRequests?: ReadonlyMap<string, string>;
    /** A clockContext the caller read already, with these clocks' calendar owners in it. */
    context?: TClockContext;
  },
): Promise<{ stopped: number; decisions: TDecisionEntry[] }> {
  if (clocks.length === 0) return { stopped: 0, decisions: [] };
  const planned = await planClockStops(tx, clocks, options);
  await sendClockStops(tx, planned);
  return { stopped: clocks.length, decisions: planned.decisions };
}

/** The stops of locked clocks, computed but not written yet (sendClockStops writes them). */
export type TPlannedStops = { now: Date; rows: { id: string; reason: string; used: number }[]; decisions: TDecisionEntry[] };

/**
 * What stopping locked clocks writes and logs, computed ahead (reads only: rules, owners, log
 * subjects, each skipped when the caller has them), so the write can go out in a transaction's
 * last flight (ADR 0029).
 */
export async function planClockStops(
  tx: TSqlTx,
  clocks: readonly SlaClock[],
  options: { reason: (clock: SlaClock) => string; actorId?: string | null; knownRequests?: ReadonlyMap<string, string>; context?: TClockContext },
): Promise<TPlannedStops> {
  if (clocks.length === 0) return { now: new Date(0), rows: [], decisions: [] };
  const { now, owners } = options.context ?? (await clockContext(tx, calendarOwnerIds(clocks)));
  const [rules, subjects] = [await rulesOf(tx, clocks, owners), await logSubjects(tx, clocks, options.knownRequests)];
  const decisions: TDecisionEntry[] = [];
  const rows: { id: string; reason: string; used: number }[] = [];
  for (const clock of clocks) {
    const r = rules.get(clock.id);
    const reason = options.reason(clock);
    const used = clock.status === "RUNNING" && clock.runningSince && r ? consumedBy(r.calendar, { runningSince: clock.runningSince, consumedMinutes: clock.consumedMinutes }, now) : clock.consumedMinutes;
    rows.push({ id: clock.id, reason, used: Math.round(used) });
    const met = clock.breachedAt === null && used <= clock.targetMinutes;
    const subject = subjects.get(clock.id)!;
    decisions.push({
      kind: "sla.clock_stopped",
      subjectType: subject.subjectType,
      subjectId: subject.subjectId,
      actorId: options.actorId ?? null,
      policyVersionId: clock.policyVersionId,
      input: { clockId: clock.id, clock: clock.kind, reason },
      output: { met, usedMinutes: Math.round(used), targetMinutes: clock.targetMinutes },
      reasons: [
        `"${clockLabel(r, clock.kind)}" clock stopped: ${reason}.`,
        met ? `SLA met: ${describeMinutes(used)} used of ${describeMinutes(clock.targetMinutes)}.` : `SLA missed: ${describeMinutes(used)} used of ${describeMinutes(clock.targetMinutes)}.`,
      ],
    });
  }
  return { now, rows, decisions };
}

/** Writes planned stops: one UPDATE for all of them, sent before this returns (a flight may carry it). */
export function sendClockStops(tx: TSqlTx, planned: TPlannedStops): Promise<number> {
  if (planned.rows.length === 0) return Promise.resolve(0);
  const { now, rows } = planned;
  return sqlCount(tx, Prisma.sql`
    UPDATE sla_clocks c
    SET status = 'STOPPED', stopped_at = ${now}, stop_reason = r.reason, consumed_minutes = r.used, running_since = NULL, due_at = NULL,
        generation = c.generation + 1, updated_at = ${now}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(id uuid, reason text, used int)
    WHERE c.id = ANY(${rows.map((r) => r.id)}::uuid[]) AND c.id = r.id`);
}
