import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/seed";
import { intakeLead } from "@/lib/server/commands/intake/intake-lead";
import { intakeBatch } from "@/lib/server/commands/leads/intake-batch";
import { db } from "@/lib/server/db";
import { verifyDecisionLog } from "@/lib/server/decision-log";
import { DomainError } from "@/lib/server/errors";

// The set-based batch path must decide exactly what single intake decides for the same leads
// sent one by one in the same order: status, merge, account, scores, stage, owner or queue,
// pool rotation, notifications, and the decision log's entries and their wording. Both runs
// use the seeded default matrix (pools, queues, account owners) from the same fairness state,
// and identical stored leads (same fields and activities) under two e-mail prefixes.

type TOutcome = { status: string; leadId?: string; error?: string };
let actor: { id: string; role: "REVOPS"; name: string };
let accounts: { name: string; domain: string | null }[];
const now = new Date();

/** The items, for one run: `p` prefixes every e-mail and external id so the runs do not meet. */
function items(p: string): Record<string, unknown>[] {
  const [a, b, c] = accounts;
  return [
    { email: `${p}jo@${a!.domain}`, firstName: "Jo", title: "VP Engineering", country: "Germany", source: "Web Form" },
    { email: `${p}kim@gmail.com`, company: b!.name.toUpperCase(), title: "CTO", employees: 4000 },
    { email: `${p}lee@hotmail.com`, company: "Nobody Inc" },
    { email: `${p}stored@stored-co.io`, title: "Head of Engineering", productInterest: "analytics", employees: 5000, industry: "Software" },
    { email: `${p}jo@${a!.domain}`, title: "Chief Technology Officer", lastName: "Buyer" },
    { externalId: `${p}crm-1`, company: c!.name, firstName: "Ext" },
    { email: `${p}ext@ext-co.io`, externalId: `${p}crm-1`, phone: "+49 30 1234" },
    { email: `${p}stored@stored-co.io`, externalId: `${p}stored-ext` },
    { email: `${p}stored@stored-co.io`, externalId: `${p}other-ext` },
    { email: `${p}mql@${a!.domain}`, title: "VP Sales", employees: 5000, productInterest: "platform", customAttributes: { budgetConfirmed: true } },
    ...Array.from({ length: 12 }, (_, i) => ({ email: `${p}pool-${i}@${i % 2 ? "gmail.com" : (accounts[3 + (i % 5)]!.domain ?? "x.io")}`, country: ["US", "GB", "DE", "AU"][i % 4], employees: [50, 500, 5000][i % 3] })),
  ];
}

/** Stored leads both runs start from: one with activities, and one holding an external id another item will claim. */
async function storedLeads(p: string) {
  const stored = await intakeLead({ actor: null, raw: { email: `${p}stored@stored-co.io`, title: "Engineer", company: "Stored Co" }, channel: "API", now });
  await db().leadActivity.createMany({
    data: ["demo_request", "pricing_page_visit", "webinar_attended"].map((type, i) => ({ leadId: stored.leadId, type, occurredAt: new Date(now.getTime() - (i + 1) * 86_400_000) })),
  });
  await intakeLead({ actor: null, raw: { externalId: `${p}other-ext`, company: "Someone Else" }, channel: "API", now });
}

const resetPools = () => db().$executeRaw`DELETE FROM routing_pools`;

// The single path's run, once: each batch run is compared with it (its leads stay as it left them).
let single: Promise<TOutcome[]> | null = null;
function singleRun(): Promise<TOutcome[]> {
  single ??= (async () => {
    await resetPools();
    const outcomes: TOutcome[] = [];
    for (const raw of items("sgl-")) {
      try {
        const r = await intakeLead({ actor, raw, channel: "API", now });
        outcomes.push({ status: r.status, leadId: r.leadId });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        outcomes.push({ status: "error", error: error.message });
      }
    }
    return outcomes;
  })();
  return single;
}

