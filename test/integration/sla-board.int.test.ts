// The SLA board's query against real Postgres: who sees which clocks (a rep only their own,
// a manager their team's, RevOps all, deal desk none), urgency order, filters, business
// time left, breach history and the single-clock view refusing clocks outside the scope.
import { beforeAll, describe, expect, it } from "vitest";
import { CALENDAR_24X7, businessMinutesBetween } from "@/lib/engine/sla";
import { defaultSlaPolicy } from "@/lib/schemas/policies/default-governance";
import type { TSessionUser } from "@/lib/server/auth/session-user";
import { db } from "@/lib/server/db";
import { DomainError } from "@/lib/server/errors";
import { listSlaBoard, listSlaBreachHistory, slaBoardFilterOptions } from "@/lib/server/queries/sla-board";
import { getSlaClock } from "@/lib/server/queries/sla-clock";
import { makeUser } from "./fixtures/users";

const MIN = 60_000;
type TUser = TSessionUser;

let manager: TUser, rep1: TUser, rep2: TUser, outsider: TUser, revops: TUser, dealDesk: TUser;
let now: Date;
const ids: Record<string, string> = {};

async function join(user: TUser, teamId: string, managerId: string | null): Promise<TUser> {
  await db().user.update({ where: { id: user.id }, data: { teamId, managerId } });
  return { ...user, teamId, managerId };
}

async function clock(name: string, data: { owner: TUser; kind?: string; status?: "RUNNING" | "PAUSED" | "STOPPED"; dueInMin?: number | null; breached?: boolean; level?: number; calendarKey?: string; policyVersionId?: string; subjectId?: string }) {
  const startedAt = new Date(now.getTime() - 60 * MIN);
  const c = await db().slaClock.create({
    data: {
      kind: data.kind ?? "LEAD_FIRST_TOUCH",
      subjectType: "LEAD",
      subjectId: data.subjectId ?? crypto.randomUUID(),
      ownerId: data.owner.id,
      teamId: data.owner.teamId,
      policyVersionId: data.policyVersionId ?? null,
      calendarKey: data.calendarKey ?? "24x7",
      status: data.status ?? "RUNNING",
      targetMinutes: 240,
      consumedMinutes: data.status === "PAUSED" ? 200 : 0,
      startedAt,
      runningSince: data.status === "RUNNING" || data.status === undefined ? startedAt : null,
      dueAt: data.dueInMin === null || data.status === "PAUSED" || data.status === "STOPPED" ? null : new Date(now.getTime() + (data.dueInMin ?? 120) * MIN),
      pausedAt: data.status === "PAUSED" ? now : null,
      pauseReason: data.status === "PAUSED" ? "Waiting on the customer" : null,
      stoppedAt: data.status === "STOPPED" ? now : null,
      breachedAt: data.breached ? new Date(now.getTime() - 10 * MIN) : null,
      escalationLevel: data.level ?? 0,
    },
  });
  ids[name] = c.id;
  return c;
}

beforeAll(async () => {
  const [row] = await db().$queryRaw<{ now: Date }[]>`SELECT now() AS now`;
  now = row!.now;
  const teamA = await db().team.create({ data: { name: "Team A", region: "EMEA" } });
  const teamB = await db().team.create({ data: { name: "Team B", region: "NA" } });
  manager = await join(await makeUser("SALES_MANAGER", { name: "Mia Manager" }), teamA.id, null);
  rep1 = await join(await makeUser("REP", { name: "Rae One" }), teamA.id, manager.id);
  rep2 = await join(await makeUser("REP", { name: "Ray Two" }), teamA.id, manager.id);
  outsider = await join(await makeUser("REP", { name: "Oz Outsider" }), teamB.id, null);
  revops = await makeUser("REVOPS");
  dealDesk = await makeUser("DEAL_DESK");
  const policy = await db().policyVersion.create({ data: { kind: "SLA", version: 1, status: "PUBLISHED", activeKind: "SLA", name: "SLA", body: defaultSlaPolicy(now.getUTCFullYear()) as object } });

  const lead = await db().lead.create({ data: { email: "ada@example.com", firstName: "Ada", lastName: "Lovelace", company: "Engines Ltd", ownerId: rep1.id } });
  await clock("rep1Breached", { owner: rep1, dueInMin: -120, breached: true, level: 1, subjectId: lead.id });
  await clock("rep1Later", { owner: rep1, dueInMin: 180 });
  await clock("rep1Paused", { owner: rep1, status: "PAUSED" });
  await clock("rep1Stopped", { owner: rep1, status: "STOPPED" });
  await clock("rep1Business", { owner: rep1, dueInMin: 3 * 24 * 60, calendarKey: "calendar:global", policyVersionId: policy.id, kind: "MQL_ACCEPT" });
  await clock("rep2Soon", { owner: rep2, dueInMin: 30 });
  await clock("outsiderSoonest", { owner: outsider, dueInMin: 5, breached: true });

  await db().slaClockEvent.createMany({
    data: [
      { clockId: ids.rep1Breached!, type: "WARNING", level: 1, notifiedUserIds: [rep1.id], firedAt: new Date(now.getTime() - 100 * MIN) },
      { clockId: ids.rep1Breached!, type: "BREACH", level: 0, notifiedUserIds: [rep1.id], firedAt: new Date(now.getTime() - 10 * MIN) },
      { clockId: ids.rep1Breached!, type: "ESCALATION", level: 1, notifiedUserIds: [rep1.id, manager.id], firedAt: new Date(now.getTime() - 9 * MIN) },
      { clockId: ids.outsiderSoonest!, type: "BREACH", level: 0, notifiedUserIds: [outsider.id], firedAt: new Date(now.getTime() - 5 * MIN) },
    ],
  });
});

