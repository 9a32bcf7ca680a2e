import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { POLICY_KINDS, parsePolicyBody } from "@/lib/schemas/policies";
import { verifyDecisionLog } from "@/lib/server/decision-log";
import { verifyPassword } from "@/lib/server/password";
import { seedDemo } from "@/prisma/seed";
import { createDatabase, dropDatabase } from "../../lib/cli/db/scratch-database";
import { testDatabaseUrl } from "./support/database";

const SCALE = 0.1;
const PASSWORD = "seed-test-password";
const clients: PrismaClient[] = [];
const extraDatabases: string[] = [];

function connect(url: string): PrismaClient {
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  clients.push(client);
  return client;
}

async function freshDatabase(): Promise<string> {
  const name = `${inject("pgDatabasePrefix")}_seed_${randomBytes(4).toString("hex")}`;
  extraDatabases.push(name);
  return createDatabase(inject("pgAdminUrl"), name, inject("pgTemplateDatabase"));
}

/** What two seeds of the same scale must agree on, in a stable order. */
async function fingerprint(client: PrismaClient) {
  const [accounts, leads, users, opportunities] = await Promise.all([
    client.account.findMany({ select: { id: true, name: true, domain: true }, orderBy: { id: "asc" } }),
    client.lead.findMany({ select: { id: true, email: true, score: true, lifecycleStage: true }, orderBy: { id: "asc" } }),
    client.user.findMany({ select: { email: true, role: true }, orderBy: { email: "asc" } }),
    client.opportunity.findMany({ select: { name: true, amount: true, stage: true }, orderBy: { id: "asc" } }),
  ]);
  return { accounts, leads, users, opportunities: opportunities.map((o) => ({ ...o, amount: o.amount.toString() })) };
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.$disconnect()));
  for (const name of extraDatabases) await dropDatabase(inject("pgAdminUrl"), name);
});

