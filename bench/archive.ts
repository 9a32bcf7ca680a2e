// Benchmark (not a test): the exception archive list and its analytics over 100,000 requests
// on a throwaway embedded Postgres. Data is generated in SQL (INSERT … SELECT generate_series)
// so seeding takes seconds; the figures are server time for each query (median of 5 runs).
//   npm run bench:archive   (BENCH_PARTS=1: the analytics' two reads apart; BENCH_VACUUM=1: see below)
import { applyMigrations } from "@/lib/cli/db/apply-migrations";
import { startThrowawayPostgres } from "@/lib/cli/pg/throwaway";

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100_000);
const pg = await startThrowawayPostgres({ prefix: "arbiter-bench", ownSignals: true });
process.env.DATABASE_URL = pg.url;
await applyMigrations(pg.url);
const { db } = await import("@/lib/server/db");
const { archiveFilterOptions, listExceptionArchive } = await import("@/lib/server/queries/exception-archive");
const { computeExceptionAnalytics, readExceptionAnalytics } = await import("@/lib/server/queries/exception-analytics");
const { storeArchiveFigures } = await import("@/lib/server/commands/exceptions/archive-figures");

const t0 = performance.now();
await db().$executeRawUnsafe(`INSERT INTO teams (name, region) SELECT 'Team ' || g, (ARRAY['NA','EMEA','APAC'])[1 + g % 3] FROM generate_series(1, 8) g`);
await db().$executeRawUnsafe(`
  INSERT INTO users (email, name, role, team_id, password_hash, updated_at)
  SELECT 'rep' || g || '@bench.test', 'Rep ' || g, 'REP', (SELECT id FROM teams ORDER BY name OFFSET g % 8 LIMIT 1), 'x', now()
  FROM generate_series(1, 80) g`);
await db().$executeRawUnsafe(`
  INSERT INTO accounts (name, normalized_name, segment, updated_at)
  SELECT 'Account ' || g, 'account ' || g, (ARRAY['SMB','MID_MARKET','ENTERPRISE'])[1 + g % 3], now() FROM generate_series(1, 5000) g`);
// Numbered copies make "the n-th account / rep" a hash join instead of an OFFSET scan per row.
await db().$executeRawUnsafe(`CREATE TEMP TABLE acc_ids AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM accounts`);
await db().$executeRawUnsafe(`CREATE TEMP TABLE rep_ids AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM users`);
await db().$executeRawUnsafe(`
  INSERT INTO opportunities (name, account_id, owner_id, amount, list_amount, products, updated_at)
  SELECT 'Deal ' || g, a.id, u.id, 10000 + g % 90000, 12000 + g % 90000,
    CASE WHEN g % 2 = 0 THEN ARRAY['Core Platform','Analytics Suite'] ELSE ARRAY['Core Platform'] END, now()
  FROM generate_series(1, 40000) g
  JOIN acc_ids a ON a.n = g % 5000
  JOIN rep_ids u ON u.n = g % 80`);
await db().$executeRawUnsafe(`CREATE TEMP TABLE opp_ids AS SELECT row_number() OVER () AS n, id, owner_id FROM opportunities`);
await db().$executeRawUnsafe(`
  INSERT INTO exception_requests (opportunity_id, requester_id, type, status, details, justification, submitted_at, decided_at, updated_at)
  SELECT o.id, o.owner_id,
    (ARRAY['DISCOUNT','DISCOUNT','DISCOUNT','PAYMENT_TERMS','MULTI_YEAR','CUSTOM_LEGAL'])[1 + g % 6]::"ExceptionType",
    (ARRAY['APPROVED','APPROVED','APPROVED','REJECTED','APPROVED_WITH_CONDITIONS','PENDING','WITHDRAWN'])[1 + g % 7]::"ExceptionStatus",
    jsonb_build_object('discountPct', 8 + (g * 7) % 35), 'Justification ' || g,
    sub, CASE WHEN g % 7 = 5 THEN NULL ELSE sub + make_interval(hours => 1 + g % 60) END, now()
  FROM generate_series(1, ${REQUESTS}) g
  JOIN opp_ids o ON o.n = 1 + g % 40000
  CROSS JOIN LATERAL (SELECT timestamptz '2025-01-01' + make_interval(mins => (g * 7919) % (600 * 24 * 60))) s(sub)`);
