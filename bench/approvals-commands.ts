// Benchmark (not a test): the submit and decide commands under load. A throwaway embedded
// Postgres with the demo org (seed scale 0.2); 20 virtual users run in parallel, each a rep
// who submits a 27% discount (the cumulative ladder: manager, then VP) on a fresh deal,
// then that rep's manager and the region's VP approve it. Every call goes through the real
// command: the plan, the row locks, the conditional step update, notifications, the
// archive figures and the decision log. Target: p95 ≤ 100 ms for submit and for decide.
// It also prints where each command's time goes: statements (round trips) and the time spent
// waiting for their answers, per kind of statement; the pool wait; this process's and
// PostgreSQL's CPU per command (on a shared
// machine the CPU figures are the ones that do not depend on the neighbours).
//   npm run bench:approvals-commands      (BENCH_USERS, BENCH_ROUNDS to change the load)
//   BENCH_WAITS=1     samples pg_stat_activity during the 20-user run: what the server's
//                     sessions were doing (running, waiting for a lock, idle in a transaction)
//   BENCH_PG_STATS=1  Postgres execution time per statement (pg_stat_statements)
//   BENCH_PROFILE=1   CPU profile of this process, by area and function (BENCH_PROFILE_TOP rows;
//                     BENCH_PROFILE_FILE=x.cpuprofile also writes it out, for a viewer)
//   BENCH_TRACE=1     the statements of one submit and one decide, in order
//   BENCH_START=warm  (default) a server that has served traffic: DATABASE_POOL_MIN is the pool
//                     size, so its sessions stay open, and every user runs one round before the
//                     measured run, so each session has prepared and planned its statements
//   BENCH_START=open  a server just started: its sessions are open (warmDbPool), never used
//   BENCH_START=cold  no session kept or opened ahead (DATABASE_POOL_MIN=0, as the pool was before
//                     that setting existed): the first commands each start one
//   BENCH_SOCKET=1    this process talks to Postgres over a Unix socket instead of TCP on
//                     127.0.0.1 (how much of the socket writes' cost is the loopback TCP stack)
import { Session } from "node:inspector/promises";
import { applyMigrations } from "@/lib/cli/db/apply-migrations";
import { startThrowawayPostgres } from "@/lib/cli/pg/throwaway";
import { commandMeter } from "./support/command-meter";
import { sampleWaits } from "./support/pg-waits";
import { profileSummary } from "./support/cpu-profile";
import { hostSpeedLine } from "./support/host-speed";
import { postgresCpuMs } from "./support/process-cpu";

