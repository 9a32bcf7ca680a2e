// SLA timers on a real pg-boss worker: a minute-long clock warns, breaches and escalates
// within 30 s of each due time; and a worker SIGKILLed in the middle of an escalation
// leaves the effect to happen exactly once after a new worker takes over.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { appendDecisions } from "@/lib/server/decision-log";
import { startWorker } from "@/lib/server/jobs/worker";
import { startClocks } from "@/lib/server/sla/start-clocks";
import { makeUser } from "./fixtures/users";
import { publishSlaPolicy, quickSlaPolicy } from "./fixtures/sla-policy";
import { spawnWorker, waitFor } from "./fixtures/worker-process";

let rep: { id: string };
let manager: { id: string };

async function startLeadClock(lead: string): Promise<string> {
  return db().$transaction(async (tx) => {
    const { clocks, decisions } = await startClocks(tx, [{ kind: "LEAD_FIRST_TOUCH", subjectType: "LEAD", subjectId: lead, ownerId: rep.id, teamId: null, region: null, reason: "test lead assigned" }]);
    await appendDecisions(tx, decisions);
    return clocks[0]!.id;
  });
}

const events = (clockId: string) => db().slaClockEvent.findMany({ where: { clockId }, orderBy: { id: "asc" } });

describe("SLA timers on a real worker", () => {
  beforeAll(async () => {
    const revops = await makeUser("REVOPS");
    manager = await makeUser("SALES_MANAGER");
    rep = await makeUser("REP");
    await db().user.update({ where: { id: rep.id }, data: { managerId: manager.id } });
    await publishSlaPolicy(revops, quickSlaPolicy());
  });

  it("fires the warning, the breach and level 1 within 30 s of their due times", { timeout: 150_000 }, async () => {
    const worker = await startWorker({ databaseUrl: process.env.DATABASE_URL!, log: () => {} });
    try {
      const lead = randomUUID();
      const clockId = await startLeadClock(lead);
      const clock = await db().slaClock.findUniqueOrThrow({ where: { id: clockId } });
      const fired = await waitFor("breach and level 1", async () => ((await events(clockId)).length >= 3 ? events(clockId) : null), 120_000, 500);
      const due: Record<string, number> = { "WARNING:1": 30_000, "BREACH:0": 60_000, "ESCALATION:1": 60_000 };
      for (const e of fired) {
        const lag = e.firedAt.getTime() - clock.startedAt.getTime() - due[`${e.type}:${e.level}`]!;
        expect(lag, `${e.type}:${e.level} lag`).toBeGreaterThanOrEqual(0);
        expect(lag, `${e.type}:${e.level} lag`).toBeLessThan(30_000);
      }
      const inbox = await db().notification.findMany({ where: { userId: manager.id, link: `/leads/${lead}` } });
      expect(inbox.map((n) => n.kind)).toEqual(["sla.escalated"]);
    } finally {
      await worker.stop();
    }
  });

  it("does an escalation exactly once when the worker is SIGKILLed in the middle of it", { timeout: 180_000 }, async () => {
    const lead = randomUUID();
    const clockId = await startLeadClock(lead);
    // Hold the clock's row lock in an open transaction that also moves the clock 3 minutes
    // into the past: the worker's job will lock the row and wait, mid-job, until we let go.
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    await blocker.query("BEGIN");
    await blocker.query(
      "UPDATE sla_clocks SET started_at = started_at - interval '3 minutes', running_since = running_since - interval '3 minutes', due_at = due_at - interval '3 minutes' WHERE id = $1",
      [clockId],
    );
    await db().$executeRaw`UPDATE pgboss.job SET start_after = now() WHERE name = 'sla.timer' AND data->>'clockId' = ${clockId}`;

    const first = await spawnWorker(process.env.DATABASE_URL!);
    let second: Awaited<ReturnType<typeof spawnWorker>> | undefined;
    try {
      // The job is active and its transaction waits for the row lock: kill the worker now.
      await waitFor("the timer job to be taken", async () => {
        const rows = await db().$queryRaw<{ state: string }[]>`SELECT state::text FROM pgboss.job WHERE name = 'sla.timer' AND data->>'clockId' = ${clockId}`;
        return rows.some((r) => r.state === "active");
      }, 30_000);
      await waitFor("the worker to wait on the clock's lock", async () => {
        const rows = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`;
        return rows[0]!.n > 0;
      }, 30_000);
      await first.kill("SIGKILL");
      await blocker.query("COMMIT");
      expect(await events(clockId)).toEqual([]);

      // A new worker re-runs the job once pg-boss sees it expired (30 s) and retries it.
      second = await spawnWorker(process.env.DATABASE_URL!);
      await waitFor("level 2", async () => (await events(clockId)).some((e) => e.type === "ESCALATION" && e.level === 2), 150_000, 1_000);
      // Give any duplicate delivery time to run, then count every effect.
      await new Promise((r) => setTimeout(r, 3_000));
      const fired = await events(clockId);
      expect(fired.map((e) => `${e.type}:${e.level}`)).toEqual(["WARNING:1", "BREACH:0", "ESCALATION:1", "ESCALATION:2"]);
      const inbox = await db().notification.findMany({ where: { link: `/leads/${lead}` } });
      expect(inbox.filter((n) => n.userId === rep.id).map((n) => n.kind).sort()).toEqual(["sla.breached", "sla.escalated", "sla.warning"]);
      expect(inbox.filter((n) => n.userId === manager.id).map((n) => n.kind)).toEqual(["sla.escalated"]);
      const log = await db().decisionLog.findMany({ where: { subjectId: lead }, orderBy: { id: "asc" } });
      expect(log.map((d) => d.kind)).toEqual(["sla.clock_started", "sla.warning", "sla.breached", "sla.escalated", "sla.escalated"]);
    } finally {
      await first.kill("SIGKILL");
      await second?.kill("SIGTERM");
      await blocker.end().catch(() => undefined);
    }
  });
});