const board = (user: TUser, filters = {}, sort: "urgency" | "startedAt" | "escalationLevel" | "kind" = "urgency", dir: "asc" | "desc" = "asc") =>
  listSlaBoard(user, { page: 1, sort, dir, filters });

describe("SLA board scope", () => {
  it("shows a rep only their own open clocks, breached first and paused last", async () => {
    const b = await board(rep1);
    expect(b.rows.map((r) => r.id)).toEqual([ids.rep1Breached, ids.rep1Later, ids.rep1Business, ids.rep1Paused]);
    expect(b.total).toBe(4);
    expect(b.overdue).toBe(1);
    expect(b.paused).toBe(1);
  });

  it("refuses a rep another rep's clocks even when asked by owner filter or id", async () => {
    expect((await board(rep1, { ownerId: outsider.id })).rows).toEqual([]);
    expect((await board(rep1, { ownerId: rep2.id })).total).toBe(0);
    await expect(getSlaClock(rep1, ids.outsiderSoonest!)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getSlaClock(rep1, ids.rep2Soon!)).rejects.toBeInstanceOf(DomainError);
    const history = await listSlaBreachHistory(rep1, { days: 7, limit: 20 });
    expect(history.map((h) => h.clockId)).not.toContain(ids.outsiderSoonest);
    const options = await slaBoardFilterOptions(rep1);
    expect(options.owners.map((o) => o.id)).toEqual([rep1.id]);
  });

  it("shows a manager their team's clocks and not other teams'", async () => {
    const b = await board(manager);
    expect(b.rows.map((r) => r.id)).toEqual([ids.rep1Breached, ids.rep2Soon, ids.rep1Later, ids.rep1Business, ids.rep1Paused]);
    expect((await getSlaClock(manager, ids.rep1Breached!)).events).toHaveLength(3);
    await expect(getSlaClock(manager, ids.outsiderSoonest!)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("shows RevOps every open clock; both breached ones first, earliest deadline first", async () => {
    const b = await board(revops);
    expect(b.total).toBe(6);
    expect(b.rows.slice(0, 2).map((r) => r.id)).toEqual([ids.rep1Breached, ids.outsiderSoonest]);
    expect(b.rows.map((r) => r.id)).not.toContain(ids.rep1Stopped);
    expect((await board(revops, {}, "urgency", "desc")).rows[0]!.id).toBe(ids.rep1Paused);
  });

  it("refuses a role without an SLA permission outright", async () => {
    await expect(board(dealDesk)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("SLA board rows", () => {
  it("gives time left in business time of the clock's calendar, and wall time around the clock", async () => {
    const b = await board(revops);
    const wall = b.rows.find((r) => r.id === ids.rep2Soon)!;
    expect(wall.minutesLeft).toBe(30);
    expect(wall.businessTime).toBe(false);
    const business = b.rows.find((r) => r.id === ids.rep1Business)!;
    const global = defaultSlaPolicy(now.getUTCFullYear()).calendars.find((c) => c.id === "global")!;
    expect(business.minutesLeft).toBe(Math.round(businessMinutesBetween(global, b.now, business.dueAt!)));
    expect(business.businessTime).toBe(true);
    expect(business.minutesLeft).toBeLessThan(3 * 24 * 60); // nights and (maybe) a weekend do not count
    expect(b.rows.find((r) => r.id === ids.rep1Breached)!.minutesLeft).toBe(Math.round(businessMinutesBetween(CALENDAR_24X7, b.now, new Date(now.getTime() - 120 * MIN))));
    const paused = b.rows.find((r) => r.id === ids.rep1Paused)!;
    expect(paused.minutesLeft).toBe(40);
  });

  it("says who is escalated, links to the record and labels it", async () => {
    const row = (await board(manager)).rows.find((r) => r.id === ids.rep1Breached)!;
    expect(row.escalationLevel).toBe(1);
    expect(row.escalatedPeople).toEqual(["Mia Manager", "Rae One"]);
    expect(row.subjectLabel).toBe("Ada Lovelace");
    expect(row.href).toMatch(/^\/leads\/[0-9a-f-]{36}$/);
  });

  it("filters by kind, status, team and owner, and sorts by every key", async () => {
    expect((await board(revops, { kind: "MQL_ACCEPT" })).rows.map((r) => r.id)).toEqual([ids.rep1Business]);
    expect((await board(revops, { status: "PAUSED" })).rows.map((r) => r.id)).toEqual([ids.rep1Paused]);
    expect((await board(revops, { status: "BREACHED" })).total).toBe(2);
    expect((await board(revops, { status: "RUNNING", ownerId: rep2.id })).rows.map((r) => r.id)).toEqual([ids.rep2Soon]);
    expect((await board(revops, { teamId: outsider.teamId! })).rows.map((r) => r.id)).toEqual([ids.outsiderSoonest]);
    for (const sort of ["startedAt", "escalationLevel", "kind"] as const) {
      for (const dir of ["asc", "desc"] as const) expect((await board(revops, {}, sort, dir)).total).toBe(6);
    }
    expect((await board(revops, {}, "escalationLevel", "desc")).rows[0]!.id).toBe(ids.rep1Breached);
  });

  it("offers only teams and owners inside the scope as filters", async () => {
    const mine = await slaBoardFilterOptions(manager);
    expect(mine.teams.map((t) => t.name)).toEqual(["Team A"]);
    expect(mine.owners.map((o) => o.name)).toEqual(["Rae One", "Ray Two"]);
    expect((await slaBoardFilterOptions(revops)).owners.map((o) => o.name)).toContain("Oz Outsider");
  });

  it("lists recent breaches and escalations with who was notified", async () => {
    const history = await listSlaBreachHistory(manager, { days: 7, limit: 20 });
    expect(history.map((h) => [h.type, h.level])).toEqual([
      ["ESCALATION", 1],
      ["BREACH", 0],
    ]);
    expect(history[0]!.notified).toEqual(["Mia Manager", "Rae One"]);
    expect((await listSlaBreachHistory(revops, { days: 7, limit: 20 })).length).toBe(3);
  });
});

describe("SLA board pagination", () => {
  it("pages through running clocks into paused ones in urgency order, both directions", async () => {
    const team = await db().team.create({ data: { name: "Paging team", region: "APAC" } });
    const pager = await join(await makeUser("REP"), team.id, null);
    const base = now.getTime();
    await db().slaClock.createMany({
      data: Array.from({ length: 60 }, (_, i) => {
        const paused = i >= 55;
        return {
          kind: "LEAD_FIRST_TOUCH",
          subjectType: "LEAD",
          subjectId: crypto.randomUUID(),
          ownerId: pager.id,
          teamId: team.id,
          calendarKey: "24x7",
          status: paused ? ("PAUSED" as const) : ("RUNNING" as const),
          targetMinutes: 240,
          startedAt: new Date(base - 60 * MIN),
          runningSince: paused ? null : new Date(base - 60 * MIN),
          dueAt: paused ? null : new Date(base + (i + 1) * MIN),
          pausedAt: paused ? now : null,
        };
      }),
    });
    const page = (n: number, dir: "asc" | "desc") => listSlaBoard(pager, { page: n, sort: "urgency", dir, filters: {} });
    const [p1, p2] = [await page(1, "asc"), await page(2, "asc")];
    expect(p1.rows).toHaveLength(50);
    expect(p1.rows.every((r) => r.status === "RUNNING")).toBe(true);
    expect(p1.rows.map((r) => r.dueAt!.getTime())).toEqual([...p1.rows.map((r) => r.dueAt!.getTime())].sort((a, b) => a - b));
    expect(p2.rows.map((r) => r.status)).toEqual([...Array(5).fill("RUNNING"), ...Array(5).fill("PAUSED")]);
    expect(p2.total).toBe(60);
    const [d1, d2] = [await page(1, "desc"), await page(2, "desc")];
    expect(d1.rows.slice(0, 5).every((r) => r.status === "PAUSED")).toBe(true);
    expect(d1.rows[5]!.dueAt!.getTime()).toBe(base + 55 * MIN);
    expect(d2.rows).toHaveLength(10);
    expect(new Set([...d1.rows, ...d2.rows].map((r) => r.id)).size).toBe(60);
    expect((await page(3, "asc")).rows).toEqual([]);
  });
});
