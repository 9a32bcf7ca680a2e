import "server-only";
import os from "node:os";
import { randomUUID } from "node:crypto";
import PgBoss from "pg-boss";
import { db } from "../db";
import { startDecisionLogSealer } from "../decision-log";
import { startOutboxPoller } from "../email/outbox-poller";
import { ensureQueue } from "./ensure-queue";
import { QUEUES } from "./queues";

const HEARTBEAT_MS = 5_000;

export type TWorker = { id: string; stop: () => Promise<void> };

/**
 * Starts pg-boss on the app's Postgres, registers every queue and its schedule, and beats a
 * heartbeat row that /api/health reads. stop() lets running jobs finish (up to 20 s).
 */
export async function startWorker(options: { databaseUrl: string; log?: (m: string) => void }): Promise<TWorker> {
  const log = options.log ?? ((m: string) => console.log(`[worker] ${m}`));
  // Maintenance every 10 s (default 2 min): it is what re-queues the job of a worker that died mid-job.
  const boss = new PgBoss({ connectionString: options.databaseUrl, application_name: "arbiter-worker", maintenanceIntervalSeconds: 10 });
  boss.on("error", (error) => console.error("[worker] pg-boss error", error));
  await boss.start();
  for (const queue of QUEUES) {
    await ensureQueue(boss, queue.name);
    await boss.work(queue.name, queue.work ?? {}, async (jobs) => queue.handler(jobs.map((j) => ({ id: j.id, data: j.data }))));
    if (queue.cron) await boss.schedule(queue.name, queue.cron, {}, { tz: "UTC" });
  }

  const outbox = startOutboxPoller(boss);
  // Links committed decision-log entries into the hash chain within a fraction of a second (ADR 0023).
  const sealer = startDecisionLogSealer(db(), { onError: (error) => console.error("[worker] decision-log sealing failed", error) });

  const id = randomUUID();
  const startedAt = new Date();
  const beat = () =>
    db()
      .workerHeartbeat.upsert({
        where: { id },
        create: { id, host: os.hostname(), pid: process.pid, startedAt, beatAt: new Date() },
        update: { beatAt: new Date() },
      })
      .catch((error: unknown) => console.error("[worker] heartbeat failed", error));
  await beat();
  const timer = setInterval(beat, HEARTBEAT_MS);
  log(`started (${QUEUES.length} queue${QUEUES.length === 1 ? "" : "s"}), heartbeat every ${HEARTBEAT_MS / 1000}s`);

  return {
    id,
    async stop() {
      clearInterval(timer);
      await boss.stop({ graceful: true, timeout: 20_000, wait: true });
      outbox.stop(); // after running jobs finished: it closes their SMTP connections
      await sealer.stop();
      await db().workerHeartbeat.deleteMany({ where: { id } }).catch(() => undefined);
      log("stopped");
    },
  };
}
