import "server-only";
import type { Db } from "../db";

// Links committed log entries into the hash chain (ADR 0023). The work is one call of the
// database function arbiter_decision_log_seal (migration 20261122024325): it takes the chain's
// advisory lock, reads the pending entries committed before the grant, hashes and links them
// and removes them from the queue, in one round trip and one transaction. One sealer holds the
// chain at a time, whichever process it runs in.

const BATCH = 20_000;

/**
 * Seals what is committed now. With `wait`, waits for a sealer running elsewhere and keeps
 * going until the queue is empty (verification, tests, benchmarks); without, gives up at once
 * when another sealer holds the chain (the worker's loop: that sealer does the work). Returns
 * how many entries this call linked.
 */
export async function sealDecisionLog(client: Db, options: { wait?: boolean } = {}): Promise<number> {
  const wait = options.wait ?? true;
  let total = 0;
  for (;;) {
    const [row] = await client.$queryRaw<{ sealed: number }[]>`SELECT arbiter_decision_log_seal(${BATCH}::int, ${wait}::boolean) AS sealed`;
    const sealed = row?.sealed ?? 0;
    if (sealed < 0) return total;
    total += sealed;
    if (sealed < BATCH) return total;
  }
}

export type TSealer = { stop: () => Promise<void> };

/**
 * The background sealer: seals every `intervalMs` while the process runs (the worker starts
 * one; benchmarks start their own). Entries are thus chained well within a second of their
 * commit. A failed round is reported and retried at the next tick: the entries stay queued.
 */
export function startDecisionLogSealer(client: Db, options: { intervalMs?: number; onError?: (error: unknown) => void } = {}): TSealer {
  const intervalMs = options.intervalMs ?? 200;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = sealDecisionLog(client, { wait: false })
      .then(() => undefined)
      .catch((error: unknown) => (options.onError ?? ((e) => console.error("[decision-log] sealing failed", e)))(error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
