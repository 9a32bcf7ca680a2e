import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/seed";
import { intakeLead } from "@/lib/server/commands/intake/intake-lead";
import { db } from "@/lib/server/db";
import { verifyDecisionLog } from "@/lib/server/decision-log";
import { makeReps, ownerCounts, publishPoolMatrix } from "./support/routing";

// Round-robin fairness through the real intake command against Postgres: many parallel
// clients, one pool, state in routing_pools / routing_pool_members.
let actorId: string;
let fallbackTeamId: string;

/** `clients` concurrent clients, each sending its `perClient` leads one after the other. */
async function sendConcurrently(tag: string, clients: number, perClient: number, now?: Date): Promise<string[]> {
  const perClientIds = await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const ids: string[] = [];
      for (let i = 0; i < perClient; i++) {
        const r = await intakeLead({ actor: null, raw: { email: `${tag}-${c}-${i}@fairness.example`, firstName: `L${c}-${i}` }, channel: "API", ...(now ? { now } : {}) });
        ids.push(r.leadId);
      }
      return ids;
    }),
  );
  return perClientIds.flat();
}

async function sendInOrder(tag: string, count: number, now: Date): Promise<{ leadId: string; ownerId: string | null; explanation: string[] }[]> {
  const out = [];
  for (let i = 0; i < count; i++) out.push(await intakeLead({ actor: null, raw: { email: `${tag}-${i}@fairness.example` }, channel: "API", now }));
  return out;
}

