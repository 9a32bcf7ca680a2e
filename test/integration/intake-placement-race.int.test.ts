// Single-lead intake picks from a pool on the pool's committed state, writes what follows from
// the pick, and only then locks the pool to confirm nobody picked meanwhile (place-lead.ts,
// ADR 0019). This file forces the "somebody did" case: a second transaction holds the pool's
// row while the intake waits for it, and commits a pick of its own that changes who is next.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/seed";
import { intakeLead } from "@/lib/server/commands/intake/intake-lead";
import { db } from "@/lib/server/db";
import { verifyDecisionLog } from "@/lib/server/decision-log";
import { lockPoolStates, readPoolStatesToConfirm } from "@/lib/server/routing/pool-state-store";
import { superuserQuery, testDatabaseUrl } from "./support/database";
import { makeReps, publishPoolMatrix } from "./support/routing";

let actorId: string;
let fallbackTeamId: string;

async function waitUntil(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 800; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting until ${what}`);
}

// Only this file's database: other test files run on the same server at the same time.
const waitingForPoolLock = async () =>
  (await superuserQuery<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO routing_pools%'")).rows[0]!.n === 1;

describe("single-lead placement when another pick lands between the read and the lock", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    actorId = (await db().user.findUniqueOrThrow({ where: { email: "revops@arbiter.demo" } })).id;
    fallbackTeamId = (await db().team.findFirstOrThrow()).id;
  });

  it("throws the first pick away and places the lead again under the lock: one owner, one inbox item, one clock, one routed entry", async () => {
    const [a, b] = await makeReps(2, "Race");
    await publishPoolMatrix({ id: "race-2", name: "Race two", members: [a!, b!].map((u) => ({ userId: u.id, weight: 1 })), requiredSkills: [], catchUpAfterAbsence: false }, { actorId, fallbackTeamId });
    const first = await intakeLead({ actor: null, raw: { email: "first@race.example" }, channel: "API" });
    const [next, other] = first.ownerId === a!.id ? [b!, a!] : [a!, b!]; // round robin: the other member is next
    const before = await db().routingPool.findUniqueOrThrow({ where: { poolId: "race-2" } });

    const holder = new pg.Client({ connectionString: testDatabaseUrl() });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM routing_pools WHERE pool_id = 'race-2' FOR UPDATE");
      const pending = intakeLead({ actor: null, raw: { email: "second@race.example" }, channel: "API" });
      // Once the intake waits for the pool's lock it has picked `next` and written the inbox item and clock for them.
      await waitUntil(waitingForPoolLock, "the intake waits for the pool's lock");
      // Meanwhile a pick commits that leaves `next` far behind `other` in what each is owed.
      await holder.query("UPDATE routing_pools SET version = version + 1 WHERE pool_id = 'race-2'");
      await holder.query("UPDATE routing_pool_members SET lag = lag - 10 WHERE pool_id = 'race-2' AND user_id = $1", [next.id]);
      await holder.query("COMMIT");
      const second = await pending;

      expect(second.ownerId).toBe(other.id);
      const after = await db().routingPool.findUniqueOrThrow({ where: { poolId: "race-2" } });
      expect(after.version).toBe(before.version + 2); // the other pick, then this one on top of it
      expect(after.seq).toBe(before.seq + 1);
      const notified = await db().notification.findMany({ where: { link: `/leads/${second.leadId}` } });
      expect(notified.map((n) => n.userId)).toEqual([other.id]);
      const clocks = await db().slaClock.findMany({ where: { subjectId: second.leadId } });
      expect(clocks.map((c) => c.ownerId)).toEqual(clocks.map(() => other.id));
      expect(clocks.length).toBeGreaterThan(0);
      expect(new Set(clocks.map((c) => c.kind)).size).toBe(clocks.length);
      const routed = await db().decisionLog.findMany({ where: { subjectId: second.leadId, kind: "lead.routed" } });
      expect(routed).toHaveLength(1);
      expect(routed[0]!.output).toMatchObject({ ownerId: other.id });
      expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
    } finally {
      await holder.end();
    }
  }, 60_000);

  it("keeps the first pick when the pool did not move: one pick, version + 1", async () => {
    const before = await db().routingPool.findUniqueOrThrow({ where: { poolId: "race-2" } });
    const lead = await intakeLead({ actor: null, raw: { email: "third@race.example" }, channel: "API" });
    const after = await db().routingPool.findUniqueOrThrow({ where: { poolId: "race-2" } });
    expect(lead.ownerId).not.toBeNull();
    expect(after).toMatchObject({ version: before.version + 1, seq: before.seq + 1 });
    expect(await db().notification.count({ where: { link: `/leads/${lead.leadId}` } })).toBe(1);
  });

  it("reads, unlocked, exactly the state the lock would give (members' counters and keys included), and a fresh state for an unknown pool", async () => {
    await db().$transaction(async (tx) => {
      const read = await readPoolStatesToConfirm(tx, ["race-2", "never-used"]);
      const locked = await lockPoolStates(tx, ["race-2", "never-used"]);
      expect(Object.keys(read["race-2"]!.members)).toHaveLength(2);
      expect(read).toEqual(locked);
      expect(read["never-used"]).toEqual({ poolId: "never-used", version: 0, seq: 0, members: {} });
    });
  });
});
