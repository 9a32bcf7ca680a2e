// Benchmark support (not product code): what the database's sessions are doing, sampled from
// pg_stat_activity on a connection of its own. Each sample counts every client session of the
// database once: running, waiting for a lock (and which statement waits), idle inside a
// transaction (the server waits for the application), or idle.
import pg from "pg";
import { statementLabel } from "./command-meter";

export async function sampleWaits(url: string, everyMs = 10) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await client.query<{ state: string | null; wait_event_type: string | null; wait_event: string | null; query: string }>(
        `SELECT state, wait_event_type, wait_event, query FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      samples++;
      for (const r of rows) {
        let key: string;
        if (r.state === "active") key = r.wait_event_type ? `active, waiting ${r.wait_event_type}:${r.wait_event}  (${statementLabel(r.query)})` : "active, running";
        else if (r.state === "idle in transaction") key = "idle in transaction (the server waits for the application)";
        else continue;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    /** Stops sampling; returns lines "average sessions in that state" (sessions × fraction of time). */
    async stop(top = 10): Promise<string[]> {
      stopped = true;
      await loop;
      await client.end();
      return [...counts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([key, n]) => `  ${(n / Math.max(1, samples)).toFixed(2).padStart(6)} sessions  ${key}`);
    },
  };
}

/**
 * Watches for transactions open longer than `afterMs` and prints, once per transaction, every
 * such session with what it waits for and who blocks it (pg_blocking_pids), and the application
 * name of each: how a cross-process wait that PostgreSQL cannot see as a deadlock (one side waits
 * inside the application) shows itself.
 */
export async function watchStuckTransactions(url: string, options: { afterMs?: number; everyMs?: number; log?: (line: string) => void } = {}) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const afterMs = options.afterMs ?? 10_000;
  const log = options.log ?? ((line: string) => console.log(line));
  const reported = new Set<string>();
  let stopped = false;
  let wake: (() => void) | null = null;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await client.query<{ pid: number; xact: string; state: string; wait: string | null; blockers: number[]; age_ms: number; query: string; app: string; client_port: number | null }>(
        `SELECT pid, xact_start::text AS xact, state, wait_event_type || ':' || wait_event AS wait, pg_blocking_pids(pid) AS blockers,
                (extract(epoch FROM clock_timestamp() - xact_start) * 1000)::int AS age_ms, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) AS query,
                application_name AS app, client_port
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL
         ORDER BY xact_start`,
      );
      const stuck = rows.filter((r) => r.age_ms >= afterMs && !reported.has(`${r.pid}@${r.xact}`));
      if (stuck.length > 0) {
        log(`[stuck transactions] ${new Date().toISOString().slice(11, 23)}: ${stuck.length} open ≥ ${afterMs / 1000} s; every open transaction now:`);
        for (const r of rows) {
          log(`  pid ${r.pid} (port ${r.client_port ?? "?"}) open ${(r.age_ms / 1000).toFixed(1)} s, ${r.state}${r.wait ? `, waiting ${r.wait}` : ""}${r.blockers.length ? `, blocked by ${r.blockers.join(", ")}` : ""}: ${r.query}`);
        }
        for (const r of stuck) reported.add(`${r.pid}@${r.xact}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => ((wake = null), resolve()), options.everyMs ?? 1000);
        wake = () => (clearTimeout(timer), resolve());
      });
    }
  })();
  return {
    /** Stops at once: the pause between two looks is cut short (it is not part of what a benchmark measures). */
    async stop(): Promise<void> {
      stopped = true;
      wake?.();
      await loop;
      await client.end();
    },
  };
}
