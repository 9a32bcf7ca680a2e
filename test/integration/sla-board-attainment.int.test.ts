// The attainment report's SQL against figures worked out by hand and against the pure
// definitions in lib/engine/sla/attainment.ts, on real Postgres.
import { beforeAll, describe, expect, it } from "vitest";
import { summarise } from "@/lib/engine/sla/attainment";
import type { TSessionUser } from "@/lib/server/auth/session-user";
import { db } from "@/lib/server/db";
import { slaAttainment } from "@/lib/server/queries/sla-attainment";
import { makeUser } from "./fixtures/users";

const MIN = 60_000;
let revops: TSessionUser, manager: TSessionUser, rep1: TSessionUser, rep2: TSessionUser, dealDesk: TSessionUser;
let v1: string, v2: string;

async function member(role: "REP" | "SALES_MANAGER", name: string, teamId: string, managerId: string | null): Promise<TSessionUser> {
  const u = await makeUser(role, { name });
  await db().user.update({ where: { id: u.id }, data: { teamId, managerId } });
  return { ...u, teamId, managerId };
}

async function clock(o: { owner: TSessionUser; start: string; stopAfter?: number; consumed?: number; breachAfter?: number; source?: string | null; kind?: string; version?: string }) {
  const startedAt = new Date(o.start);
  const lead = await db().lead.create({ data: { email: `${crypto.randomUUID()}@example.com`, source: o.source ?? null, ownerId: o.owner.id } });
  await db().slaClock.create({
    data: {
      kind: o.kind ?? "LEAD_FIRST_TOUCH",
      subjectType: "LEAD",
      subjectId: lead.id,
      ownerId: o.owner.id,
      teamId: o.owner.teamId,
      policyVersionId: o.version ?? v1,
      calendarKey: "24x7",
      status: o.stopAfter === undefined ? "RUNNING" : "STOPPED",
      targetMinutes: 240,
      consumedMinutes: o.consumed ?? 0,
      startedAt,
      runningSince: o.stopAfter === undefined ? startedAt : null,
      dueAt: o.stopAfter === undefined ? new Date(startedAt.getTime() + 240 * MIN) : null,
      stoppedAt: o.stopAfter === undefined ? null : new Date(startedAt.getTime() + o.stopAfter * MIN),
      breachedAt: o.breachAfter === undefined ? null : new Date(startedAt.getTime() + o.breachAfter * MIN),
    },
  });
}

beforeAll(async () => {
  const teamA = await db().team.create({ data: { name: "Alpha", region: "EMEA" } });
  const teamB = await db().team.create({ data: { name: "Bravo", region: "NA" } });
  manager = await member("SALES_MANAGER", "Mo Manager", teamA.id, null);
  rep1 = await member("REP", "Ann Alpha", teamA.id, manager.id);
  rep2 = await member("REP", "Bob Bravo", teamB.id, null);
  revops = await makeUser("REVOPS");
  dealDesk = await makeUser("DEAL_DESK");
  const body = {};
  v1 = (await db().policyVersion.create({ data: { kind: "SLA", version: 1, status: "ARCHIVED", name: "v1", body } })).id;
  v2 = (await db().policyVersion.create({ data: { kind: "SLA", version: 2, status: "PUBLISHED", activeKind: "SLA", name: "v2", body } })).id;

  await clock({ owner: rep1, start: "2026-10-05T09:00:00Z", stopAfter: 30, consumed: 30, source: "Webinar" });
  await clock({ owner: rep1, start: "2026-10-06T09:00:00Z", stopAfter: 60, consumed: 60, source: "Webinar" });
  await clock({ owner: rep1, start: "2026-10-07T09:00:00Z", stopAfter: 120, consumed: 120, source: "Webinar", kind: "MQL_ACCEPT" });
  await clock({ owner: rep1, start: "2026-10-12T09:00:00Z", stopAfter: 300, consumed: 250, breachAfter: 240, source: "Website" });
  await clock({ owner: rep2, start: "2026-10-13T10:00:00Z", stopAfter: 90, consumed: 45, source: "Website" });
  await clock({ owner: rep2, start: "2026-10-14T10:00:00Z", source: null });
  await clock({ owner: rep2, start: "2026-10-18T23:59:00Z", breachAfter: 240, source: "Website" }); // Sunday night: still in range
  await clock({ owner: rep1, start: "2026-10-19T00:00:00Z", stopAfter: 5, consumed: 5, source: "Webinar" }); // the day after the range
  await clock({ owner: rep1, start: "2026-10-05T10:00:00Z", stopAfter: 1, consumed: 1, source: "Webinar", version: v2 }); // other version
});

const RANGE = { from: "2026-10-05", to: "2026-10-18" };

