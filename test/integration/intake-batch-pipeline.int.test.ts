import pg from "pg";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/seed";
import { intakeLead } from "@/lib/server/commands/intake/intake-lead";
import { intakeBatch } from "@/lib/server/commands/leads/intake-batch";
import { db } from "@/lib/server/db";
import { verifyDecisionLog } from "@/lib/server/decision-log";
import { testDatabaseUrl } from "./support/database";
import { makeReps, ownerCounts, publishPoolMatrix } from "./support/routing";

// Batch intake's pipeline of chunks (ADR 0026): two chunks in flight, items claimed without
// waiting and deferred when someone holds them, owners picked from the previous chunk's pools
// and confirmed under the pools' lock just before commit. Small chunks put a batch's items in
// different chunks in flight at once; a second connection plays "another process".
let actor: { id: string; role: "REVOPS"; name: string };
let fallbackTeamId: string;
const other: pg.Client[] = [];

/** A connection of its own, in a transaction: another process holding locks the batch needs. */
async function anotherProcess(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  other.push(client);
  await client.query("BEGIN");
  return client;
}

/**
 * Waits until a session of this file's database waits for a lock, with its statement matching
 * `like`. Only this database: other test files run on the same server at the same time, and
 * intake-placement-race waits on routing_pools too — counting its waiter let the holder commit
 * before the batch had read the pool, and the chunk had nothing to redo.
 */