describe("round-robin fairness under concurrent intake", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    actorId = (await db().user.findUniqueOrThrow({ where: { email: "revops@arbiter.demo" } })).id;
    fallbackTeamId = (await db().team.findFirstOrThrow()).id;
  });

  let equalPool: { id: string; name: string }[] = [];

  it("assigns 1,000 leads from 100 parallel clients to a 10-member pool exactly once each, spread ≤ 1", async () => {
    equalPool = await makeReps(10, "Equal");
    await publishPoolMatrix({ id: "fair-10", name: "Fair ten", members: equalPool.map((u) => ({ userId: u.id, weight: 1 })), requiredSkills: [], catchUpAfterAbsence: false }, { actorId, fallbackTeamId });

    const t0 = performance.now();
    const leadIds = await sendConcurrently("eq", 100, 10);
    const ms = performance.now() - t0;

    expect(new Set(leadIds).size).toBe(1000);
    const counts = await ownerCounts(leadIds);
    expect([...counts.keys()].sort()).toEqual(equalPool.map((u) => u.id).sort());
    const values = [...counts.values()];
    const spread = Math.max(...values) - Math.min(...values);
    console.log(`[fairness] 1,000 leads / 100 clients / 10 members in ${Math.round(ms)} ms (${(1000 / (ms / 1000)).toFixed(0)} leads/s); counts ${values.join(",")}; spread ${spread}`);
    expect(spread).toBeLessThanOrEqual(1);

    const routed = await db().decisionLog.groupBy({ by: ["subjectId"], where: { kind: "lead.routed", subjectId: { in: leadIds } }, _count: { _all: true } });
    expect(routed).toHaveLength(1000);
    expect(routed.every((r) => r._count._all === 1)).toBe(true);
    const pool = await db().routingPool.findUniqueOrThrow({ where: { poolId: "fair-10" } });
    expect(pool.seq).toBe(1000);
    const members = await db().routingPoolMember.findMany({ where: { poolId: "fair-10" } });
    expect(members.reduce((sum, m) => sum + m.assignedTotal, 0)).toBe(1000);
    expect(members.every((m) => Math.abs(m.lag) < 1)).toBe(true);
  }, 180_000);

  it("respects weights 1:2:2 under concurrency, each member within one lead of its share", async () => {
    const [a, b, c] = await makeReps(3, "Weighted");
    const weights = new Map([[a!.id, 1], [b!.id, 2], [c!.id, 2]]);
    await publishPoolMatrix({ id: "weighted", name: "Weighted", members: [...weights].map(([userId, weight]) => ({ userId, weight })), requiredSkills: [], catchUpAfterAbsence: false }, { actorId, fallbackTeamId });
    const leadIds = await sendConcurrently("w", 50, 10);
    const counts = await ownerCounts(leadIds);
    for (const [userId, weight] of weights) expect(Math.abs((counts.get(userId) ?? 0) - (500 * weight) / 5)).toBeLessThan(1);
  }, 120_000);

  it("keeps the standings when a new version removes a member from the same pool", async () => {
    const before = await db().routingPoolMember.findMany({ where: { poolId: "fair-10" }, orderBy: { userId: "asc" } });
    const [removed, ...kept] = equalPool;
    await publishPoolMatrix({ id: "fair-10", name: "Fair nine", members: kept.map((u) => ({ userId: u.id, weight: 1 })), requiredSkills: [], catchUpAfterAbsence: false }, { actorId, fallbackTeamId });
    // Publishing does not touch the state.
    expect(await db().routingPoolMember.findMany({ where: { poolId: "fair-10" }, orderBy: { userId: "asc" } })).toEqual(before);

    const leadIds = await sendConcurrently("nine", 30, 3);
    const counts = await ownerCounts(leadIds);
    expect(counts.has(removed!.id)).toBe(false);
    const after = new Map((await db().routingPoolMember.findMany({ where: { poolId: "fair-10" } })).map((m) => [m.userId, m.assignedTotal]));
    expect(after.get(removed!.id)).toBe(100);
    // Counters continued from 100 (not reset to 0): 90 leads over nine members.
    const totals = kept.map((u) => after.get(u.id)!);
    expect(totals.reduce((s, n) => s + n, 0)).toBe(900 + 90);
    expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(1);
  }, 60_000);

  it("skips a member on PTO with the reason, and gives no catch-up flood on return", async () => {
    const [ana, ben, cem] = await makeReps(3, "Pto");
    const start = new Date("2031-03-03T09:00:00Z");
    const end = new Date("2031-03-10T09:00:00Z");
    await db().absence.create({ data: { userId: ana!.id, startsAt: start, endsAt: end, reason: "PTO" } });
    await publishPoolMatrix({ id: "pto", name: "PTO pool", members: [ana!, ben!, cem!].map((u) => ({ userId: u.id, weight: 1 })), requiredSkills: [], catchUpAfterAbsence: false }, { actorId, fallbackTeamId });

    const during = await sendInOrder("pto-away", 12, new Date("2031-03-05T12:00:00Z"));
    expect(during.every((r) => r.ownerId !== ana!.id)).toBe(true);
    const decision = await db().decisionLog.findFirstOrThrow({ where: { kind: "lead.routed", subjectId: during[0]!.leadId } });
    expect((decision.reasons as string[]).join(" ")).toMatch(/Pto 0 skipped, on PTO/);
    expect(decision.output).toMatchObject({ skipped: [expect.objectContaining({ userId: ana!.id, reason: "ON_PTO" })] });

    const back = await sendInOrder("pto-back", 12, new Date("2031-03-11T12:00:00Z"));
    const anaFirstSix = back.slice(0, 6).filter((r) => r.ownerId === ana!.id).length;
    expect(anaFirstSix).toBeLessThanOrEqual(2);
    expect(back.filter((r) => r.ownerId === ana!.id)).toHaveLength(4);
  }, 60_000);

  it("lets a pool with catchUpAfterAbsence give the returning member the leads they missed first", async () => {
    const [ida, jon, kai] = await makeReps(3, "Catch");
    await db().absence.create({ data: { userId: ida!.id, startsAt: new Date("2031-04-01T00:00:00Z"), endsAt: new Date("2031-04-08T00:00:00Z") } });
    await publishPoolMatrix({ id: "catch-up", name: "Catch-up pool", members: [ida!, jon!, kai!].map((u) => ({ userId: u.id, weight: 1 })), requiredSkills: [], catchUpAfterAbsence: true }, { actorId, fallbackTeamId });
    await sendInOrder("catch-away", 12, new Date("2031-04-03T12:00:00Z"));
    const back = await sendInOrder("catch-back", 4, new Date("2031-04-09T12:00:00Z"));
    expect(back.map((r) => r.ownerId)).toEqual([ida!.id, ida!.id, ida!.id, ida!.id]);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  }, 60_000);
});
