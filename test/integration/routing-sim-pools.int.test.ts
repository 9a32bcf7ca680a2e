// The pool status page's query: stored counters and each member's availability now, with the
// engine's reasons (PTO, inactive, lacking a skill, capped), for the published matrix.
import { describe, expect, it } from "vitest";
import { localTime } from "@/lib/engine/routing";
import { db } from "@/lib/server/db";
import { routingPoolStatus } from "@/lib/server/queries/routing-pool-status";
import { makeUser } from "./fixtures/users";
import { makeReps, publishPoolMatrix } from "./support/routing";

describe("routing pool status", () => {
  it("answers null with no published matrix, then lists counters and why each member is or is not available", async () => {
    expect(await routingPoolStatus()).toBeNull();
    const revops = await makeUser("REVOPS");
    const team = await db().team.create({ data: { name: "Pool fallback", region: "EMEA" } });
    const [free, away, gone, unskilled, capped] = await makeReps(5, "Pool");
    const now = new Date();
    await db().user.updateMany({ where: { id: { in: [free!.id, away!.id, gone!.id, capped!.id] } }, data: { skills: ["lang:de"] } });
    await db().user.update({ where: { id: gone!.id }, data: { active: false } });
    await db().absence.create({ data: { userId: away!.id, startsAt: new Date(now.getTime() - 3_600_000), endsAt: new Date(now.getTime() + 3_600_000), reason: "PTO" } });
    const today = localTime("UTC", now.getTime());
    await db().routingPool.create({
      data: {
        poolId: "de-pool",
        version: 9,
        seq: 9,
        members: { create: [{ userId: capped!.id, assignedToday: 2, dayKey: today.date, assignedThisWeek: 2, weekKey: today.weekKey, assignedTotal: 9, lag: -0.5 }] },
      },
    });
    await publishPoolMatrix(
      {
        id: "de-pool",
        name: "German pool",
        requiredSkills: ["lang:de"],
        catchUpAfterAbsence: false,
        members: [...[free, away, gone, unskilled].map((m) => ({ userId: m!.id, weight: 1 })), { userId: capped!.id, weight: 2, capPerDay: 2 }],
      },
      { actorId: revops.id, fallbackTeamId: team.id },
    );

    const status = await routingPoolStatus(now);
    expect(status?.pools).toHaveLength(1);
    const pool = status!.pools[0]!;
    expect(pool).toMatchObject({ poolId: "de-pool", name: "German pool", assignments: 9, usedByRows: [1], availableNow: 1 });
    const byName = Object.fromEntries(pool.members.map((m) => [m.name, m]));
    expect(byName[free!.name]).toMatchObject({ available: true, reason: null });
    expect(byName[away!.name]).toMatchObject({ available: false, reason: "ON_PTO", detail: "on PTO" });
    expect(byName[gone!.name]).toMatchObject({ available: false, reason: "INACTIVE" });
    expect(byName[unskilled!.name]).toMatchObject({ available: false, reason: "LACKS_SKILL", detail: "lacks skill lang:de" });
    expect(byName[capped!.name]).toMatchObject({ available: false, reason: "DAILY_CAP", assignedToday: 2, assignedThisWeek: 2, assignedTotal: 9, lag: -0.5, weight: 2, capPerDay: 2 });
  });
});
