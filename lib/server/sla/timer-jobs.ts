import "server-only";
import { createHash } from "node:crypto";
import { sender } from "../jobs/boss";
import { ensureQueue } from "../jobs/ensure-queue";
import type PgBoss from "pg-boss";
import { bulkQuery, queryRows, type TBulkQuery, type TSqlTx } from "../transaction-connection";

// Timer jobs are pg-boss jobs written through the caller's transaction (pg-boss's `db`
// option), so a clock and its timer commit or roll back together (ADR 0009).

export const TIMER_QUEUE = "sla.timer" as const;

export type TTimerJobData = { clockId: string; generation: number };
export type TTimer = TTimerJobData & { fireAt: Date; milestone: string };

/**
 * The job id is derived from what the timer is for (clock, generation, milestone, time), so a
 * handler that runs twice (a worker killed after its commit) schedules the same job twice and
 * pg-boss's ON CONFLICT DO NOTHING keeps one.
 */
export function timerJobId(t: TTimer): string {
  const h = createHash("sha256").update(`${t.clockId}:${t.generation}:${t.milestone}:${t.fireAt.getTime()}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * pg-boss silently drops jobs of an unknown queue, so the queue must exist first. Its creation
 * goes through pg-boss's own connection, once per process (ensureQueue: concurrent first
 * intakes would otherwise deadlock creating it).
 */
async function ensureTimerQueue(): Promise<void> {
  await ensureQueue(await sender(), TIMER_QUEUE);
}

/** Inserts the timers' jobs inside the caller's transaction (one statement for all of them). */
export async function scheduleTimers(tx: TSqlTx, timers: readonly TTimer[]): Promise<void> {
  if (timers.length === 0) return;
  const boss = await timerSender();
  await sendTimers(tx, boss, timers, await bulkQuery(tx));
}

/** pg-boss's sender, once the timer queue exists: what sendTimers needs, for a caller that prepares its flight (ADR 0029). */
export async function timerSender(): Promise<PgBoss> {
  await ensureTimerQueue();
  return sender();
}

/**
 * Inserts the timers' jobs through pg-boss's own statement, on the caller's transaction: the
 * statement is sent before this returns (pg-boss's insert sends it before its first wait, which
 * is checked), so a transaction's last flight may carry it.
 */
export function sendTimers(tx: TSqlTx, boss: PgBoss, timers: readonly TTimer[], bulk: TBulkQuery | null): Promise<void> {
  if (timers.length === 0) return Promise.resolve();
  let sent = false;
  const executeSql = async (text: string, values: unknown[] = []) => {
    const args = values.map((v) => (v === undefined ? null : v));
    const rows = queryRows<{ id: string }>(tx, bulk, text, args);
    sent = true;
    return { rows: await rows };
  };
  const inserted = boss.insert(
    timers.map((t) => ({
      id: timerJobId(t),
      name: TIMER_QUEUE,
      data: { clockId: t.clockId, generation: t.generation } satisfies TTimerJobData,
      startAfter: t.fireAt,
    })),
    { db: { executeSql } },
  );
  if (!sent) {
    inserted.catch(() => {});
    throw new Error("pg-boss did not send its insert at once: the timers cannot ride in the transaction's last flight.");
  }
  return inserted.then(() => undefined);
}