describe("seedDemo", () => {
  const url = testDatabaseUrl();
  const prisma = connect(url);
  let first: Awaited<ReturnType<typeof seedDemo>>;

  it("loads the demo organisation", { timeout: 120_000 }, async () => {
    first = await seedDemo({ databaseUrl: url, scale: SCALE, password: PASSWORD });
    expect(first.seeded).toBe(true);
    expect(first.counts).toMatchObject({ users: expect.any(Number), accounts: 30, leads: 300, opportunities: expect.any(Number) });
    expect(await prisma.lead.count()).toBe(first.counts!.leads);
    expect(await prisma.leadActivity.count()).toBe(first.counts!.leadActivities);
    expect(await prisma.opportunity.count()).toBe(first.counts!.opportunities);
  });

  it("creates the ten demo log-ins with their roles and reporting line", async () => {
    const expected = {
      "rep@arbiter.demo": "REP",
      "rep2@arbiter.demo": "REP",
      "manager@arbiter.demo": "SALES_MANAGER",
      "vp@arbiter.demo": "VP_SALES",
      "dealdesk@arbiter.demo": "DEAL_DESK",
      "finance@arbiter.demo": "FINANCE",
      "legal@arbiter.demo": "LEGAL",
      "revops@arbiter.demo": "REVOPS",
      "exec@arbiter.demo": "EXEC",
      "admin@arbiter.demo": "ADMIN",
    };
    const users = await prisma.user.findMany({ where: { email: { in: Object.keys(expected) } }, include: { manager: true } });
    expect(Object.fromEntries(users.map((u) => [u.email, u.role]))).toEqual(expected);
    const by = Object.fromEntries(users.map((u) => [u.email, u]));
    expect(by["rep@arbiter.demo"]?.manager?.email).toBe("manager@arbiter.demo");
    expect(by["rep2@arbiter.demo"]?.manager?.email).toBe("manager@arbiter.demo");
    expect(by["manager@arbiter.demo"]?.manager?.email).toBe("vp@arbiter.demo");
    expect(by["vp@arbiter.demo"]?.manager?.email).toBe("exec@arbiter.demo");
    expect(by["exec@arbiter.demo"]?.title).toBe("Chief Revenue Officer");
    expect(await verifyPassword(by["manager@arbiter.demo"]!.passwordHash, PASSWORD)).toBe(true);
    expect(await verifyPassword(by["manager@arbiter.demo"]!.passwordHash, "wrong")).toBe(false);
  });

  it("staffs every region with reps that have time zones, hours, skills and capacity", async () => {
    const reps = await prisma.user.findMany({ where: { role: "REP" } });
    expect(reps.length).toBeGreaterThanOrEqual(28);
    expect(new Set(reps.map((r) => r.region))).toEqual(new Set(["NA", "EMEA", "APAC", "GLOBAL"]));
    for (const rep of reps) {
      expect(rep.timezone).not.toBe("UTC");
      expect(Object.keys(rep.workingHours as object)).toContain("mon");
      expect(rep.skills.some((s) => s.startsWith("lang:"))).toBe(true);
      expect(rep.capacityPerDay).toBeGreaterThan(0);
    }
    expect(await prisma.absence.count()).toBeGreaterThan(0);
    expect(await prisma.delegation.count()).toBe(1);
  });

  it("publishes exactly one valid version 1 of every policy kind", async () => {
    const published = await prisma.policyVersion.findMany({ where: { status: "PUBLISHED" } });
    expect(published.map((p) => p.kind).sort()).toEqual([...POLICY_KINDS].sort());
    for (const p of published) {
      expect(p).toMatchObject({ version: 1, activeKind: p.kind, changeNote: "Initial policy from the RevOps playbooks" });
      expect(p.publishedAt).toBeInstanceOf(Date);
      expect(p.reviewBy!.getTime()).toBeGreaterThan(Date.now() + 80 * 86_400_000);
      const parsed = parsePolicyBody(p.kind, p.body);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    }
  });

  it("logs each publish and the load in a chain that verifies", async () => {
    expect(await prisma.decisionLog.count({ where: { kind: "policy.published" } })).toBe(7);
    const loaded = await prisma.decisionLog.findMany({ where: { kind: "seed.loaded" } });
    expect(loaded).toHaveLength(1);
    expect(loaded[0]!.output).toMatchObject({ counts: { leads: 300 } });
    expect(await verifyDecisionLog(prisma)).toMatchObject({ ok: true });
  });

  it("derives account segments from employee counts", async () => {
    const wrong = await prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM accounts WHERE segment <> CASE WHEN employees < 200 THEN 'SMB' WHEN employees < 2000 THEN 'MID_MARKET' ELSE 'ENTERPRISE' END`;
    expect(Number(wrong[0]!.n)).toBe(0);
    expect(await prisma.account.count({ where: { isNamedAccount: true, ownerId: { not: null } } })).toBeGreaterThan(0);
  });

  it("gives backtests a historical subset with both outcomes", async () => {
    expect(await prisma.lead.count({ where: { outcome: "CONVERTED" } })).toBeGreaterThan(0);
    expect(await prisma.lead.count({ where: { outcome: "LOST" } })).toBeGreaterThan(0);
    expect(await prisma.lead.count({ where: { accountId: { not: null } } })).toBeGreaterThan(0);
  });

  it("fills the demo approvers' queues, never with their own requests", async () => {
    const pending = await prisma.approvalStep.findMany({ where: { status: "PENDING" }, include: { assignee: true, request: true } });
    const assignees = new Set(pending.map((s) => s.assignee?.email));
    for (const email of ["manager@arbiter.demo", "vp@arbiter.demo", "dealdesk@arbiter.demo", "legal@arbiter.demo"]) expect(assignees).toContain(email);
    for (const step of pending) expect(step.assigneeId).not.toBe(step.request.requesterId);
  });

  it("does nothing the second time", async () => {
    expect(await seedDemo({ databaseUrl: url, scale: SCALE })).toEqual({ seeded: false, reason: "database already has users" });
  });

  it("refuses a production environment unless forced", async () => {
    const before = process.env.ARBITER_ENV;
    process.env.ARBITER_ENV = "production";
    try {
      await expect(seedDemo({ databaseUrl: url, scale: SCALE })).rejects.toThrow(/production/);
    } finally {
      if (before === undefined) delete process.env.ARBITER_ENV;
      else process.env.ARBITER_ENV = before;
    }
  });

  it("is deterministic: a fresh database gets the same data, and reset reloads it", { timeout: 180_000 }, async () => {
    const otherUrl = await freshDatabase();
    const other = connect(otherUrl);
    const second = await seedDemo({ databaseUrl: otherUrl, scale: SCALE, password: PASSWORD });
    expect(second.counts).toEqual(first.counts);
    const expected = await fingerprint(prisma);
    expect(await fingerprint(other)).toEqual(expected);

    const again = await seedDemo({ databaseUrl: otherUrl, scale: SCALE, reset: true });
    expect(again.seeded).toBe(true);
    expect(await fingerprint(other)).toEqual(expected);
    expect(await other.decisionLog.count({ where: { kind: "seed.loaded" } })).toBe(2);
    expect(await verifyDecisionLog(other)).toMatchObject({ ok: true });
  });
});