async function snapshot(outcomes: TOutcome[], p: string) {
  const strip = (v: unknown) => JSON.parse(JSON.stringify(v).replaceAll(p, "P:"));
  return Promise.all(
    outcomes.map(async (o) => {
      if (!o.leadId) return strip({ status: o.status, error: o.error });
      const lead = await db().lead.findUniqueOrThrow({ where: { id: o.leadId } });
      const log = await db().decisionLog.findMany({ where: { subjectId: o.leadId }, orderBy: { id: "asc" } });
      const transitions = await db().lifecycleTransition.findMany({ where: { leadId: o.leadId }, orderBy: { at: "asc" }, select: { fromStage: true, toStage: true, reason: true } });
      const notifications = await db().notification.count({ where: { link: `/leads/${o.leadId}` } });
      return strip({
        status: o.status,
        lead: {
          ...Object.fromEntries(["email", "externalId", "firstName", "lastName", "title", "company", "domain", "phone", "country", "employees", "customAttributes", "accountId"].map((k) => [k, lead[k as keyof typeof lead]])),
          scores: [lead.fitScore, lead.engagementScore, lead.negativeScore, lead.score],
          stage: lead.lifecycleStage,
          ownerId: lead.ownerId,
          queueTeamId: lead.queueTeamId,
          sourcedFields: Object.keys(lead.fieldSources as object).sort(),
        },
        // Ids differ between the runs; kinds, wording and the decided values must not.
        log: log.map((d) => (d.kind.startsWith("sla.") ? clockEntry(d) : { kind: d.kind, reasons: d.reasons, policyVersionId: d.policyVersionId, output: withoutIds(d.output) })),
        transitions,
        notifications,
      });
    }),
  );
}

// A clock's deadline counts from the database's time when it started, which differs between
// the runs by seconds: compare which clock, for whom, and its budget.
function clockEntry(d: { kind: string; policyVersionId: string | null; input: unknown; output: unknown; reasons: unknown }) {
  const { clock, ownerId, teamId, targetMinutes } = d.input as Record<string, unknown>;
  return { kind: d.kind, policyVersionId: d.policyVersionId, clock, ownerId, teamId, targetMinutes, calendarKey: (d.output as { calendarKey?: string }).calendarKey, reason: (d.reasons as string[])[0] };
}

function withoutIds(output: unknown): unknown {
  if (!output || typeof output !== "object") return output;
  const { leadId: _l, ...rest } = output as Record<string, unknown>;
  return rest;
}

