// Benchmark (not a test): 20,000 leads through the batch intake path (intakeBatch, the code
// behind POST /api/v1/leads/batch) on a throwaway embedded Postgres seeded with the demo org
// (its published scoring, lifecycle and routing policies, pools, accounts and leads).
// Everything is committed: match, merge, score, stage, routing with pool counters,
// notifications, decision log. Prints leads/s, per-chunk latency, where the time goes, and
// checks what was written (lead count, one routed entry per routed lead, pool counters,
// an intact decision-log chain).
//   npm run bench:intake
//   BENCH_LEADS=5000 BENCH_BATCH=1000 BENCH_PARALLEL=2 BENCH_CHUNK=250 BENCH_SCALE=1 BENCH_PROFILE=1 npm run bench:intake
//   BENCH_PROCS=2: the batches go through that many intake processes at once (as that many app
//   servers taking batch requests; support/intake-process.ts), each with its own pipeline; the
//   batches are dealt round-robin, BENCH_PARALLEL at a time per process is not used then
import { Session } from "node:inspector/promises";
import { applyMigrations } from "@/lib/cli/db/apply-migrations";
import { startThrowawayPostgres } from "@/lib/cli/pg/throwaway";
import { mulberry32 } from "@/lib/engine/random/mulberry32";
import { hostSpeedLine } from "./support/host-speed";
import { postgresCpuMs } from "./support/process-cpu";

const LEADS = Number(process.env.BENCH_LEADS ?? 20_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1_000);
const PARALLEL = Number(process.env.BENCH_PARALLEL ?? 1);
const SCALE = Number(process.env.BENCH_SCALE ?? 0.5);
const PROFILE = process.env.BENCH_PROFILE === "1";
const PROCS = Number(process.env.BENCH_PROCS ?? 1);
// Leads per chunk (intake-batch.ts CHUNK_SIZE by default); chunks go through the process's pipeline, two in flight (ADR 0026).
const CHUNK = process.env.BENCH_CHUNK ? Number(process.env.BENCH_CHUNK) : undefined;
// "single": the same leads through single intake, 4 at a time (what the batch route did before ADR 0012), for comparison.
const PATH = process.env.BENCH_PATH === "single" ? "single" : "batch";

// BENCH_PG_STATS=1: also print the Postgres statements that took the server's time (pg_stat_statements).
const PG_STATS = process.env.BENCH_PG_STATS === "1";
const pg = await startThrowawayPostgres({ prefix: "arbiter-bench", ownSignals: true, settings: PG_STATS ? ["shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=all"] : [] });
process.env.DATABASE_URL = pg.url;
await applyMigrations(pg.url);
const { seedDemo } = await import("@/prisma/seed");
const { db } = await import("@/lib/server/db");
const { intakeBatch } = await import("@/lib/server/commands/leads/intake-batch");
const { intakeLead } = await import("@/lib/server/commands/intake/intake-lead");
const { sealDecisionLog, startDecisionLogSealer, verifyDecisionLog } = await import("@/lib/server/decision-log");

