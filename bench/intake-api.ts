// Benchmark (not a test): the single-lead API, POST /api/v1/leads, at a steady 50 requests/s
// for 60 s (target: p99 ≤ 50 ms), on a throwaway embedded Postgres seeded with the demo org.
// Every request is a different lead (a mix of new leads at account domains, personal mail and
// repeats of earlier ones by e-mail), with its own Idempotency-Key (2 % are client retries that
// reuse an earlier key and body: a replay), authenticated by API key.
//
// Load is open-loop (bench/support/open-loop.ts): request k is due at k / rate s, and its
// latency counts from that due time, so a stalled server cannot hide (no coordinated omission).
//
// Two modes, chosen by whether a production build exists:
//   - HTTP (after `npx next build`): `next start` on BENCH_PORT (default 3105), requests over
//     keep-alive HTTP/1.1: the figure a client sees, minus the network.
//   - in-process (no build): the route handler called directly: the server's own time (auth,
//     idempotency, intake, commit) without Next's HTTP layer.
//
//   npm run bench:intake-api     BENCH_RATE=50 BENCH_SECONDS=60 BENCH_MODE=http|inproc
//   BENCH_WORKER=1       also run the background worker (webhooks, e-mail) in this process, as production would
//   BENCH_PG_STATS=1     print Postgres time and calls per statement (pg_stat_statements)
//   BENCH_SERVER_PROF=d  HTTP mode: write the app server's V8 CPU profile into directory d (--cpu-prof)
//   BENCH_PROFILE=f      in-process mode: write the V8 CPU profile of the measured run (only) to file f
//   BENCH_PG_SOCKET=1    the app connects to Postgres over a Unix socket instead of TCP
//   BENCH_TRACE=1        where the slow requests come from: prints each one over 100 ms with its
//                        wall-clock time, the app server's GC pauses and event-loop stalls
//                        (support/stall-probe.mjs), and Postgres's autovacuum, checkpoint and
//                        slow-statement log lines, all with wall-clock times
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import { applyMigrations } from "@/lib/cli/db/apply-migrations";
import { startThrowawayPostgres } from "@/lib/cli/pg/throwaway";
import { percentile, runOpenLoop, timelineLines } from "./support/open-loop";
import { groupCpuMs, postgresCpuMs } from "./support/process-cpu";

const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const PORT = Number(process.env.BENCH_PORT ?? 3105);
const MODE = process.env.BENCH_MODE ?? (existsSync(".next/BUILD_ID") ? "http" : "inproc");
const PG_STATS = process.env.BENCH_PG_STATS === "1";
const SERVER_PROF = process.env.BENCH_SERVER_PROF;
const TRACE = process.env.BENCH_TRACE === "1";
let traced = false; // Postgres's log lines are printed during the measured run only

// BENCH_PG_SOCKET=1: the app reaches Postgres over a Unix socket instead of TCP on 127.0.0.1
// (what a Postgres on the same host allows; each statement's send is a cheaper system call).
const socketDir = process.env.BENCH_PG_SOCKET === "1" ? mkdtempSync("/var/tmp/arbiter-bench-sock-") : null;
if (socketDir) chmodSync(socketDir, 0o777); // Postgres runs as its own OS user
const pg = await startThrowawayPostgres({
  prefix: "arbiter-bench",
  ownSignals: true,
  settings: [
    ...(PG_STATS ? ["shared_preload_libraries=pg_stat_statements", "pg_stat_statements.track=all", "pg_stat_statements.track_planning=on"] : []),
    ...(socketDir ? [`unix_socket_directories=${socketDir}`] : []),
    ...(TRACE ? ["log_autovacuum_min_duration=0", "log_checkpoints=on", "log_min_duration_statement=50", "log_lock_waits=on", "deadlock_timeout=20ms"] : []),
  ],
  ...(TRACE ? { verbose: true, log: (line: string) => void (traced && !/FATAL: +terminating connection/.test(line) && console.log(`[${line.replace(/^postgres: \d{4}-\d\d-\d\d /, "postgres ")}`)) } : {}),
});
const appDatabaseUrl = socketDir ? `${pg.url}?host=${encodeURIComponent(socketDir)}` : pg.url;
process.env.DATABASE_URL = appDatabaseUrl;
await applyMigrations(pg.url);
const { seedDemo } = await import("@/prisma/seed");
const { db } = await import("@/lib/server/db");
const { createApiKey } = await import("@/lib/server/api-keys");
await seedDemo({ databaseUrl: pg.url, scale: 0.2, log: () => {} });
// Reps available whatever the day, so requests route into pools (the costly path).
await db().$executeRaw`UPDATE users SET working_hours = '{}'::jsonb`;
const { key } = await createApiKey({ actorId: null, userEmail: "revops@arbiter.demo", name: "bench" });
const domains = (await db().account.findMany({ where: { domain: { not: null } }, select: { domain: true }, take: 500 })).map((a) => a.domain!);
const worker = process.env.BENCH_WORKER === "1" ? await (await import("@/lib/server/jobs/worker")).startWorker({ databaseUrl: pg.url, log: () => {} }) : null;

