import "server-only";
import PgBoss from "pg-boss";
import { env } from "../env";
import { ensureQueue } from "./ensure-queue";
import type { QUEUE_OPTIONS } from "./queue-options";

// The app process only sends jobs; workers run them. One lazily started sender per process.
const globalForBoss = globalThis as unknown as { arbiterBoss?: Promise<PgBoss> };

export function sender(): Promise<PgBoss> {
  globalForBoss.arbiterBoss ??= (async () => {
    const boss = new PgBoss({ connectionString: env().DATABASE_URL, supervise: false, schedule: false, max: 2, application_name: "arbiter-app" });
    boss.on("error", (error) => console.error("[jobs] pg-boss error", error));
    await boss.start();
    return boss;
  })();
  return globalForBoss.arbiterBoss;
}

/** Sends a job after the caller's transaction committed; creates the queue on first use. */
export async function enqueue(queue: keyof typeof QUEUE_OPTIONS, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
  const boss = await sender();
  await ensureQueue(boss, queue);
  return boss.send(queue, data, options);
}

/** Stops this process's sender, if one was started (scripts and benchmarks, before their database goes away). */
export async function stopSender(): Promise<void> {
  const started = globalForBoss.arbiterBoss;
  if (!started) return;
  globalForBoss.arbiterBoss = undefined;
  await (await started).stop({ graceful: false, wait: true });
}