const t0 = performance.now();
await seedDemo({ databaseUrl: pg.url, scale: SCALE, log: () => {} });
// The demo reps work weekdays in their own zones; so that the run routes into pools (and moves
// their fairness counters) whatever day and hour it starts, everyone is made available.
await db().$executeRaw`UPDATE users SET working_hours = '{}'::jsonb`;
const actor = await db().user.findFirstOrThrow({ where: { role: "REVOPS" }, select: { id: true, role: true, name: true } });
const accounts = await db().account.findMany({ where: { domain: { not: null } }, select: { name: true, domain: true } });
const stored = await db().lead.findMany({ where: { email: { not: null } }, select: { email: true }, take: 20_000 });
const before = {
  leads: await db().lead.count(),
  log: await db().decisionLog.count(),
  poolAssignments: Number((await db().$queryRaw<{ n: bigint }[]>`SELECT coalesce(sum(assigned_total), 0)::bigint AS n FROM routing_pool_members`)[0]!.n),
};
console.log(`intake benchmark (PostgreSQL embedded, ${process.platform}, node ${process.version})`);
console.log(`seeded scale ${SCALE}: ${before.leads.toLocaleString("en")} leads, ${accounts.length.toLocaleString("en")} accounts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// ---------------------------------------------------------------- a realistic mix
const rand = mulberry32(20261121);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const FIRST = ["Ana", "Ben", "Chloé", "Dev", "Eva", "Femi", "Goran", "Hana", "Ivan", "Jun", "Kai", "Lena", "Mara", "Nils", "Omar", "Pia"];
const LAST = ["Lang", "Okafor", "Svensson", "Tanaka", "Dubois", "García", "Novak", "Rossi", "Kim", "Müller", "Singh", "Walsh"];
const TITLES = ["VP Sales", "Head of Operations", "Engineer", "CTO", "Director IT", "Analyst", "Marketing Manager", "Student", "CFO", "Procurement Lead"];
const COUNTRIES = ["US", "US", "US", "CA", "GB", "DE", "FR", "NL", "ES", "SE", "AU", "JP", "IN", "SG", "BR", "Germany", "United Kingdom"];
const SOURCES = ["web", "webinar", "event", "paid_search", "outbound", "referral", "content", "partner"];
const PRODUCTS = ["analytics", "platform", "security", "integrations"];
const PERSONAL = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com"];
const mix = { accountDomain: 0, companyName: 0, personal: 0, storedDuplicate: 0, runDuplicate: 0, unknownCompany: 0 };
const sent: string[] = [];

function person(i: number) {
  const first = pick(FIRST);
  const last = pick(LAST);
  return {
    firstName: first,
    lastName: last,
    title: pick(TITLES),
    country: pick(COUNTRIES),
    source: pick(SOURCES),
    productInterest: rand() < 0.8 ? pick(PRODUCTS) : undefined,
    employees: rand() < 0.6 ? Math.round(Math.exp(2 + rand() * 8)) : undefined,
    customAttributes: rand() < 0.5 ? { webinarsAttended: int(4), budgetConfirmed: rand() < 0.3 } : undefined,
    local: `${first}.${last}.${i}`.toLowerCase().normalize("NFD").replace(/[^a-z0-9.]/g, ""),
  };
}

function lead(i: number): Record<string, unknown> {
  const { local, ...p } = person(i);
  const x = rand();
  let body: Record<string, unknown>;
  if (x < 0.4 && accounts.length > 0) {
    mix.accountDomain++;
    const a = pick(accounts);
    body = { ...p, email: `${local}@${a.domain}`, company: a.name };
  } else if (x < 0.5 && accounts.length > 0) {
    mix.companyName++;
    const a = pick(accounts);
    body = { ...p, email: `${local}@${pick(PERSONAL)}`, company: a.name.toUpperCase() };
  } else if (x < 0.6) {
    mix.personal++;
    body = { ...p, email: `${local}@${pick(PERSONAL)}` };
  } else if (x < 0.72 && stored.length > 0) {
    mix.storedDuplicate++;
    body = { email: pick(stored).email, title: p.title, productInterest: p.productInterest, customAttributes: p.customAttributes };
  } else if (x < 0.8 && sent.length > 0) {
    mix.runDuplicate++;
    body = { email: pick(sent), title: p.title, source: p.source };
  } else {
    mix.unknownCompany++;
    const company = `Newco ${int(3000)}`;
    body = { ...p, email: `${local}@newco${int(3000)}.example`, company, externalId: rand() < 0.3 ? `crm-${i}` : undefined };
  }
  if (typeof body.email === "string") sent.push(body.email);
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}
const leads = Array.from({ length: LEADS }, (_, i) => lead(i));
const batches: Record<string, unknown>[][] = [];
for (let i = 0; i < leads.length; i += BATCH) batches.push(leads.slice(i, i + BATCH));

// ---------------------------------------------------------------- run
const timings = { locks: 0, load: 0, plan: 0, route: 0, write: 0, log: 0, confirm: 0, commit: 0 };
const chunkMs: number[] = [];
let redone = 0;
const summary = { created: 0, updated: 0, invalid: 0, error: 0 };
async function oneByOne(batch: Record<string, unknown>[]) {
  const started = performance.now();
  const summary = { created: 0, updated: 0, invalid: 0 };
  const results: { status: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < batch.length) {
        const raw = batch[next++];
        try {
          const r = await intakeLead({ actor, raw, channel: "API" });
          summary[r.status]++;
          results.push(r);
        } catch {
          results.push({ status: "error" });
        }
      }
    }),
  );
  chunkMs.push(performance.now() - started);
  return { summary, results };
}

const session = PROFILE ? new Session() : null;
if (session) {
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
}
if (PG_STATS) {
  await db().$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  await db().$queryRawUnsafe("SELECT pg_stat_statements_reset()");
}
// The decision log's sealer runs during the run as it does in the worker (every 200 ms, ADR 0023).
const sealer = startDecisionLogSealer(db());
// A chunk's transaction open for 10 s means it waits for something: say what, and for whom.
const stuckWatch = await (await import("./support/pg-waits")).watchStuckTransactions(pg.url);
const processes = PROCS > 1 ? await startIntakeProcesses() : null;
const speedBefore = hostSpeedLine("before the run");
const cpuBefore = process.cpuUsage();
const pgCpuBefore = postgresCpuMs(pg.dataDir);
const started = performance.now();
let nextBatch = 0;
let childCpuMs = 0;
if (processes) {
  for (const done of await processes.go()) {
    for (const k of Object.keys(summary) as (keyof typeof summary)[]) summary[k] += done.summary[k];
    for (const k of Object.keys(timings) as (keyof typeof timings)[]) timings[k] += done.timings[k];
    chunkMs.push(...done.chunkMs);
    redone += done.redone;
    childCpuMs += done.cpuMs;
  }
}
await Promise.all(
  Array.from({ length: processes ? 0 : PARALLEL }, async () => {
    while (nextBatch < batches.length) {
      const batch = batches[nextBatch++]!;
      const result = PATH === "batch" ? await intakeBatch({ actor, leads: batch, channel: "API", timings, chunkSize: CHUNK, onChunk: ({ ms, redone: again }) => (chunkMs.push(ms), (redone += again ? 1 : 0)) }) : await oneByOne(batch);
      summary.created += result.summary.created;
      summary.updated += result.summary.updated;
      summary.invalid += result.summary.invalid;
      summary.error += result.results.filter((r) => r.status === "error").length;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
// The figure includes the chaining: the run ends when the last entry is in the chain too.
const unchained = Number((await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM decision_log_pending`)[0]!.n);
await sealer.stop();
await sealDecisionLog(db());
const chainedSeconds = (performance.now() - started) / 1000;
await stuckWatch.stop();
const cpu = process.cpuUsage(cpuBefore);
const pgCpuMs = postgresCpuMs(pg.dataDir) - pgCpuBefore;
const speedAfter = hostSpeedLine("after it");
const profile = session ? (await session.post("Profiler.stop")).profile : null;
if (profile && process.env.BENCH_PROFILE_OUT) (await import("node:fs")).writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));