const runId = Date.now().toString(36);
/** Request i: its body and Idempotency-Key. Same i, same request (that is what a retry is). */
function request(i: number): { body: string; idempotencyKey: string } {
  if (i % 50 === 49) return request(i - 5); // a client retrying an earlier request: replayed, not run again
  const kind = i % 10;
  // 60 % new at an account's domain, 20 % personal mail, 20 % a repeat of an earlier lead by e-mail (a merge; some in capitals).
  const earlier = Math.max(0, i - 37);
  const email =
    kind < 6 ? `api.${runId}.${i}@${domains[i % domains.length]}`
    : kind < 8 ? `api.${runId}.${i}@gmail.com`
    : `${kind === 8 ? "API" : "api"}.${runId}.${earlier}@${domains[earlier % domains.length]}`;
  const body = JSON.stringify({ email, firstName: "Bench", lastName: `Lead ${i}`, title: ["VP Sales", "Engineer", "Head of IT", "Analyst"][i % 4], country: ["US", "DE", "GB", "AU"][i % 4], employees: [40, 400, 4000][i % 3] });
  return { body, idempotencyKey: `bench-${runId}-${i}` };
}
const headersFor = (idempotencyKey: string) => ({ authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": idempotencyKey });

console.log(`single-lead API benchmark, mode ${MODE}${worker ? " + worker" : ""}: ${RATE} requests/s for ${SECONDS} s, open loop (PostgreSQL embedded, node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)})`);

let send: (i: number) => Promise<number>;
let serverCpuMs: () => number;
let stopServer = async () => {};
if (MODE === "http") {
  const env = {
    ...process.env,
    DATABASE_URL: appDatabaseUrl,
    NODE_ENV: "production" as const,
    AUTH_SECRET: "bench-only-secret-not-for-production-use",
    APP_URL: `http://127.0.0.1:${PORT}`,
    PORT: String(PORT),
  };
  // Node itself runs Next's CLI, so that --cpu-prof can be passed (NODE_OPTIONS refuses it).
  // Idle keep-alive sockets stay open for the run (as behind a proxy that pools connections): with
  // Node's 5 s default, a socket the server closed just as the client reused it failed a request.
  const nodeFlags = [...(SERVER_PROF ? ["--cpu-prof", `--cpu-prof-dir=${SERVER_PROF}`] : []), ...(TRACE ? ["--import", "./bench/support/stall-probe.mjs"] : [])];
  const next = spawn(process.execPath, [...nodeFlags, "node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(PORT), "--keepAliveTimeout", "120000"], { env, stdio: ["ignore", "ignore", "inherit"], detached: true });
  const exited = new Promise<void>((resolve) => next.once("exit", () => resolve()));
  stopServer = async () => {
    if (next.pid && next.exitCode === null) process.kill(-next.pid, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  };
  serverCpuMs = () => groupCpuMs(next.pid!);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  send = (i) =>
    new Promise<number>((resolve, reject) => {
      const { body, idempotencyKey } = request(i);
      const req = http.request({ host: "127.0.0.1", port: PORT, path: "/api/v1/leads", method: "POST", agent, headers: headersFor(idempotencyKey) }, (res) => {
        res.resume();
        res.once("end", () => resolve(res.statusCode ?? 0));
        res.once("error", reject);
      });
      req.once("error", reject);
      req.end(body);
    });
  for (let i = 0; ; i++) {
    if ((await fetch(`http://127.0.0.1:${PORT}/api/health`).catch(() => null))?.ok) break;
    if (i > 120 || next.exitCode !== null) throw new Error(`next start did not answer /api/health (${next.exitCode === null ? "within 60 s" : `it exited with ${next.exitCode}`})`);
    await new Promise((r) => setTimeout(r, 500));
  }
} else {
  const { POST } = await import("@/app/api/v1/leads/route");
  const ctx = () => ({ params: Promise.resolve<Record<string, string>>({}) });
  const before = process.cpuUsage();
  // This process also generates the load; that is small next to the handler's work.
  serverCpuMs = () => {
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };
  send = async (i) => {
    const { body, idempotencyKey } = request(i);
    const res = await POST(new Request("http://bench.local/api/v1/leads", { method: "POST", headers: headersFor(idempotencyKey), body }), ctx());
    await res.text();
    return res.status;
  };
}

// Warm-up, not counted: route code loaded, pool connections open, JIT warm. Indices far past
// the run's give keys and e-mails of their own.
const WARMUP = Math.min(200, RATE * 4);
await runOpenLoop({ rate: RATE, seconds: WARMUP / RATE, send: (k) => send(10_000_000 + k) });
if (PG_STATS) {
  await db().$executeRawUnsafe("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  await db().$queryRawUnsafe("SELECT pg_stat_statements_reset()");
}
const leadsBefore = await db().lead.count();
const cpuBefore = { server: serverCpuMs(), postgres: postgresCpuMs(pg.dataDir), bench: process.cpuUsage() };
const profiler = MODE !== "http" && process.env.BENCH_PROFILE ? new (await import("node:inspector/promises")).Session() : null;
if (profiler) {
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.start");
}
traced = TRACE;
const runStart = Date.now();
const run = await runOpenLoop({ rate: RATE, seconds: SECONDS, send });
traced = false;
if (profiler) writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify((await profiler.post("Profiler.stop")).profile));
if (TRACE) {
  for (const [due, ms] of run.timeline) if (ms > 100) console.log(`[bench ${new Date(runStart + due).toISOString().slice(11, 23)}] request due then took ${ms.toFixed(0)} ms`);
}
const benchCpu = process.cpuUsage(cpuBefore.bench);
const cpu = { server: serverCpuMs() - cpuBefore.server, postgres: postgresCpuMs(pg.dataDir) - cpuBefore.postgres, bench: (benchCpu.user + benchCpu.system) / 1000 };

const sent = Math.round(RATE * SECONDS);
const { samples } = run;
console.log(`sent ${sent} requests in ${run.seconds.toFixed(1)} s (scheduler at most ${run.maxSendLagMs.toFixed(1)} ms late); responses: ${[...run.statuses].sort((a, b) => a[0] - b[0]).map(([s, c]) => `${s === 0 ? "network error" : s} × ${c}`).join(", ")}`);
if (samples.length === 0) throw new Error("no request succeeded");
const f = (x: number) => x.toFixed(1);
console.log(`latency from due time (2xx only): p50 ${f(percentile(samples, 50))} ms, p95 ${f(percentile(samples, 95))} ms, p99 ${f(percentile(samples, 99))} ms, max ${f(Math.max(...samples))} ms  (target p99 ≤ 50 ms)`);
console.log(`latency over the run (5 s buckets, by due time):\n${timelineLines(run.timeline, 5000).join("\n")}`);
const perRequest = (ms: number) => (ms / sent).toFixed(2);
console.log(
  `CPU per request: ${MODE === "http" ? "app server" : "this process (handler + load)"} ${perRequest(cpu.server)} ms, Postgres ${perRequest(cpu.postgres)} ms` +
    `${MODE === "http" ? `, load generator${worker ? " + worker" : ""} ${perRequest(cpu.bench)} ms` : ""}; load average now ${os.loadavg()[0]!.toFixed(1)} (the machine is shared)`,
);
const created = run.statuses.get(201) ?? 0;
const leadsAfter = await db().lead.count();
console.log(`leads: +${leadsAfter - leadsBefore} (201 responses: ${created}; retries replay, repeats merge)`);

if (PG_STATS) {
  // Top-level statements only in the totals: a nested one (a trigger's, a function's) is inside its caller's time.
  const [total] = await db().$queryRawUnsafe<{ calls: bigint; ms: number; plan_ms: number }[]>(
    "SELECT sum(calls)::bigint AS calls, sum(total_exec_time) AS ms, sum(total_plan_time) AS plan_ms FROM pg_stat_statements WHERE toplevel AND query NOT LIKE '%pg_stat_statements%'",
  );
  console.log(`\nPostgres: ${(Number(total!.calls) / sent).toFixed(1)} statements, ${(total!.ms / sent).toFixed(2)} ms of execution and ${(total!.plan_ms / sent).toFixed(2)} ms of planning per request; the costliest statements:`);
  const statements = await db().$queryRawUnsafe<{ query: string; calls: bigint; ms: number; plan_ms: number; plans: bigint }[]>(
    "SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS query, calls, total_exec_time AS ms, total_plan_time AS plan_ms, plans FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 25",
  );
  for (const s of statements) console.log(`  ${s.ms.toFixed(0).padStart(6)} ms ${s.plan_ms.toFixed(0).padStart(5)} ms planning (${String(s.plans).padStart(5)} plans) ${String(s.calls).padStart(6)} calls  ${s.query}`);
}

await stopServer();
await worker?.stop();
await db().$disconnect();
await pg.stop();
if (socketDir) rmSync(socketDir, { recursive: true, force: true });
if (SERVER_PROF) console.log(`app server CPU profile written to ${SERVER_PROF}`);
process.exit(0);