await db().$executeRawUnsafe(`
  INSERT INTO approval_steps (request_id, stage_index, approver_role, status, decided_at, created_at)
  SELECT r.id, k - 1, (ARRAY['MANAGER','REGION_VP','DEAL_DESK'])[k], CASE WHEN r.decided_at IS NULL THEN 'PENDING' ELSE 'APPROVED' END::"ApprovalStepStatus",
    CASE WHEN r.decided_at IS NULL THEN NULL ELSE r.submitted_at + (r.decided_at - r.submitted_at) * k / (1 + abs(hashtext(r.id::text)) % 3) END,
    r.submitted_at
  FROM exception_requests r CROSS JOIN LATERAL generate_series(1, 1 + abs(hashtext(r.id::text)) % 3) k`);
// The stored archive figures, filled by the same statement the commands run on submit / decide.
await storeArchiveFigures(db(), "all");
// BENCH_VACUUM=1: the steady state of an archive that autovacuum has visited (the visibility
// map set, so index-only scans skip the heap); by default the figures are taken right after
// the bulk writes, the least favourable moment.
await db().$executeRawUnsafe(process.env.BENCH_VACUUM ? `VACUUM ANALYZE` : `ANALYZE`);
const [{ steps }] = (await db().$queryRaw<{ steps: bigint }[]>`SELECT count(*) AS steps FROM approval_steps`) as [{ steps: bigint }];
console.log(`exception archive benchmark (PostgreSQL embedded, ${process.platform}, node ${process.version})`);
console.log(`seeded ${REQUESTS.toLocaleString("en")} requests, ${Number(steps).toLocaleString("en")} steps in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

async function time(label: string, run: () => Promise<unknown>) {
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    await run();
    ms.push(performance.now() - s);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${ms[2]!.toFixed(0).padStart(5)} ms  max ${ms[4]!.toFixed(0).padStart(5)} ms`);
}

await time("archive page 1, newest first", () => listExceptionArchive({ sort: "submittedAt", dir: "desc", page: 1 }));
await time("archive page 200, by time to decision", () => listExceptionArchive({ sort: "timeToDecision", dir: "asc", page: 200 }));
await time("archive DISCOUNT + SMB + MANAGER tier", () => listExceptionArchive({ sort: "discount", dir: "desc", page: 1, type: "DISCOUNT", segment: "SMB", tier: "MANAGER" }));
await time("archive free text", () => listExceptionArchive({ sort: "decidedAt", dir: "desc", page: 1, q: "Justification 4242" }));
// What the archive page itself waits for: its list and the filter form's choices, side by side.
await time("archive page (list + filter choices)", () => Promise.all([listExceptionArchive({ sort: "submittedAt", dir: "desc", page: 1 }), archiveFilterOptions()]));
await time("analytics computed (first view after a change)", () => computeExceptionAnalytics());
await readExceptionAnalytics();
await time("analytics, archive unchanged since last view", () => readExceptionAnalytics());
if (process.env.BENCH_PARTS) {
  const parts = await import("@/lib/server/queries/exception-analytics");
  await time("  request aggregates (one grouped pass)", () => parts.requestAggregates());
  await time("  stage times (percentile_cont)", () => parts.stageTimes());
}

if (process.env.BENCH_HOLD) {
  // Keeps the seeded database up for EXPLAIN ANALYZE by hand; Ctrl-C stops it.
  console.log(`holding ${pg.url} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => ["SIGINT", "SIGTERM"].forEach((signal) => process.once(signal, () => resolve())));
}
await db().$disconnect();
await pg.stop();