/** BENCH_PROCS > 1: the intake processes, started and warm; go() runs them and gives their reports. */
async function startIntakeProcesses() {
  const { spawn } = await import("node:child_process");
  const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
  const { createInterface } = await import("node:readline");
  const dir = mkdtempSync("/tmp/arbiter-bench-procs-");
  type TReport = { summary: typeof summary; timings: typeof timings; chunkMs: number[]; redone: number; cpuMs: number };
  const children = Array.from({ length: PROCS }, (_, k) => {
    const job = `${dir}/job-${k}.json`;
    writeFileSync(job, JSON.stringify({ actor, batches: batches.filter((_, i) => i % PROCS === k), chunkSize: CHUNK }));
    // The same Node flags as this process (tsx's loader, react-server conditions).
    const child = spawn(process.execPath, [...process.execArgv, "bench/support/intake-process.ts"], { env: { ...process.env, BENCH_CHILD_JOB: job }, stdio: ["pipe", "pipe", "inherit"] });
    const lines = createInterface({ input: child.stdout! });
    const next = () => new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      child.once("exit", (code) => reject(new Error(`intake process ${k} exited with ${code}`)));
    });
    return { child, next };
  });
  await Promise.all(children.map((c) => c.next())); // "ready"
  return {
    go: async (): Promise<TReport[]> => {
      const reports = children.map((c) => c.next());
      for (const c of children) c.child.stdin!.write("go\n");
      const done = (await Promise.all(reports)).map((line) => JSON.parse(line) as TReport);
      rmSync(dir, { recursive: true, force: true });
      return done;
    },
  };
}