const USERS = Number(process.env.BENCH_USERS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const WHY = { justification: "Competitive displacement; the customer signs this quarter", impactedKpi: "Win rate", evidenceLinks: [] };

const WAITS = process.env.BENCH_WAITS === "1";
const PG_STATS = process.env.BENCH_PG_STATS === "1";
const PROFILE = process.env.BENCH_PROFILE === "1";
const TRACE = process.env.BENCH_TRACE === "1";
const SOCKET = process.env.BENCH_SOCKET === "1";
const traces = new Map<string, string[]>();
const meter = commandMeter();

const pg = await startThrowawayPostgres({ prefix: "arbiter-bench", ownSignals: true, settings: [...(PG_STATS ? ["shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=all", "pg_stat_statements.track_planning=on"] : []), ...(SOCKET ? ["unix_socket_directories=/tmp"] : [])] });
process.env.DATABASE_URL = SOCKET ? pg.url.replace("@127.0.0.1:", "@%2Ftmp:") : pg.url;
process.env.DATABASE_POOL_MAX ??= String(USERS);
// How the 20-user run finds the server (see BENCH_START above). A server configured for this
// many users keeps that many sessions (DATABASE_POOL_MIN = pool size): opened at start
// (instrumentation.ts → warmDbPool), never closed for being idle.
const START = process.env.BENCH_START ?? "warm";
if (!["warm", "open", "cold"].includes(START)) throw new Error("BENCH_START must be warm, open or cold");
process.env.DATABASE_POOL_MIN ??= START === "cold" ? "0" : process.env.DATABASE_POOL_MAX;
await applyMigrations(pg.url);
const { seedDemo } = await import("@/prisma/seed");
await seedDemo({ databaseUrl: pg.url, scale: 0.2, log: () => {} });
const { db, warmDbPool } = await import("@/lib/server/db");
const opened = await warmDbPool();
const { SESSION_USER_SELECT } = await import("@/lib/server/auth/session-user");
const { submitExceptionRequest } = await import("@/lib/server/commands/exceptions/submit-exception-request");
const { decideApprovalStep } = await import("@/lib/server/commands/exceptions/decide-approval-step");
// The decision log's sealer chains committed entries during the run, as the worker does (ADR 0023).
const { startDecisionLogSealer, verifyDecisionLog } = await import("@/lib/server/decision-log");
const sealer = startDecisionLogSealer(db());

// Reps with a manager, each the "user" of one virtual session; their deals are made up front.
const reps = await db().user.findMany({ where: { role: "REP", active: true, managerId: { not: null } }, select: SESSION_USER_SELECT, orderBy: { email: "asc" }, take: USERS });
if (reps.length < USERS) throw new Error(`The seed has ${reps.length} reps with a manager; need ${USERS}`);
const deals = new Map<string, string[]>();
for (const rep of reps) {
  const data = Array.from({ length: 2 * ROUNDS + 1 }, (_, i) => ({ name: `Bench deal ${rep.email} #${i}`, ownerId: rep.id, stage: "NEGOTIATION" as const, amount: "10000.00", listAmount: "10000.00" }));
  const made = await db().opportunity.createManyAndReturn({ data, select: { id: true } });
  deals.set(rep.id, made.map((m) => m.id));
}
type TUser = (typeof reps)[number];
// The benchmark's own read between commands (which step is pending, and its approver) goes over
// a plain pg pool of its own, one connection per user so it never queues: through a Prisma model
// query it cost about 0.5 ms of this process's CPU, counted in the per-command figure below.
const reads = new (await import("pg")).default.Pool({ connectionString: process.env.DATABASE_URL, max: USERS });
// At the end the server stops while these idle connections may still be closing: not an error of the run.
reads.on("error", () => {});
async function pendingStep(requestId: string): Promise<{ id: string; assigneeId: string }> {
  const { rows } = await reads.query({ name: "bench-pending-step", text: "SELECT id, assignee_id AS \"assigneeId\" FROM approval_steps WHERE request_id = $1 AND status = 'PENDING' LIMIT 1", values: [requestId] });
  if (!rows[0]) throw new Error(`Request ${requestId} has no pending step`);
  return rows[0];
}
const byId = new Map<string, TUser>();
async function sessionOf(id: string): Promise<TUser> {
  if (!byId.has(id)) byId.set(id, await db().user.findUniqueOrThrow({ where: { id }, select: SESSION_USER_SELECT }));
  return byId.get(id)!;
}

const submitMs: number[] = [];
// The submits after each user's first: at the start all users submit at the same instant, and
// that burst queues on the decision log's lock at once (reported apart, for reading p95).
const laterSubmitMs: number[] = [];
const decideMs: number[] = [];
async function timed<T>(into: number[], kind: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const trace = TRACE && kind.endsWith("1 user") && !traces.has(kind) ? traces.set(kind, []).get(kind) : undefined;
  const result = await meter.run(kind, run, trace);
  into.push(performance.now() - started);
  return result;
}

async function virtualUser(rep: (typeof reps)[number], rounds: number, record: boolean, into = { submit: submitMs, decide: decideMs }, phase = `${USERS} users`) {
  for (let i = 0; i < rounds; i++) {
    const opportunityId = deals.get(rep.id)!.pop()!;
    const started = performance.now();
    const { requestId } = await timed(record ? into.submit : [], `submit, ${phase}`, () => submitExceptionRequest({ actor: rep, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY } }));
    if (record && into.submit === submitMs && i > 0) laterSubmitMs.push(performance.now() - started);
    for (let stage = 0; stage < 2; stage++) {
      const step = await pendingStep(requestId);
      const approver = await sessionOf(step.assigneeId);
      await timed(record ? into.decide : [], `decide, ${phase}`, () => decideApprovalStep({ actor: approver, input: { requestId, stepId: step.id, decision: "APPROVE" } }));
    }
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const line = (label: string, xs: number[]) =>
  `${label.padEnd(8)} n=${String(xs.length).padStart(4)}  p50 ${pct(xs, 50).toFixed(1).padStart(6)} ms  p95 ${pct(xs, 95).toFixed(1).padStart(6)} ms  p99 ${pct(xs, 99).toFixed(1).padStart(6)} ms  max ${Math.max(...xs).toFixed(1).padStart(6)} ms  ${pct(xs, 95) <= 100 ? "PASS" : "FAIL"} (p95 ≤ 100 ms)`;

console.log(`approval commands benchmark (PostgreSQL embedded, node ${process.version}, ${process.platform}); ${USERS} parallel users × ${ROUNDS} rounds, pool ${process.env.DATABASE_POOL_MAX} (${opened} opened at start); start: ${START}`);
await virtualUser(reps[0]!, 1, false, undefined, "warm-up"); // warm-up: module loading, prepared statements, caches
// BENCH_START=warm: every user runs one round first, so the measured run starts on sessions
// that have served traffic (statements prepared and planned once per session, catalog caches
// loaded), as a running server's kept sessions have. Otherwise each of the 20 first submits
// pays for that on its session, at the same instant as the 19 others.
if (START === "warm") await Promise.all(reps.slice(1).map((rep) => virtualUser(rep, 1, false, undefined, "warm-up")));
// One user alone first: the commands' own cost, without contention.
const alone = { submit: [] as number[], decide: [] as number[] };
await virtualUser(reps[1]!, ROUNDS, true, alone, "1 user");
for (const [kind, statements] of traces) console.log(`${kind}: ${statements.length} statements\n${statements.map((s, i) => `  ${String(i + 1).padStart(2)} ${s}`).join("\n")}`);
console.log(line("submit", alone.submit) + "  (1 user)");
console.log(line("decide", alone.decide) + "  (1 user)");
if (PG_STATS) {
  await db().$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  await db().$queryRawUnsafe("SELECT pg_stat_statements_reset()");
}
const waits = WAITS ? await sampleWaits(pg.url) : null;
const session = PROFILE ? new Session() : null;
if (session) {
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
}
const speedBefore = hostSpeedLine("before the 20-user run");
const cpuBefore = process.cpuUsage();
const serverCpuBefore = postgresCpuMs(pg.dataDir);
const started = performance.now();
await Promise.all(reps.map((rep, i) => virtualUser(rep, i === 0 ? ROUNDS - 1 : ROUNDS, true)));
const seconds = (performance.now() - started) / 1000;
const speedAfter = hostSpeedLine("after it");
const cpu = process.cpuUsage(cpuBefore);
const serverCpu = (postgresCpuMs(pg.dataDir) - serverCpuBefore) / 1000;
const profile = session ? (await session.post("Profiler.stop")).profile : null;
const sessions = waits ? await waits.stop() : null;
const commands = submitMs.length + decideMs.length;
console.log(line("submit", submitMs) + `  (${USERS} users)`);
console.log(`${line("submit", laterSubmitMs)}  (${USERS} users, without each user's first submit: the ${USERS} simultaneous starts)`);
console.log(line("decide", decideMs) + `  (${USERS} users)`);
console.log(`${commands} commands in ${seconds.toFixed(1)} s (${(commands / seconds).toFixed(0)} commands/s)`);
console.log(speedBefore);
console.log(speedAfter);
console.log(
  `this process's CPU in the ${USERS}-user run: ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s = ${((cpu.user + cpu.system) / 1000 / commands).toFixed(1)} ms per command (${(cpu.user / 1000 / commands).toFixed(1)} user + ${(cpu.system / 1000 / commands).toFixed(1)} system) ` +
    `(the benchmark's own reads between commands included); load average ${(await import("node:os")).loadavg()[0]!.toFixed(1)} on ${(await import("node:os")).availableParallelism()} cores`,
);
console.log(`PostgreSQL's CPU in the ${USERS}-user run: ${serverCpu.toFixed(2)} s = ${((serverCpu * 1000) / commands).toFixed(1)} ms per command (all its processes, from /proc)`);

console.log("\nWhere a command's time goes, seen from this process (statements: send → answer, so lock waits and queueing for a CPU are in them):");
for (const l of meter.report([`submit, 1 user`, `decide, 1 user`, `submit, ${USERS} users`, `decide, ${USERS} users`])) console.log(l);
if (sessions) {
  console.log(`\nWhat the database's sessions were doing during the ${USERS}-user run (pg_stat_activity sampled every 10 ms; average number of sessions):`);
  for (const l of sessions) console.log(l);
}
if (PG_STATS) {
  // Execution and planning time per statement text; nested statements (foreign-key checks,
  // trigger bodies) are listed too (track=all) and marked "nested".
  const top = Number(process.env.BENCH_PG_STATS_TOP ?? 30);
  const statements = await db().$queryRawUnsafe<{ query: string; calls: bigint; ms: number; plan_ms: number; plans: bigint; toplevel: boolean }[]>(
    `SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query, calls, total_exec_time AS ms, total_plan_time AS plan_ms, plans, toplevel FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_activity%' AND query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time + total_plan_time DESC LIMIT ${top}`,
  );
  const [all] = await db().$queryRawUnsafe<{ calls: bigint; ms: number; plan_ms: number; top_calls: bigint }[]>(
    "SELECT sum(calls)::bigint AS calls, sum(calls) FILTER (WHERE toplevel)::bigint AS top_calls, sum(total_exec_time) FILTER (WHERE toplevel) AS ms, sum(total_plan_time) FILTER (WHERE toplevel) AS plan_ms FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_activity%' AND query NOT LIKE '%pg_stat_statements%'",
  );
  console.log(
    `\nPostgres time during the ${USERS}-user run (pg_stat_statements; lock waits included): execution ${all!.ms.toFixed(0)} ms + planning ${all!.plan_ms.toFixed(0)} ms in ${all!.top_calls} top-level statements = ${(all!.ms / commands).toFixed(2)} + ${(all!.plan_ms / commands).toFixed(2)} ms and ${(Number(all!.top_calls) / commands).toFixed(1)} statements per command (${(Number(all!.calls) / commands).toFixed(1)} with nested ones)`,
  );
  console.log("     exec ms  plan ms (plans)   calls");
  for (const s of statements) console.log(`  ${s.ms.toFixed(0).padStart(7)}  ${s.plan_ms.toFixed(0).padStart(7)} (${String(s.plans).padStart(5)})  ${String(s.calls).padStart(6)}  ${s.toplevel ? "" : "nested "}${s.query}`);
}
if (profile) for (const l of profileSummary(profile)) console.log(l);
if (profile && process.env.BENCH_PROFILE_FILE) (await import("node:fs")).writeFileSync(process.env.BENCH_PROFILE_FILE, JSON.stringify(profile)); // for a viewer (.cpuprofile)

await sealer.stop();
const chain = await verifyDecisionLog(db());
console.log(`\ndecision log chain: ${chain.ok ? `intact (${chain.checked.toLocaleString("en")} entries)` : `BROKEN at ${chain.brokenId}: ${chain.problem}`}`);

// The timers' pg-boss sender holds connections of its own: stop it before the server.
await (await (await import("@/lib/server/jobs/boss")).sender()).stop({ graceful: false, wait: true });
await reads.end();
await db().$disconnect();
await pg.stop();