describe("batch intake decides as single intake does", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    // Everyone available whatever the day the test runs, so leads reach the pools.
    await db().$executeRaw`UPDATE users SET working_hours = '{}'::jsonb`;
    const revops = await db().user.findUniqueOrThrow({ where: { email: "revops@arbiter.demo" }, select: { id: true, name: true } });
    actor = { ...revops, role: "REVOPS" };
    accounts = await db().account.findMany({ where: { domain: { not: null } }, select: { name: true, domain: true }, orderBy: { name: "asc" }, take: 8 });
    await storedLeads("sgl-");
    await storedLeads("bch-");
    await storedLeads("pip-");
  });

  it.each([
    { chunks: "one chunk", chunkSize: undefined, prefix: "bch-" },
    // Chunks of 3 in a pipeline (ADR 0026): the batch's duplicates fall in different chunks in flight at once.
    { chunks: "pipelined chunks of 3", chunkSize: 3, prefix: "pip-" },
  ])("gives the same leads, scores, stages, owners, notifications and log entries for the same items ($chunks)", async ({ chunkSize, prefix }) => {
    const single = await singleRun();
    await resetPools();
    const batch = await intakeBatch({ actor, leads: items(prefix), channel: "API", now, chunkSize });
    const batchOutcomes: TOutcome[] = batch.results.map((r) => ({ status: r.status, leadId: r.leadId, error: r.errors?._?.[0] }));

    // The scenario covers what it should: creates, merges (stored and within the batch), a refused item, pools.
    expect(batchOutcomes.map((o) => o.status)).toEqual(single.map((o) => o.status));
    expect(single.filter((o) => o.status === "updated").length).toBeGreaterThanOrEqual(4);
    expect(single.filter((o) => o.status === "error")).toHaveLength(1);
    expect(batchOutcomes[8]!.error).toBe(single[8]!.error?.replaceAll("sgl-", prefix));
    const sSnap = await snapshot(single, "sgl-");
    const bSnap = await snapshot(batchOutcomes, prefix);
    expect(bSnap).toEqual(sSnap);
    const owners = sSnap.filter((s) => s.lead?.ownerId).length;
    expect(owners).toBeGreaterThan(3);
    // The stored lead with activities becomes an MQL on its merge: the stage change is covered too.
    expect(sSnap[3]!.lead.stage).toBe("MQL");
    expect(sSnap[3]!.log.map((d: { kind: string }) => d.kind)).toContain("lead.stage_changed");
    // SLA clocks start for placed leads in both paths (first touch, MQL accept).
    expect(sSnap.filter((s) => s.log?.some((d: { kind: string }) => d.kind === "sla.clock_started")).length).toBeGreaterThan(10);
    expect(await db().slaClock.count({ where: { subjectId: { in: batchOutcomes.flatMap((o) => (o.leadId ? [o.leadId] : [])) } } })).toBe(
      await db().slaClock.count({ where: { subjectId: { in: single.flatMap((o) => (o.leadId ? [o.leadId] : [])) } } }),
    );
    // Same rotation through the pools: both runs left the fairness state identical.
    const pools = await db().routingPoolMember.findMany({ orderBy: [{ poolId: "asc" }, { userId: "asc" }], select: { poolId: true, userId: true, assignedTotal: true, lag: true } });
    expect(pools.length).toBeGreaterThan(0);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("merges duplicates within one batch into one lead, in the order sent", async () => {
    const res = await intakeBatch({
      actor,
      channel: "API",
      leads: [
        { email: "twice@dup-co.io", title: "Engineer" },
        { email: "TWICE@dup-co.io", title: "Head of Engineering", lastName: "Doe" },
        { externalId: "dup-ext", firstName: "Ext" },
        { externalId: "dup-ext", email: "dup-ext@dup-co.io" },
        { email: "dup-ext@dup-co.io", lastName: "Last" },
      ],
    });
    expect(res.results.map((r) => r.status)).toEqual(["created", "updated", "created", "updated", "updated"]);
    expect(res.results[1]!.leadId).toBe(res.results[0]!.leadId);
    expect(new Set(res.results.slice(2).map((r) => r.leadId)).size).toBe(1);
    const twice = await db().lead.findUniqueOrThrow({ where: { email: "twice@dup-co.io" } });
    expect(twice).toMatchObject({ title: "Head of Engineering", lastName: "Doe" });
    const ext = await db().lead.findUniqueOrThrow({ where: { externalId: "dup-ext" } });
    expect(ext).toMatchObject({ email: "dup-ext@dup-co.io", firstName: "Ext", lastName: "Last" });
    const kinds = (await db().decisionLog.findMany({ where: { subjectId: twice.id }, orderBy: { id: "asc" } })).map((d) => d.kind);
    expect(kinds.filter((k) => k === "lead.created")).toHaveLength(1);
    expect(kinds.filter((k) => k === "lead.merged")).toHaveLength(1);
    expect(kinds.filter((k) => k === "lead.routed")).toHaveLength(1);
    const merged = await db().decisionLog.findFirstOrThrow({ where: { subjectId: twice.id, kind: "lead.merged" } });
    expect(merged.reasons).toEqual(expect.arrayContaining(['Filled lastName with "Doe"', 'Updated title from "Engineer" to "Head of Engineering" (newer API value)']));
  });

  it("does not route historical rows nor start clocks for them, and keeps a stored owner", async () => {
    const owned = await intakeLead({ actor: null, raw: { email: "owned@hist-co.io" }, channel: "API", now });
    const res = await intakeBatch({ actor, channel: "IMPORT", historical: true, leads: [{ email: "past@hist-co.io", title: "CFO" }, { email: "owned@hist-co.io", title: "CEO" }] });
    expect(res.results.map((r) => r.status)).toEqual(["created", "updated"]);
    const past = await db().lead.findUniqueOrThrow({ where: { email: "past@hist-co.io" } });
    expect(past).toMatchObject({ ownerId: null, queueTeamId: null });
    expect(await db().decisionLog.count({ where: { subjectId: past.id, kind: "lead.routed" } })).toBe(0);
    expect(await db().decisionLog.count({ where: { subjectId: past.id, kind: "lead.scored" } })).toBe(1);
    expect(await db().slaClock.count({ where: { subjectId: { in: [past.id, owned.leadId] } } })).toBe(owned.ownerId || owned.queueTeamId ? 1 : 0);
    const kept = await db().lead.findUniqueOrThrow({ where: { email: "owned@hist-co.io" } });
    expect([kept.ownerId, kept.queueTeamId]).toEqual([owned.ownerId, owned.queueTeamId]);
    expect(kept.title).toBe("CEO");
  });
});