describe("SLA attainment SQL", () => {
  it("matches the figures worked out by hand for the whole version", async () => {
    const r = await slaAttainment(revops, { ...RANGE, policyVersionId: v1 });
    expect(r.total).toEqual({
      clocks: 7,
      met: 4,
      breached: 2,
      open: 1,
      shareMet: 4 / 6,
      medianWallMinutes: 75, // first touches stopped after 30, 60, 90, 300 min
      p90WallMinutes: expect.closeTo(237, 6), // 90 + (300 − 90) · 0.7
      medianBusinessMinutes: 52.5, // 30, 45, 60, 250
      p90BusinessMinutes: expect.closeTo(193, 6), // 60 + (250 − 60) · 0.7
    });
  });

  it("breaks down by team, rep and lead source", async () => {
    const r = await slaAttainment(revops, { ...RANGE, policyVersionId: v1 });
    expect(r.byTeam.map((t) => [t.label, t.clocks, t.met, t.breached, t.shareMet, t.medianWallMinutes])).toEqual([
      ["Alpha", 4, 3, 1, 0.75, 60],
      ["Bravo", 3, 1, 1, 0.5, 90],
    ]);
    expect(r.byTeam[0]!.p90WallMinutes).toBeCloseTo(252, 6); // 60 + (300 − 60) · 0.8
    expect(r.byRep.map((t) => [t.label, t.clocks])).toEqual([
      ["Ann Alpha", 4],
      ["Bob Bravo", 3],
    ]);
    expect(r.bySource.map((s) => [s.label, s.clocks, s.met, s.breached, s.open])).toEqual([
      ["Unknown source", 1, 0, 0, 1],
      ["Webinar", 3, 3, 0, 0],
      ["Website", 3, 1, 2, 0],
    ]);
  });

  it("buckets weeks from Monday (UTC), empty weeks included", async () => {
    const r = await slaAttainment(revops, { from: "2026-09-28", to: "2026-10-18", policyVersionId: v1 });
    expect(r.weekly).toEqual([
      { week: "2026-09-28", met: 0, breached: 0, shareMet: null, medianWallMinutes: null },
      { week: "2026-10-05", met: 3, breached: 0, shareMet: 1, medianWallMinutes: 45 },
      { week: "2026-10-12", met: 1, breached: 2, shareMet: 1 / 3, medianWallMinutes: 195 },
    ]);
  });

  it("agrees with the pure definitions on the same clocks", async () => {
    const r = await slaAttainment(revops, { ...RANGE, policyVersionId: v1, kind: "LEAD_FIRST_TOUCH" });
    const rows = await db().slaClock.findMany({ where: { policyVersionId: v1, kind: "LEAD_FIRST_TOUCH", startedAt: { gte: new Date("2026-10-05T00:00:00Z"), lt: new Date("2026-10-19T00:00:00Z") } } });
    const pure = summarise(rows);
    expect(r.total.clocks).toBe(pure.clocks);
    expect(r.total.shareMet).toBeCloseTo(pure.shareMet!, 12);
    expect(r.total.medianWallMinutes).toBeCloseTo(pure.medianWallMinutes!, 9);
    expect(r.total.p90WallMinutes).toBeCloseTo(pure.p90WallMinutes!, 9);
    expect(r.total.medianBusinessMinutes).toBeCloseTo(pure.medianBusinessMinutes!, 9);
    expect(r.total.p90BusinessMinutes).toBeCloseTo(pure.p90BusinessMinutes!, 9);
  });

  it("filters by version and keeps every version apart", async () => {
    expect((await slaAttainment(revops, { ...RANGE, policyVersionId: v2 })).total.clocks).toBe(1);
    expect((await slaAttainment(revops, RANGE)).total.clocks).toBe(8);
    expect((await slaAttainment(revops, { from: "2026-10-19", to: "2026-10-19" })).total.clocks).toBe(1);
  });

  it("limits a manager to their team and refuses roles without SLA access", async () => {
    const r = await slaAttainment(manager, { ...RANGE, policyVersionId: v1 });
    expect(r.total.clocks).toBe(4);
    expect(r.byTeam.map((t) => t.label)).toEqual(["Alpha"]);
    await expect(slaAttainment(dealDesk, RANGE)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await slaAttainment(rep2, { ...RANGE, policyVersionId: v1 })).total.clocks).toBe(3);
  });

  it("answers an empty range with empty figures, not errors", async () => {
    const r = await slaAttainment(revops, { from: "2025-01-06", to: "2025-01-12" });
    expect(r.total).toMatchObject({ clocks: 0, shareMet: null, medianWallMinutes: null });
    expect(r.weekly).toHaveLength(1);
  });
});
