import "server-only";
import type PgBoss from "pg-boss";
import { QUEUE_OPTIONS } from "./queue-options";

// Creating a pg-boss queue (its create_queue function) is not safe to run twice at once for the
// same name: one call inserts the queue's row, the other waits for that row while holding the
// lock the first needs to add the queue's partition, and Postgres ends one of them with
// "deadlock detected". Seen in bench:intake on a fresh database: two pipelined chunks both
// scheduled the first SLA timers, and one chunk of 465 leads rolled back.
// So, per process, one creation per queue is in flight and everyone awaits it; across processes
// (an app server and the worker starting together), a creation that lost a deadlock is tried
// again: create_queue does nothing for a queue that exists.

const DEADLOCK = "40P01";
const ATTEMPTS = 5;

type TQueueName = keyof typeof QUEUE_OPTIONS;
type TBoss = Pick<PgBoss, "createQueue">;

// Per pg-boss instance: a new instance (another database, in tests and scripts) checks again.
const ensured = new WeakMap<TBoss, Map<string, Promise<void>>>();

export function ensureQueue(boss: TBoss, name: TQueueName): Promise<void> {
  let ready = ensured.get(boss);
  if (!ready) ensured.set(boss, (ready = new Map()));
  let creating = ready.get(name);
  if (!creating) {
    const queues = ready;
    creating = createWithRetry(boss, name);
    queues.set(name, creating);
    // A failure is not remembered: the next caller tries again.
    creating.catch(() => queues.delete(name));
  }
  return creating;
}

async function createWithRetry(boss: TBoss, name: TQueueName): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(name, QUEUE_OPTIONS[name]);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK || attempt >= ATTEMPTS) throw error;
      // The winner commits within moments of the deadlock's resolution; give it that moment.
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}
