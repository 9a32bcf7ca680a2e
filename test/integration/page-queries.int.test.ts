// The list queries behind the pages, run against a seeded organisation: every sort key in
// both directions must be accepted by the database, and each user sees only their scope.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/seed";
import { SESSION_USER_SELECT, type TSessionUser } from "@/lib/server/auth/session-user";
import { db } from "@/lib/server/db";
import { LEAD_SORTS, leadOwnerChoices, listLeads } from "@/lib/server/queries/list-leads";
import { leadScope } from "@/lib/server/queries/record-scope";
import { listOpportunities, OPPORTUNITY_SORTS } from "@/lib/server/queries/list-opportunities";
import { listUsers, USER_SORTS } from "@/lib/server/queries/list-users";
import { listApprovalQueue, listMyRequests } from "@/lib/server/queries/list-work-queues";
import { readOverviewCounts } from "@/lib/server/queries/read-overview-counts";

const userByEmail = (email: string): Promise<TSessionUser> => db().user.findUniqueOrThrow({ where: { email }, select: SESSION_USER_SELECT });

describe("page queries over the demo organisation", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.2, log: () => {} });
  });

  it.each(LEAD_SORTS.flatMap((sort) => (["asc", "desc"] as const).map((dir) => [sort, dir] as const)))("lists leads sorted by %s %s", async (sort, dir) => {
    const exec = await userByEmail("exec@arbiter.demo");
    const { rows, total } = await listLeads(exec, { page: 1, sort, dir });
    expect(rows.length).toBeGreaterThan(0);
    expect(total).toBeGreaterThanOrEqual(rows.length);
  });

  it.each(OPPORTUNITY_SORTS.flatMap((sort) => (["asc", "desc"] as const).map((dir) => [sort, dir] as const)))("lists opportunities sorted by %s %s", async (sort, dir) => {
    const vp = await userByEmail("vp@arbiter.demo");
    expect((await listOpportunities(vp, { page: 1, sort, dir })).rows.length).toBeGreaterThan(0);
  });

  it.each(USER_SORTS.flatMap((sort) => (["asc", "desc"] as const).map((dir) => [sort, dir] as const)))("lists users sorted by %s %s", async (sort, dir) => {
    expect((await listUsers({ page: 1, sort, dir })).rows.length).toBeGreaterThan(0);
  });

  it("shows a rep only their own leads and opportunities", async () => {
    const rep = await userByEmail("rep@arbiter.demo");
    const leads = await listLeads(rep, { page: 1, sort: "createdAt", dir: "desc" });
    const owned = await db().lead.count({ where: { ownerId: rep.id } });
    expect(leads.total).toBe(owned);
    const opps = await listOpportunities(rep, { page: 1, sort: "amount", dir: "desc" });
    expect(opps.total).toBe(await db().opportunity.count({ where: { ownerId: rep.id } }));
  });

  it("filters leads by stage and search text", async () => {
    const revops = await userByEmail("revops@arbiter.demo");
    const mqls = await listLeads(revops, { page: 1, sort: "score", dir: "desc", stage: "MQL" });
    expect(mqls.rows.every((l) => l.lifecycleStage === "MQL")).toBe(true);
    const some = mqls.rows[0];
    if (some?.email) {
      const found = await listLeads(revops, { page: 1, sort: "createdAt", dir: "desc", q: some.email.toUpperCase() });
      expect(found.rows.map((l) => l.id)).toContain(some.id);
    }
  });

  it("filters leads by owner, score band and source, within what the user may see", async () => {
    const manager = await userByEmail("manager@arbiter.demo");
    const owners = await leadOwnerChoices(manager);
    expect(owners.length).toBeGreaterThan(0);
    for (const owner of owners.slice(0, 3)) {
      const { total } = await listLeads(manager, { page: 1, sort: "createdAt", dir: "desc", ownerId: owner.id });
      expect(total).toBeGreaterThan(0);
      expect(total).toBe(await db().lead.count({ where: { AND: [leadScope(manager), { ownerId: owner.id }] } }));
    }
    // Someone outside the manager's team: choosing them shows nothing, not their leads.
    const outsider = await db().user.findFirstOrThrow({ where: { id: { notIn: owners.map((o) => o.id) }, leads: { some: {} } }, select: { id: true } });
    expect((await listLeads(manager, { page: 1, sort: "createdAt", dir: "desc", ownerId: outsider.id })).total).toBe(0);

    const revops = await userByEmail("revops@arbiter.demo");
    const unowned = await listLeads(revops, { page: 1, sort: "createdAt", dir: "desc", ownerId: "none" });
    expect(unowned.total).toBe(await db().lead.count({ where: { ownerId: null } }));
    const hot = await listLeads(revops, { page: 1, sort: "score", dir: "asc", scoreBand: "75-" });
    expect(hot.total).toBe(await db().lead.count({ where: { score: { gte: 75 } } }));
    expect(hot.rows.every((l) => l.score >= 75)).toBe(true);
    const middle = await listLeads(revops, { page: 1, sort: "score", dir: "desc", scoreBand: "25-50" });
    expect(middle.rows.every((l) => l.score >= 25 && l.score < 50)).toBe(true);
    const webinar = await listLeads(revops, { page: 1, sort: "createdAt", dir: "desc", source: "WEBINAR" });
    expect(webinar.total).toBe(await db().lead.count({ where: { source: { equals: "webinar", mode: "insensitive" } } }));
  });

  it("reads the queues and overview counts", async () => {
    const rep = await userByEmail("rep@arbiter.demo");
    const dealDesk = await userByEmail("dealdesk@arbiter.demo");
    await expect(listMyRequests(rep)).resolves.toBeInstanceOf(Array);
    await expect(listApprovalQueue(dealDesk)).resolves.toBeInstanceOf(Array);
    const counts = await readOverviewCounts();
    expect(counts.leadsByStage.reduce((n, r) => n + r.count, 0)).toBe(await db().lead.count());
  });
});
