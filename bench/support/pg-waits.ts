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