// ---------------------------------------------------------------- report
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
console.log(`mix: ${Object.entries(mix).map(([k, v]) => `${k} ${v}`).join(", ")}`);
// Only what was committed counts: an item refused or rolled back (error) is not a lead taken in.
const committedLeads = summary.created + summary.updated;
if (committedLeads !== LEADS) console.log(`WARNING: ${(LEADS - committedLeads).toLocaleString("en")} of the ${LEADS.toLocaleString("en")} leads were not committed (invalid ${summary.invalid}, error ${summary.error}; a rolled-back chunk says why above): the rates below count the committed ones only`);
console.log(`${LEADS.toLocaleString("en")} leads through the ${PATH} path in ${batches.length} batches of ${BATCH} (${processes ? `${PROCS} processes, one batch at a time each` : `${PARALLEL} at a time`}): ${seconds.toFixed(2)} s = ${Math.round(committedLeads / seconds).toLocaleString("en")} leads/s committed; ${chainedSeconds.toFixed(2)} s = ${Math.round(committedLeads / chainedSeconds).toLocaleString("en")} leads/s committed and chained (${unchained.toLocaleString("en")} entries were waiting for the sealer when the last chunk committed)`);
if (processes) console.log(`the ${PROCS} intake processes' CPU: ${(childCpuMs / 1000).toFixed(2)} s = ${(childCpuMs / LEADS).toFixed(3)} ms per lead (this process ran the sealer)`);
console.log(`this process's CPU: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s = ${((cpu.user + cpu.system) / 1000 / LEADS).toFixed(3)} ms per lead (the rest of the wall time is Postgres, and waiting for a CPU on a shared machine: load average ${(await import("node:os")).loadavg()[0]!.toFixed(1)})`);
{
  const nodeMs = childCpuMs + (cpu.user + cpu.system) / 1000;
  const perLead = (nodeMs + pgCpuMs) / LEADS;
  const cpus = (await import("node:os")).cpus().length;
  // What bounds throughput when the CPUs are the limit: every lead costs this much of them.
  console.log(
    `CPU per lead, everything (Node ${(nodeMs / LEADS).toFixed(3)} ms + Postgres ${(pgCpuMs / LEADS).toFixed(3)} ms) = ${perLead.toFixed(3)} ms: ` +
      `${cpus} CPUs fully used would commit at most ${Math.round((cpus * 1000) / perLead).toLocaleString("en")} leads/s at that cost`,
  );
}
console.log(speedBefore);
console.log(speedAfter);
console.log(`results: created ${summary.created}, updated ${summary.updated}, invalid ${summary.invalid}, error ${summary.error}`);
console.log(`chunks redone because a pool moved under their picks: ${redone}`);
console.log(`chunk latency (${chunkMs.length} chunks): p50 ${pct(chunkMs, 50).toFixed(0)} ms, p95 ${pct(chunkMs, 95).toFixed(0)} ms, max ${Math.max(...chunkMs).toFixed(0)} ms`);
const total = Object.values(timings).reduce((a, b) => a + b, 0);
console.log("where the time goes (summed over chunks):");
for (const [phase, ms] of Object.entries(timings)) console.log(`  ${phase.padEnd(7)} ${ms.toFixed(0).padStart(7)} ms  ${((100 * ms) / total).toFixed(1).padStart(5)} %`);

