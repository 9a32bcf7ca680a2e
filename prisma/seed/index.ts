import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { storeArchiveFigures } from "@/lib/server/commands/exceptions/archive-figures";
import { appendDecisions } from "@/lib/server/decision-log";
import { hashPassword } from "@/lib/server/password";
import { buildAccounts } from "./accounts";
import { insertAll, pipelineBatches } from "./bulk";
import {
  ACCOUNT_COLUMNS,
  ACTIVITY_COLUMNS,
  EXCEPTION_COLUMNS,
  LEAD_COLUMNS,
  OPPORTUNITY_COLUMNS,
  STAGE_CHANGE_COLUMNS,
  STEP_COLUMNS,
  TRANSITION_COLUMNS,
  insertUnnest,
  type TExec,
} from "./bulk-tables";
import { buildScriptedExceptions } from "./exceptions";
import { buildLeadBatch, type TLeadContext } from "./leads";
import { buildOrg } from "./org";
import { buildOpportunityBatch, type TOppContext } from "./opportunities";
import { publishDefaultPolicies } from "./policies";
import { weightedIndex } from "./prng";

// The demo organisation: deterministic (fixed-seed PRNG; content depends only on the scale
// and the reference day), realistic enough for every screen, and fast: ~300 accounts, 3,000
// leads and 800 opportunities per unit of scale. Reference data and policies commit in one
// transaction; bulk data follows in batches with bounded memory.

/** force: allow a production environment. reset: empty a database that already has data first. */
export type TSeedOptions = { databaseUrl: string; scale?: number; password?: string; force?: boolean; reset?: boolean; log?: (m: string) => void };
export type TSeedResult = { seeded: boolean; reason?: string; counts?: Record<string, number>; ms?: number };

const BATCH = 5_000;
const DAY = 86_400_000;
const DEFAULT_PASSWORD = "arbiter-demo";

// The seed runs outside the app (CLI, tests) before lib/server/env.ts is configured, so it
// reads its three switches here, in one place.
function seedEnvironment() {
  return { nodeEnv: process.env.NODE_ENV, arbiterEnv: process.env.ARBITER_ENV, demoPassword: process.env.DEMO_PASSWORD };
}

