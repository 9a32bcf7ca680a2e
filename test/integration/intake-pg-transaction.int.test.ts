// Single intake on its own pg transaction (ADR 0027): the paths that used to go through Prisma's
// model API and now run as raw statements — clocks moved when a stored, unowned lead is placed
// again, and the refusal when a policy kind is not published — behave as before and write
// nothing when refused.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/seed";
import { intakeLead } from "@/lib/server/commands/intake/intake-lead";
import { db } from "@/lib/server/db";
import { verifyDecisionLog } from "@/lib/server/decision-log";

describe("single intake on a pg transaction", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    // Reps available whatever the day, so leads route to people and first-touch clocks start.
    await db().$executeRaw`UPDATE users SET working_hours = '{}'::jsonb`;
  });

  it("places a stored lead that lost its owner again and moves its open clock to the new owner, in the same transaction", async () => {
    const first = await intakeLead({ actor: null, raw: { email: "orphan@pgtx.example", title: "VP Sales", employees: 900, country: "US" }, channel: "API" });
    const [clock] = await db().slaClock.findMany({ where: { subjectId: first.leadId, status: { not: "STOPPED" } } });
    expect(clock).toBeDefined();
    // Its owner went away (deactivated users' leads lose their owner) and the clock still names someone else.
    const elsewhere = await db().user.findFirstOrThrow({ where: { role: "REVOPS" } });
    await db().lead.update({ where: { id: first.leadId }, data: { ownerId: null, queueTeamId: null } });
    await db().slaClock.update({ where: { id: clock!.id }, data: { ownerId: elsewhere.id, teamId: null } });

    const again = await intakeLead({ actor: null, raw: { email: "orphan@pgtx.example", lastName: "Again" }, channel: "API" });
    expect(again).toMatchObject({ status: "updated", leadId: first.leadId });
    expect(again.ownerId ?? again.queueTeamId).toBeTruthy();
    const lead = await db().lead.findUniqueOrThrow({ where: { id: first.leadId } });
    expect(lead).toMatchObject({ lastName: "Again", ownerId: again.ownerId, queueTeamId: again.queueTeamId });
    const moved = await db().slaClock.findUniqueOrThrow({ where: { id: clock!.id } });
    expect(moved).toMatchObject({ ownerId: again.ownerId, teamId: again.queueTeamId, generation: clock!.generation + 1 });
    const kinds = (await db().decisionLog.findMany({ where: { subjectId: first.leadId }, orderBy: { id: "asc" } })).map((d) => d.kind);
    expect(kinds.filter((k) => k === "sla.clock_retargeted")).toHaveLength(1);
    expect(kinds.filter((k) => k === "lead.routed")).toHaveLength(2);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("refuses every lead while no routing policy is published, and writes nothing", async () => {
    const [published] = await db().$queryRaw<{ id: string }[]>`SELECT id FROM policy_versions WHERE active_kind = 'ROUTING'`;
    const leadsBefore = await db().lead.count();
    const logBefore = await db().decisionLog.count();
    await db().$executeRaw`UPDATE policy_versions SET active_kind = NULL, status = 'ARCHIVED' WHERE id = ${published!.id}::uuid`;
    try {
      await expect(intakeLead({ actor: null, raw: { email: "nobody-routes@pgtx.example" }, channel: "API" })).rejects.toThrow("No routing policy is published. RevOps must publish one first.");
    } finally {
      await db().$executeRaw`UPDATE policy_versions SET active_kind = 'ROUTING', status = 'PUBLISHED' WHERE id = ${published!.id}::uuid`;
    }
    expect(await db().lead.count()).toBe(leadsBefore);
    expect(await db().decisionLog.count()).toBe(logBefore);
  });
});
