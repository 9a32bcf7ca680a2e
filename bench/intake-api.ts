// Benchmark (not a test): the single-lead API, POST /api/v1/leads, at a steady 50 requests/s
// for 60 s (target: p99 ≤ 50 ms), on a throwaway embedded Postgres seeded with the demo org.
// Every request is a different lead (a mix of new leads, account matches and repeats of earlier
// ones), with its own Idempotency-Key, authenticated by API key.
//
// Two modes, chosen by whether a production build exists:
//   - HTTP (after `npx next build`): `next start` on BENCH_PORT (default 3105), load from
//     autocannon at a fixed rate: the figure a client sees, minus the network.
//   - in-process (no build): the route handler called directly at the same fixed rate: the
//     server's own time (auth, idempotency, intake, commit) without Next's HTTP layer.
//   npm run bench:intake-api        BENCH_RATE=50 BENCH_SECONDS=60 BENCH_MODE=http|inproc
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import autocannon from "autocannon";
import { applyMigrations } from "@/lib/cli/db/apply-migrations";
import { startThrowawayPostgres } from "@/lib/cli/pg/throwaway";

const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const PORT = Number(process.env.BENCH_PORT ?? 3105);
const MODE = process.env.BENCH_MODE ?? (existsSync(".next/BUILD_ID") ? "http" : "inproc");

const pg = await startThrowawayPostgres({ prefix: "arbiter-bench", ownSignals: true });
process.env.DATABASE_URL = pg.url;
await applyMigrations(pg.url);
const { seedDemo } = await import("@/prisma/seed");
const { db } = await import("@/lib/server/db");
const { createApiKey } = await import("@/lib/server/api-keys");
await seedDemo({ databaseUrl: pg.url, scale: 0.2, log: () => {} });
// Reps available whatever the day, so requests route into pools (the costly path).
await db().$executeRaw`UPDATE users SET working_hours = '{}'::jsonb`;
const { key } = await createApiKey({ actorId: null, userEmail: "revops@arbiter.demo", name: "bench" });
const domains = (await db().account.findMany({ where: { domain: { not: null } }, select: { domain: true }, take: 500 })).map((a) => a.domain!);

let n = 0;
function body(): string {
  const i = n++;
  const kind = i % 10;
  // 60 % new at an account's domain, 20 % personal mail, 20 % a repeat of an earlier lead (a merge).
  const email = kind < 6 ? `api.${i}@${domains[i % domains.length]}` : kind < 8 ? `api.${i}@gmail.com` : `api.${Math.max(0, i - 37)}@${domains[Math.max(0, i - 37) % domains.length]}`;
  return JSON.stringify({ email, firstName: "Bench", lastName: `Lead ${i}`, title: ["VP Sales", "Engineer", "Head of IT", "Analyst"][i % 4], country: ["US", "DE", "GB", "AU"][i % 4], employees: [40, 400, 4000][i % 3] });
}
const headers = (i: number) => ({ authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": `bench-${i}-${Date.now()}` });

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
console.log(`single-lead API benchmark, mode ${MODE}: ${RATE} requests/s for ${SECONDS} s (PostgreSQL embedded, node ${process.version})`);

if (MODE === "http") {
  const env = { ...process.env, DATABASE_URL: pg.url, NODE_ENV: "production" as const, AUTH_SECRET: "bench-only-secret-not-for-production-use", APP_URL: `http://127.0.0.1:${PORT}`, PORT: String(PORT) };
  const next = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(PORT)], { env, stdio: "ignore", detached: true });
  try {
    const url = `http://127.0.0.1:${PORT}`;
    for (let i = 0; ; i++) {
      if ((await fetch(`${url}/api/health`).catch(() => null))?.ok) break;
      if (i > 120) throw new Error("next start did not answer /api/health within 60 s");
      await new Promise((r) => setTimeout(r, 500));
    }
    // Warm-up (route compilation, connection pool), not counted.
    for (let i = 0; i < 20; i++) await fetch(`${url}/api/v1/leads`, { method: "POST", headers: headers(-i), body: body() });
    const result = await autocannon({
      url: `${url}/api/v1/leads`,
      method: "POST",
      connections: 10,
      overallRate: RATE,
      duration: SECONDS,
      requests: [{ setupRequest: (req) => ({ ...req, headers: headers(n), body: body() }) }],
    });
    const { latency, non2xx, errors, requests } = result;
    console.log(`sent ${requests.total} requests (${requests.average}/s), non-2xx ${non2xx}, errors ${errors}`);
    console.log(`latency: p50 ${latency.p50} ms, p90 ${latency.p90} ms, p97.5 ${latency.p97_5} ms, p99 ${latency.p99} ms, max ${latency.max} ms`);
  } finally {
    if (next.pid) process.kill(-next.pid, "SIGTERM");
  }
} else {
  const { POST } = await import("@/app/api/v1/leads/route");
  const ctx = () => ({ params: Promise.resolve<Record<string, string>>({}) });
  const call = async () => {
    const i = n;
    const started = performance.now();
    const res = await POST(new Request("http://bench.local/api/v1/leads", { method: "POST", headers: headers(i), body: body() }), ctx());
    await res.text();
    return { ms: performance.now() - started, ok: res.status < 300 };
  };
  for (let i = 0; i < 20; i++) await call(); // warm-up
  const samples: number[] = [];
  let failed = 0;
  const inFlight: Promise<void>[] = [];
  const t0 = performance.now();
  // Open loop: request k starts at k / RATE seconds whatever the earlier ones are doing.
  for (let k = 0; k < RATE * SECONDS; k++) {
    const due = t0 + (k * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(call().then((r) => void (r.ok ? samples.push(r.ms) : failed++)));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - t0) / 1000;
  console.log(`sent ${RATE * SECONDS} requests in ${seconds.toFixed(1)} s (${(RATE * SECONDS / seconds).toFixed(1)}/s), failed ${failed}`);
  console.log(`latency: p50 ${pct(samples, 50).toFixed(1)} ms, p95 ${pct(samples, 95).toFixed(1)} ms, p99 ${pct(samples, 99).toFixed(1)} ms, max ${Math.max(...samples).toFixed(1)} ms`);
}

await db().$disconnect();
await pg.stop();
process.exit(0);