async function untilSomeoneWaits(like: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const [row] = await db().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE ${like} AND pid <> pg_backend_pid()`;
    if (row!.n > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`nobody waited for a lock on a statement like ${like}`);
}

/** Every lead has an owner from the pool, and the pool's counters and the log count each pick once. */
async function expectEachLeadPickedOnce(poolId: string, leadIds: string[]): Promise<void> {
  const counts = await ownerCounts(leadIds);
  expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(leadIds.length);
  expect(counts.has("none")).toBe(false);
  const members = await db().routingPoolMember.findMany({ where: { poolId } });
  expect(members.reduce((a, m) => a + m.assignedTotal, 0)).toBe(leadIds.length);
  expect(await db().decisionLog.count({ where: { kind: "lead.routed", subjectId: { in: leadIds } } })).toBe(leadIds.length);
}

describe("batch intake's pipeline of chunks", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    await db().$executeRaw`UPDATE users SET working_hours = '{}'::jsonb`;
    const revops = await db().user.findUniqueOrThrow({ where: { email: "revops@arbiter.demo" }, select: { id: true, name: true } });
    actor = { ...revops, role: "REVOPS" };
    fallbackTeamId = (await db().team.findFirstOrThrow()).id;
  });

  afterEach(async () => {
    for (const client of other.splice(0)) await client.end().catch(() => {});
  });

  it("merges one person's items in the order sent, named by e-mail or by external id, across chunks in flight at once", async () => {
    const stored = await intakeLead({ actor: null, raw: { email: "one@order.example", externalId: "order-1", title: "Before" }, channel: "API" });
    // Every third item is someone else; the rest name the stored lead, alternately by its two identities.
    const leads = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0 ? { email: `filler-${i}@order.example` } : i % 3 === 1 ? { email: "one@order.example", title: `T${i}` } : { externalId: "order-1", title: `T${i}` },
    );
    const chunks: number[] = [];
    const res = await intakeBatch({ actor, leads, channel: "API", chunkSize: 4, onChunk: ({ size }) => chunks.push(size) });

    expect(res.summary).toEqual({ created: 10, updated: 20, invalid: 0 });
    const person = res.results.filter((r) => r.index % 3 !== 0);
    expect(new Set(person.map((r) => r.leadId))).toEqual(new Set([stored.leadId]));
    // Items held by the chunk in flight were deferred: more chunks than 30 / 4, each item once.
    expect(chunks.length).toBeGreaterThan(8);
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(30);

    // The merges happened in the order sent: the log's merge entries, in id order, carry the titles in order, and the last one won.
    const merges = await db().decisionLog.findMany({ where: { subjectId: stored.leadId, kind: "lead.merged" }, orderBy: { id: "asc" } });
    const sentTitles = leads.flatMap((l) => ("title" in l ? [l.title] : []));
    expect(merges.map((m) => (m.input as { lead: { title: string } }).lead.title)).toEqual(sentTitles);
    expect((await db().lead.findUniqueOrThrow({ where: { id: stored.leadId } })).title).toBe("T29");
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("defers an item whose identity another process holds, with every later item of that person, and runs them once it lets go", async () => {
    const holder = await anotherProcess();
    await holder.query("SELECT pg_advisory_xact_lock(hashtext('lead:email:held@pipe.example'))");
    const leads = [
      { email: "free-1@pipe.example" },
      { email: "held@pipe.example", title: "First" },
      { email: "free-2@pipe.example" },
      { email: "held@pipe.example", title: "Second" },
      { email: "free-3@pipe.example" },
    ];
    const batch = intakeBatch({ actor, leads, channel: "API", chunkSize: 2 });
    // The free items before them commit; once a chunk has only held items left, it waits for the
    // other process's lock the blocking way (rather than spinning), and the rest follow.
    await untilSomeoneWaits("%pg_advisory_xact_lock%");
    expect(await db().lead.count({ where: { email: { in: ["free-1@pipe.example", "free-2@pipe.example"] } } })).toBe(2);
    expect(await db().lead.count({ where: { email: "held@pipe.example" } })).toBe(0);
    await holder.query("COMMIT");

    const res = await batch;
    expect(res.results.map((r) => r.status)).toEqual(["created", "created", "created", "updated", "created"]);
    const held = await db().lead.findFirstOrThrow({ where: { email: "held@pipe.example" } });
    expect(held.title).toBe("Second");
    expect(res.results[1]!.leadId).toBe(held.id);
    expect(res.results[3]!.leadId).toBe(held.id);
    const merged = await db().decisionLog.findMany({ where: { subjectId: held.id, kind: { in: ["lead.created", "lead.merged"] } }, orderBy: { id: "asc" } });
    expect(merged.map((d) => d.kind)).toEqual(["lead.created", "lead.merged"]);
    expect(await db().lead.count({ where: { email: "free-3@pipe.example" } })).toBe(1);
  });

  it("redoes a chunk whose pool another intake picked from between its picks and its commit, and double-assigns nobody", async () => {
    const reps = await makeReps(5, "PipeMoved");
    const pool = { id: "pipe-moved-5", name: "Pipeline moved five", members: reps.map((u) => ({ userId: u.id, weight: 1 })), requiredSkills: [], catchUpAfterAbsence: false };
    await publishPoolMatrix(pool, { actorId: actor.id, fallbackTeamId });
    const first = await intakeLead({ actor: null, raw: { email: "seed@pipe-moved.example" }, channel: "API" });
    // Another process holds the pool's row, and moves it on (as a pick would), while the batch picks from what it last saw.
    const holder = await anotherProcess();
    await holder.query("UPDATE routing_pools SET version = version + 1 WHERE pool_id = $1", [pool.id]);
    const redone: boolean[] = [];
    const batch = intakeBatch({ actor, channel: "API", chunkSize: 3, leads: Array.from({ length: 6 }, (_, i) => ({ email: `moved-${i}@pipe-moved.example` })), onChunk: (c) => redone.push(c.redone) });
    await untilSomeoneWaits("%routing_pools%");
    await holder.query("COMMIT");

    const res = await batch;
    expect(res.summary).toEqual({ created: 6, updated: 0, invalid: 0 });
    expect(redone).toContain(true); // the first chunk (the next one, too, if it picked before the first was redone)
    const leadIds = [first.leadId, ...res.results.map((r) => r.leadId!)];
    // The counters agree with the leads: 7 picks, each once.
    await expectEachLeadPickedOnce(pool.id, leadIds);
    expect((await db().routingPool.findUniqueOrThrow({ where: { poolId: pool.id } })).seq).toBe(7);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("lets the chunk after a redone one give its locks back, so another process waiting for them and holding the redo's cannot stall both until the timeout", async () => {
    const reps = await makeReps(5, "PipeYield");
    const pool = { id: "pipe-yield-5", name: "Pipeline yield five", members: reps.map((u) => ({ userId: u.id, weight: 1 })), requiredSkills: [], catchUpAfterAbsence: false };
    await publishPoolMatrix(pool, { actorId: actor.id, fallbackTeamId });
    const first = await intakeLead({ actor: null, raw: { email: "seed@pipe-yield.example" }, channel: "API" });
    const leads = Array.from({ length: 6 }, (_, i) => ({ email: `yield-${i}@pipe-yield.example` }));
    const inFirstChunk = "lead:email:yield-0@pipe-yield.example";
    const inSecondChunk = "lead:email:yield-3@pipe-yield.example";
    // Another process moves the pool under the first chunk's picks, so that chunk will be redone.
    const mover = await anotherProcess();
    await mover.query("UPDATE routing_pools SET version = version + 1 WHERE pool_id = $1", [pool.id]);
    const redone: boolean[] = [];
    const batch = intakeBatch({ actor, channel: "API", chunkSize: 3, leads, onChunk: (c) => redone.push(c.redone) });
    // The first chunk waits for the pool; the second has claimed its people and waits for the first.
    await untilSomeoneWaits("%routing_pools%");
    for (let i = 0; ; i++) {
      const [held] = await db().$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND objid = (hashtext(${inSecondChunk})::bigint & 4294967295)::oid`;
      if (held!.n > 0) break;
      if (i > 200) throw new Error("the second chunk never claimed its items");
      await new Promise((r) => setTimeout(r, 25));
    }
    // A third process queues for a person of the first chunk, then wants one of the second's.
    const third = await anotherProcess();
    const thirdLocks = third.query("SELECT pg_advisory_xact_lock(hashtext($1)), pg_advisory_xact_lock(hashtext($2))", [inFirstChunk, inSecondChunk]);
    await untilSomeoneWaits("%pg_advisory_xact_lock(hashtext($1))%");
    // The pool moves: the first chunk rolls back (the third process gets its person) and is redone,
    // waiting for that person. The second chunk must not wait for the redo holding its own people.
    await mover.query("COMMIT");
    const gotBoth = await Promise.race([thirdLocks.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 15_000))]);
    expect(gotBoth).toBe(true);
    await third.query("COMMIT");

    const res = await batch;
    expect(res.summary).toEqual({ created: 6, updated: 0, invalid: 0 });
    expect(redone.filter(Boolean).length).toBe(2); // the first chunk (its pool moved) and the second (it gave way)
    const leadIds = [first.leadId, ...res.results.map((r) => r.leadId!)];
    await expectEachLeadPickedOnce(pool.id, leadIds);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  }, 90_000);

  it("keeps pool fairness exact when pipelined batches of small chunks and single intakes share a pool", async () => {
    const reps = await makeReps(10, "PipeFair");
    const pool = { id: "pipe-fair-10", name: "Pipeline fair ten", members: reps.map((u) => ({ userId: u.id, weight: 1 })), requiredSkills: [], catchUpAfterAbsence: false };
    await publishPoolMatrix(pool, { actorId: actor.id, fallbackTeamId });
    const redone: boolean[] = [];
    const [batches, singles] = await Promise.all([
      Promise.all(
        Array.from({ length: 4 }, (_, b) =>
          intakeBatch({ actor, channel: "API", chunkSize: 7, leads: Array.from({ length: 60 }, (_, i) => ({ email: `pf-${b}-${i}@pipe-fair.example` })), onChunk: (c) => redone.push(c.redone) }),
        ),
      ),
      Promise.all(Array.from({ length: 10 }, (_, i) => intakeLead({ actor: null, raw: { email: `pf-single-${i}@pipe-fair.example` }, channel: "API" }))),
    ]);
    const leadIds = [...batches.flatMap((r) => r.results.map((x) => x.leadId!)), ...singles.map((s) => s.leadId)];
    expect(new Set(leadIds).size).toBe(250);
    const counts = await ownerCounts(leadIds);
    expect([...counts.keys()].sort()).toEqual(reps.map((r) => r.id).sort());
    expect([...counts.values()]).toEqual(Array(10).fill(25));
    const members = await db().routingPoolMember.findMany({ where: { poolId: pool.id } });
    expect(members.map((m) => m.assignedTotal)).toEqual(Array(10).fill(25));
    expect((await db().routingPool.findUniqueOrThrow({ where: { poolId: pool.id } })).seq).toBe(250);
    expect(await db().decisionLog.count({ where: { kind: "lead.routed", subjectId: { in: leadIds } } })).toBe(250);
    console.log(`[pipeline fairness] 4 batches in chunks of 7 + 10 singles: ${redone.length} chunks, ${redone.filter(Boolean).length} redone after their pool moved`);
    // The batches share one pipeline, so they chain their picks: only a single intake landing
    // between a chunk's picks and its commit makes chunks redo — at most the two in flight,
    // never a cascade through every later chunk.
    expect(redone.filter(Boolean).length).toBeLessThanOrEqual(2 * 10);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });
});
