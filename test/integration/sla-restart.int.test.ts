// Restart everything under running clocks: the app process drops its connections, the
// worker is killed, the database is stopped and started again — and every clock still
// warns, breaches and escalates, each effect once. This file runs its own embedded
// Postgres (the shared test server cannot be restarted under other files' feet).
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/cli/db/apply-migrations";
import { mkdirTraversable } from "@/lib/cli/pg/data-dir";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/cli/pg/embedded";
import { findFreePort } from "@/lib/cli/pg/port";
import { db } from "@/lib/server/db";
import { appendDecisions } from "@/lib/server/decision-log";
import { sender } from "@/lib/server/jobs/boss";
import { startClocks } from "@/lib/server/sla/start-clocks";
import { makeUser } from "./fixtures/users";
import { publishSlaPolicy, quickSlaPolicy } from "./fixtures/sla-policy";
import { spawnWorker, waitFor } from "./fixtures/worker-process";

const dir = path.join("/var/tmp", `arbiter-sla-restart-${process.pid}-${Date.now().toString(36)}`);
let server: EmbeddedPostgres;
let port: number;

async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe("SLA clocks across restarts", () => {
  beforeAll(async () => {
    mkdirTraversable(dir);
    port = await findFreePort();
    server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port, ephemeral: true });
    await applyMigrations(server.url);
    // Nothing has read the environment yet in this file: the app code now uses this server.
    process.env.DATABASE_URL = server.url;
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("loses no clock when the app, the worker and the database restart", { timeout: 240_000 }, async () => {
    const revops = await makeUser("REVOPS");
    const manager = await makeUser("SALES_MANAGER");
    const rep = await makeUser("REP");
    await db().user.update({ where: { id: rep.id }, data: { managerId: manager.id } });
    await publishSlaPolicy(revops, quickSlaPolicy());
    const leads = Array.from({ length: 5 }, () => crypto.randomUUID());
    const clockIds = await db().$transaction(async (tx) => {
      const { clocks, decisions } = await startClocks(
        tx,
        leads.map((id) => ({ kind: "LEAD_FIRST_TOUCH" as const, subjectType: "LEAD" as const, subjectId: id, ownerId: rep.id, teamId: null, region: null, reason: "assigned before the outage" })),
      );
      await appendDecisions(tx, decisions);
      return clocks.map((c) => c.id);
    });
    const first = await spawnWorker(server.url);

    // The outage: the app's pools close, the worker dies without warning, Postgres stops.
    await db().$disconnect();
    await (await sender()).stop({ graceful: false, wait: true });
    await first.kill("SIGKILL");
    await server.stop();
    await new Promise((r) => setTimeout(r, 1_000));
    server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port, ephemeral: true });

    const second = await spawnWorker(server.url);
    try {
      const done = await waitFor(
        "every clock to breach and escalate",
        async () => {
          const rows = await query<{ n: number }>("SELECT count(*)::int AS n FROM sla_clock_events WHERE type = 'ESCALATION' AND level = 1 AND clock_id = ANY($1::uuid[])", [clockIds]);
          return rows[0]!.n === clockIds.length;
        },
        150_000,
        1_000,
      );
      expect(done).toBe(true);
      await new Promise((r) => setTimeout(r, 2_000));
      const events = await query<{ clock_id: string; effects: string[] }>(
        "SELECT clock_id::text, array_agg(type || ':' || level ORDER BY id) AS effects FROM sla_clock_events WHERE clock_id = ANY($1::uuid[]) AND NOT (type = 'ESCALATION' AND level > 1) GROUP BY clock_id",
        [clockIds],
      );
      expect(events).toHaveLength(5);
      for (const e of events) expect(e.effects).toEqual(["WARNING:1", "BREACH:0", "ESCALATION:1"]);
      const inbox = await query<{ kind: string; n: number }>("SELECT kind, count(*)::int AS n FROM notifications WHERE user_id = $1 GROUP BY kind ORDER BY kind", [rep.id]);
      expect(inbox).toEqual([
        { kind: "sla.breached", n: 5 },
        { kind: "sla.escalated", n: 5 },
        { kind: "sla.warning", n: 5 },
      ]);
    } finally {
      await second.kill("SIGTERM");
    }
  });
});