export async function seedDemo(opts: TSeedOptions): Promise<TSeedResult> {
  const started = performance.now();
  const log = opts.log ?? (() => {});
  const scale = opts.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0) throw new Error(`scale must be a positive number, got ${scale}`);
  const env = seedEnvironment();
  if (!opts.force && (env.nodeEnv === "production" || env.arbiterEnv === "production")) {
    throw new Error("Refusing to load demo data into a production environment (NODE_ENV or ARBITER_ENV is \"production\"); pass force to override");
  }
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: opts.databaseUrl }) });
  // Bulk rows go through plain pg (see bulk-tables.ts); one connection, statements in order.
  const bulk = new pg.Pool({ connectionString: opts.databaseUrl, max: 1 });
  const exec: TExec = async (sql, params) => (await bulk.query(sql, params)).rowCount ?? 0;
  try {
    if ((await prisma.user.count()) > 0) {
      if (!opts.reset) return { seeded: false, reason: "database already has users" };
      await wipeDomainData(prisma, log);
    }
    const counts: Record<string, number> = {};
    const lap = stopwatch(log);

    const [clock] = await prisma.$queryRaw<{ day: string }[]>`SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day`;
    // Midnight UTC today: all generated times are relative to it, so a given day always gives the same data.
    const ref = new Date(`${clock!.day}T00:00:00Z`);
    const passwordHash = await hashPassword(opts.password ?? env.demoPassword ?? DEFAULT_PASSWORD);
    const org = buildOrg(ref);
    const accounts = buildAccounts(org, ref, scale);
    lap(`generated org (${org.users.length} users) and ${accounts.length} accounts`);

    // Policies count as published a month before the reference day, so the recent history
    // seeded below was decided under them.
    const publishedAt = new Date(ref.getTime() - 30 * DAY);
    const policies = await prisma.$transaction(
      async (tx) => {
        counts.teams = await insertAll(tx.team, org.teams.map(({ id, name, region }) => ({ id, name, region })));
        counts.users = await insertAll(tx.user, org.users.map((u) => ({ ...u, passwordHash })));
        for (const team of org.teams) {
          if (team.managerId) await tx.team.update({ where: { id: team.id }, data: { managerId: team.managerId } });
        }
        counts.territories = await insertAll(tx.territory, org.territories);
        counts.absences = await insertAll(tx.absence, org.absences);
        counts.delegations = await insertAll(tx.delegation, org.delegations);
        const published = await publishDefaultPolicies(tx, org, ref, publishedAt);
        counts.policyVersions = Object.keys(published.ids).length;
        return published;
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
    lap("wrote org and published 7 policies");

    // Parents precede their subsidiaries, so each parent row exists before a child points at it.
    counts.accounts = 0;
    for (let i = 0; i < accounts.length; i += BATCH) {
      counts.accounts += await insertUnnest(exec, "accounts", ACCOUNT_COLUMNS, accounts.slice(i, i + BATCH));
    }

    const accountWeight = accounts.map((a) => (a.segment === "ENTERPRISE" ? 3 : a.segment === "MID_MARKET" ? 2 : 1));
    const pickAccount = weightedIndex(accountWeight);
    const partnerTeam = org.teamByKey.get("partner");
    const partnerRepIds = (partnerTeam ? (org.repsByTeam.get(partnerTeam.id) ?? []) : []).map((u) => u.id);

    const totalLeads = Math.max(100, Math.round(3000 * scale));
    const leadCtx: TLeadContext = {
      org, ref, accounts, pickAccount, partnerRepIds,
      model: policies.bodies.SCORING,
      inboundTeamId: org.teamByKey.get("inbound")!.id,
      prospectCount: Math.max(50, Math.round(totalLeads * 0.16)),
      accountCounters: new Int32Array(accounts.length),
      prospectCounters: new Int32Array(Math.max(50, Math.round(totalLeads * 0.16))),
      competitorCounters: new Int32Array(8),
    };
    Object.assign(counts, { leads: 0, leadActivities: 0, lifecycleTransitions: 0 });
    const leadBatches = Math.ceil(totalLeads / BATCH);
    await pipelineBatches(
      leadBatches,
      (b) => buildLeadBatch(leadCtx, b, b * BATCH, Math.min(totalLeads, (b + 1) * BATCH)),
      async (data, b) => {
        counts.leads! += await insertUnnest(exec, "leads", LEAD_COLUMNS, data.leads);
        counts.leadActivities! += await insertUnnest(exec, "lead_activities", ACTIVITY_COLUMNS, data.activities);
        counts.lifecycleTransitions! += await insertUnnest(exec, "lifecycle_transitions", TRANSITION_COLUMNS, data.transitions);
        if (leadBatches > 1 && ((b + 1) % 10 === 0 || b + 1 === leadBatches)) log(`  leads ${counts.leads}/${totalLeads}`);
      },
    );
    lap(`wrote ${counts.leads} leads, ${counts.leadActivities} activities, ${counts.lifecycleTransitions} lifecycle transitions`);

    const approvalCtx = { org, policy: policies.bodies.APPROVAL, policyVersionId: policies.ids.APPROVAL, publishedAt, ref };
    const oppCtx: TOppContext = { ...approvalCtx, accounts, pickAccount, pipeline: policies.bodies.PIPELINE, partnerRepIds };
    const totalOpps = Math.max(40, Math.round(800 * scale));
    Object.assign(counts, { opportunities: 0, opportunityStageChanges: 0, exceptionRequests: 0, approvalSteps: 0 });
    const writeDeals = async (data: ReturnType<typeof buildOpportunityBatch>) => {
      counts.opportunities! += await insertUnnest(exec, "opportunities", OPPORTUNITY_COLUMNS, data.opportunities);
      counts.opportunityStageChanges! += await insertUnnest(exec, "opportunity_stage_changes", STAGE_CHANGE_COLUMNS, data.stageChanges);
      counts.exceptionRequests! += await insertUnnest(exec, "exception_requests", EXCEPTION_COLUMNS, data.requests);
      counts.approvalSteps! += await insertUnnest(exec, "approval_steps", STEP_COLUMNS, data.steps);
    };
    await pipelineBatches(
      Math.ceil(totalOpps / BATCH),
      (b) => buildOpportunityBatch(oppCtx, b, b * BATCH, Math.min(totalOpps, (b + 1) * BATCH)),
      writeDeals,
    );
    const emeaMm = org.teamByKey.get("emea-mm")!;
    await writeDeals(buildScriptedExceptions({ ...approvalCtx, accounts, emeaRep: org.repsByTeam.get(emeaMm.id)![0]! }));
    // The archive's stored figures (tier, requested / granted discount), as the commands set them.
    await storeArchiveFigures(prisma, "all");
    lap(`wrote ${counts.opportunities} opportunities and ${counts.exceptionRequests} exception requests`);

    const ms = Math.round(performance.now() - started);
    await prisma.$transaction(async (tx) => {
      await appendDecisions(tx, [
        {
          kind: "seed.loaded",
          subjectType: "Seed",
          subjectId: "demo",
          actorId: null,
          input: { scale, referenceDay: clock!.day },
          output: { counts, ms },
          reasons: [`Demo organisation loaded at scale ${scale}: ${counts.users} users, ${counts.accounts} accounts, ${counts.leads} leads, ${counts.opportunities} opportunities`],
        },
      ]);
    });
    return { seeded: true, counts, ms };
  } finally {
    await Promise.all([prisma.$disconnect(), bulk.end()]);
  }
}

function stopwatch(log: (m: string) => void): (what: string) => void {
  let last = performance.now();
  return (what) => {
    const now = performance.now();
    log(`${what} (${Math.round(now - last)} ms)`);
    last = now;
  };
}

/**
 * `reset` on a database that already has data: empties every domain table so the demo can be
 * loaded again. The decision log and its chain are append-only (the database refuses to empty
 * them), so the new seed's entries are appended to the existing chain.
 */
async function wipeDomainData(prisma: PrismaClient, log: (m: string) => void): Promise<void> {
  const tables = await prisma.$queryRaw<{ name: string }[]>`
    SELECT tablename AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename NOT IN ('decision_log', 'decision_chain', 'decision_log_pending', '_prisma_migrations')`;
  if (tables.length === 0) return;
  log(`reset: emptying ${tables.length} tables before loading the demo again (the decision log is kept)`);
  await prisma.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.name.replace(/"/g, '""')}"`).join(", ")} CASCADE`);
}