const after = {
  leads: await db().lead.count(),
  log: await db().decisionLog.count(),
  routed: await db().decisionLog.count({ where: { kind: "lead.routed", id: { gt: 0 } } }),
  poolAssignments: Number((await db().$queryRaw<{ n: bigint }[]>`SELECT coalesce(sum(assigned_total), 0)::bigint AS n FROM routing_pool_members`)[0]!.n),
};
console.log(
  `committed: +${(after.leads - before.leads).toLocaleString("en")} leads (created ${summary.created}), +${(after.log - before.log).toLocaleString("en")} decision-log entries, +${after.poolAssignments - before.poolAssignments} pool assignments`,
);
const placedRows = await db().$queryRaw<{ owner: bigint; queue: bigint; neither: bigint }[]>`
  SELECT count(*) FILTER (WHERE owner_id IS NOT NULL) AS owner, count(*) FILTER (WHERE owner_id IS NULL AND queue_team_id IS NOT NULL) AS queue,
         count(*) FILTER (WHERE owner_id IS NULL AND queue_team_id IS NULL) AS neither
  FROM leads WHERE created_at >= ${new Date(Date.now() - seconds * 1000 - 60_000)}`;
const placed = placedRows[0]!;
console.log(`placement of the leads created: owner ${placed.owner}, queue ${placed.queue}, neither ${placed.neither}`);
if (after.leads - before.leads !== summary.created) throw new Error("lead count does not match the created results");
const logSizes = await db().$queryRaw<{ kind: string; n: bigint; bytes: number }[]>`
  SELECT kind, count(*) AS n, avg(octet_length(input::text) + octet_length(output::text) + octet_length(reasons::text))::float8 AS bytes
  FROM decision_log WHERE created_at >= ${new Date(Date.now() - seconds * 1000 - 60_000)} GROUP BY kind ORDER BY count(*) DESC`;
console.log(`decision-log entries written, by kind (average bytes of input + output + reasons): ${logSizes.map((r) => `${r.kind} ${r.n} × ${Math.round(r.bytes)} B`).join(", ")}`);
const chain = await verifyDecisionLog(db());
console.log(`decision log chain: ${chain.ok ? `intact (${chain.checked.toLocaleString("en")} entries)` : `BROKEN at ${chain.brokenId}: ${chain.problem}`}`);

if (PG_STATS) {
  const statements = await db().$queryRawUnsafe<{ query: string; calls: bigint; ms: number }[]>(
    "SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query, calls, total_exec_time AS ms FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 20",
  );
  console.log("\nPostgres server time by statement (pg_stat_statements, summed over the run):");
  for (const s of statements) console.log(`  ${s.ms.toFixed(0).padStart(7)} ms ${String(s.calls).padStart(6)} calls  ${s.query}`);
}

if (profile) {
  // Self time per function and per area of the code, from the V8 sampling profile.
  const self = new Map<string, number>();
  const area = new Map<string, number>();
  const dt = (profile.endTime - profile.startTime) / Math.max(1, profile.samples?.length ?? 1);
  const counts = new Map<number, number>();
  for (const id of profile.samples ?? []) counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const node of profile.nodes) {
    const n = counts.get(node.id) ?? 0;
    if (n === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*\/(node_modules\/(@[^/]+\/)?[^/]+|intakeperf\/)/, "$1");
    const key = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + n * dt);
    const group = url === "" ? functionName : url.includes("node_modules") ? (file.split("/").slice(0, url.includes("/@") ? 3 : 2).join("/")) : url.startsWith("node:") ? "node internals" : file.split("/").slice(0, 3).join("/");
    area.set(group, (area.get(group) ?? 0) + n * dt);
  }
  const wall = profile.endTime - profile.startTime; // µs
  console.log(`\nCPU profile of this process (${(wall / 1e6).toFixed(1)} s sampled; idle = waiting for Postgres):`);
  for (const [k, us] of [...area].sort((a, b) => b[1] - a[1]).slice(0, 14)) console.log(`  ${(us / 1000).toFixed(0).padStart(6)} ms ${((100 * us) / wall).toFixed(1).padStart(5)} %  ${k}`);
  console.log("top functions by self time:");
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
}

await (await import("@/lib/server/jobs/boss")).stopSender();
await db().$disconnect();
await pg.stop();
