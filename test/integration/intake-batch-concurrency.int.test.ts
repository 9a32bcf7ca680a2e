import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/seed";
import { intakeLead } from "@/lib/server/commands/intake/intake-lead";
import { CHUNK_SIZE, intakeBatch } from "@/lib/server/commands/leads/intake-batch";
import { db } from "@/lib/server/db";
import { verifyDecisionLog } from "@/lib/server/decision-log";
import { createPolicyDraft } from "@/lib/server/commands/create-policy-draft";
import { publishPolicyVersion } from "@/lib/server/commands/publish-policy-version";
import { makeReps, ownerCounts, publishPoolMatrix } from "./support/routing";

// Batch intake against real Postgres under concurrency: identity locks shared with single
// intake, pool fairness across parallel chunks, and a chunk's all-or-nothing commit.
let actor: { id: string; role: "REVOPS"; name: string };
let fallbackTeamId: string;

describe("batch intake under concurrency and failure", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    const revops = await db().user.findUniqueOrThrow({ where: { email: "revops@arbiter.demo" }, select: { id: true, name: true } });
    actor = { ...revops, role: "REVOPS" };
    fallbackTeamId = (await db().team.findFirstOrThrow()).id;
  });

  it("makes one lead from 50 parallel submits of the same e-mail across the batch and single paths", async () => {
    const email = "race@batch-parallel.example";
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        if (i % 2 === 0) {
          const r = await intakeLead({ actor: null, raw: { email, title: `Title ${i}` }, channel: "API" });
          return { status: r.status, leadId: r.leadId };
        }
        // Each batch also carries leads of its own, before and after the shared one.
        const res = await intakeBatch({ actor, channel: "API", leads: [{ email: `before-${i}@batch-parallel.example` }, { email: email.toUpperCase(), title: `Title ${i}` }, { email: `after-${i}@batch-parallel.example` }] });
        expect(res.results.map((r) => r.status)).not.toContain("error");
        return { status: res.results[1]!.status, leadId: res.results[1]!.leadId };
      }),
    );
    expect(new Set(outcomes.map((o) => o.leadId)).size).toBe(1);
    expect(outcomes.filter((o) => o.status === "created")).toHaveLength(1);
    expect(await db().lead.count({ where: { email } })).toBe(1);
    expect(await db().lead.count({ where: { email: { endsWith: "@batch-parallel.example" } } })).toBe(51);
    const kinds = (await db().decisionLog.findMany({ where: { subjectId: outcomes[0]!.leadId }, select: { kind: true } })).map((d) => d.kind);
    expect(kinds.filter((k) => k === "lead.created")).toHaveLength(1);
    expect(kinds.filter((k) => k === "lead.merged")).toHaveLength(49);
    expect(kinds.filter((k) => k === "lead.routed")).toHaveLength(1);
  });

  it("two parallel batches naming one stored lead by its two identities do not both merge into it", async () => {
    // Sequentially, the first batch to commit changes the stored lead's identity (most recent
    // value wins), so the other one no longer matches it and creates a lead of its own. In parallel
    // they hold different identity locks; without a row lock both merged into the stored lead and
    // the later write undid the earlier one.
    const pairs = 25;
    const stored = await Promise.all(
      Array.from({ length: pairs }, (_, i) => intakeBatch({ actor, channel: "API", leads: [{ email: `pair-${i}@identity-race.example`, externalId: `old-${i}` }] })),
    );
    const storedIds = stored.map((r) => r.results[0]!.leadId!);
    await Promise.all(
      Array.from({ length: pairs }, (_, i) => [
        intakeBatch({ actor, channel: "API", leads: [{ email: `pair-${i}@identity-race.example`, externalId: `new-${i}`, title: "By e-mail" }] }),
        intakeBatch({ actor, channel: "API", leads: [{ email: `other-${i}@identity-race.example`, externalId: `old-${i}`, title: "By external id" }] }),
      ]).flat(),
    );
    for (let i = 0; i < pairs; i++) {
      const leads = await db().lead.findMany({ where: { OR: [{ id: storedIds[i] }, { email: { in: [`pair-${i}@identity-race.example`, `other-${i}@identity-race.example`] } }] } });
      // Either order ends with two leads; a lost update ends with one.
      expect(leads).toHaveLength(2);
      const merges = await db().decisionLog.count({ where: { subjectId: storedIds[i], kind: "lead.merged" } });
      expect(merges).toBe(1);
    }
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("the same holds for single intakes, and for a single intake racing a batch", async () => {
    const pairs = 60;
    const stored = await Promise.all(Array.from({ length: pairs }, (_, i) => intakeLead({ actor: null, raw: { email: `solo-${i}@identity-race.example`, externalId: `solo-old-${i}` }, channel: "API" })));
    await Promise.all(
      Array.from({ length: pairs }, (_, i) => [
        intakeLead({ actor: null, raw: { email: `solo-${i}@identity-race.example`, externalId: `solo-new-${i}` }, channel: "API" }),
        i % 2 === 0
          ? intakeLead({ actor: null, raw: { email: `solo-other-${i}@identity-race.example`, externalId: `solo-old-${i}` }, channel: "API" })
          : intakeBatch({ actor, channel: "API", leads: [{ email: `solo-other-${i}@identity-race.example`, externalId: `solo-old-${i}` }] }),
      ]).flat(),
    );
    for (let i = 0; i < pairs; i++) {
      const leads = await db().lead.findMany({ where: { OR: [{ id: stored[i]!.leadId }, { email: { in: [`solo-${i}@identity-race.example`, `solo-other-${i}@identity-race.example`] } }] } });
      // Either order ends with two leads; a lost update ends with one.
      expect(leads).toHaveLength(2);
      expect(await db().decisionLog.count({ where: { subjectId: stored[i]!.leadId, kind: "lead.merged" } })).toBe(1);
    }
  });

  it("keeps pool fairness exact when parallel batches and single intakes share a pool", async () => {
    const reps = await makeReps(10, "BatchFair");
    const pool = { id: "batch-fair-10", name: "Batch fair ten", members: reps.map((u) => ({ userId: u.id, weight: 1 })), requiredSkills: [], catchUpAfterAbsence: false };
    await publishPoolMatrix(pool, { actorId: actor.id, fallbackTeamId });

    // 8 batches of 120 leads (two chunks each, so chunks of one batch interleave with others)
    // and 40 single intakes, all at once: 1,000 leads into one 10-member pool.
    const batches = Array.from({ length: 8 }, (_, b) => Array.from({ length: 120 }, (_, i) => ({ email: `fair-${b}-${i}@batch-fair.example` })));
    const started = performance.now();
    const [batchResults, singles] = await Promise.all([
      Promise.all(batches.map((leads) => intakeBatch({ actor, leads, channel: "API" }))),
      Promise.all(Array.from({ length: 40 }, (_, i) => intakeLead({ actor: null, raw: { email: `fair-single-${i}@batch-fair.example` }, channel: "API" }))),
    ]);
    const ms = performance.now() - started;
    const leadIds = [...batchResults.flatMap((r) => r.results.map((x) => x.leadId!)), ...singles.map((s) => s.leadId)];
    expect(new Set(leadIds).size).toBe(1000);

    const counts = await ownerCounts(leadIds);
    expect([...counts.keys()].sort()).toEqual(reps.map((r) => r.id).sort());
    expect([...counts.values()]).toEqual(Array(10).fill(100));
    console.log(`[batch fairness] 1,000 leads (8 batches + 40 singles) into a 10-member pool in ${Math.round(ms)} ms; counts ${[...counts.values()].join(",")}`);
    // The stored counters agree with the leads, and every lead has exactly one routing entry.
    const members = await db().routingPoolMember.findMany({ where: { poolId: pool.id } });
    expect(members.map((m) => m.assignedTotal)).toEqual(Array(10).fill(100));
    expect((await db().routingPool.findUniqueOrThrow({ where: { poolId: pool.id } })).seq).toBe(1000);
    const routed = await db().decisionLog.groupBy({ by: ["subjectId"], where: { kind: "lead.routed", subjectId: { in: leadIds } }, _count: { _all: true } });
    expect(routed).toHaveLength(1000);
    expect(routed.every((r) => r._count._all === 1)).toBe(true);
    expect(await db().notification.count({ where: { kind: "lead.assigned", userId: { in: reps.map((r) => r.id) } } })).toBe(1000);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("commits each chunk whole or not at all when the database refuses a row", async () => {
    // A trigger standing in for any database failure mid-chunk (constraint, disk, lost connection).
    await db().$executeRawUnsafe(`CREATE FUNCTION test_refuse_marked_lead() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.title = 'refuse me' THEN RAISE EXCEPTION 'refused by test trigger'; END IF; RETURN NEW; END $$`);
    await db().$executeRawUnsafe(`CREATE TRIGGER test_refuse_marked_lead BEFORE INSERT ON leads FOR EACH ROW EXECUTE FUNCTION test_refuse_marked_lead()`);
    try {
      const poolSeqBefore = (await db().routingPool.findUniqueOrThrow({ where: { poolId: "batch-fair-10" } })).seq;
      const logBefore = await db().decisionLog.count();
      const size = CHUNK_SIZE + 50;
      const leads = Array.from({ length: size }, (_, i) => ({ email: `chunk-${i}@all-or-nothing.example`, ...(i === CHUNK_SIZE + 10 ? { title: "refuse me" } : {}) }));
      const res = await intakeBatch({ actor, leads, channel: "API" });

      const first = res.results.slice(0, CHUNK_SIZE);
      const second = res.results.slice(CHUNK_SIZE);
      expect(first.every((r) => r.status === "created")).toBe(true);
      expect(second.every((r) => r.status === "error" && r.leadId === undefined)).toBe(true);
      expect(second[0]!.errors?._?.[0]).toMatch(/retry/);
      expect(res.summary).toEqual({ created: CHUNK_SIZE, updated: 0, invalid: 0 });

      // The first chunk is there in full; nothing of the second: no lead, no log entry, no pool turn.
      expect(await db().lead.count({ where: { email: { endsWith: "@all-or-nothing.example" } } })).toBe(CHUNK_SIZE);
      const firstIds = first.map((r) => r.leadId!);
      const firstEntries = await db().decisionLog.count({ where: { subjectId: { in: firstIds } } });
      expect(await db().decisionLog.count()).toBe(logBefore + firstEntries);
      expect(await db().decisionLog.count({ where: { subjectId: { in: firstIds }, kind: "lead.routed" } })).toBe(CHUNK_SIZE);
      expect(await db().slaClock.count({ where: { subjectId: { in: firstIds } } })).toBe(CHUNK_SIZE);
      expect((await db().routingPool.findUniqueOrThrow({ where: { poolId: "batch-fair-10" } })).seq).toBe(poolSeqBefore + CHUNK_SIZE);
      expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER test_refuse_marked_lead ON leads`);
      await db().$executeRawUnsafe(`DROP FUNCTION test_refuse_marked_lead()`);
    }
  });

  it("refuses, lead by lead and with the single path's message, items no matrix row can place", async () => {
    // Published while its only user is active; deactivated afterwards, the matrix can place nobody.
    const [solo] = await makeReps(1, "Solo");
    const body = { columns: ["region"], rows: [{ id: "solo", label: "Solo", conditions: {}, action: { type: "USER" as const, userId: solo!.id } }], pools: [] };
    const draft = await createPolicyDraft({ actor: { id: actor.id }, kind: "ROUTING", input: { name: "Solo", body } });
    await publishPolicyVersion({ actor: { id: actor.id }, versionId: draft.id, input: { changeNote: "Everything to one rep", kpi: "FAIRNESS" } });
    await db().user.update({ where: { id: solo!.id }, data: { active: false } });

    const res = await intakeBatch({ actor, channel: "API", leads: [{ email: "nowhere-1@unplaceable.example" }, { email: "bad" }, { email: "nowhere-2@unplaceable.example" }] });
    expect(res.results.map((r) => r.status)).toEqual(["error", "invalid", "error"]);
    expect(res.results[0]!.errors?._?.[0]).toMatch(/No row of the routing matrix could assign this lead/);
    expect(await db().lead.count({ where: { email: { endsWith: "@unplaceable.example" } } })).toBe(0);
  });
});
