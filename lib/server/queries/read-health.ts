import "server-only";
import { db } from "../db";

// A worker beats every few seconds; a beat older than this means no worker is running.
const WORKER_STALE_SECONDS = 60;

export async function readHealth() {
  const started = performance.now();
  try {
    const [row] = await db().$queryRaw<{ last_beat: Date | null; workers: number }[]>`
      SELECT max(beat_at) AS last_beat,
             count(*) FILTER (WHERE beat_at > now() - make_interval(secs => ${WORKER_STALE_SECONDS}))::int AS workers
      FROM worker_heartbeats`;
    const latencyMs = Math.round(performance.now() - started);
    const workersAlive = row?.workers ?? 0;
    return {
      status: workersAlive > 0 ? ("ok" as const) : ("degraded" as const),
      database: { ok: true, latencyMs },
      worker: { ok: workersAlive > 0, alive: workersAlive, lastBeatAt: row?.last_beat ?? null },
    };
  } catch (error) {
    return {
      status: "down" as const,
      database: { ok: false, error: error instanceof Error ? error.message.split("\n")[0] : "unreachable" },
      worker: { ok: false, alive: 0, lastBeatAt: null },
    };
  }
}
