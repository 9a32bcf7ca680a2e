// Benchmark (not a test): SLA clocks at volume on a throwaway embedded Postgres.
//   npm run bench:sla-clocks            (SLA_BENCH_OPEN=100000 SLA_BENCH_BURST=10000 by default)
// 1. Scheduling: 100,000 first-touch clocks started through startClocks in batches of 1,000
//    (clock rows, their pg-boss timer jobs and decision-log entries, one transaction each).
// 2. Firing: with those clocks open (and their 100,000 timer jobs queued), a burst of 10,000
//    MQL clocks all due within the same minute; one worker (startWorker, as in production)
//    fires them. Lag = when the breach effect became visible (committed) − the clock's due time.
import { applyMigrations } from "@/lib/cli/db/apply-migrations";
import { startThrowawayPostgres } from "@/lib/cli/pg/throwaway";
import { defaultSlaPolicy } from "@/lib/schemas/policies/default-governance";
import type { TSlaPolicy } from "@/lib/schemas/policies/sla";

const OPEN = Number(process.env.SLA_BENCH_OPEN ?? 100_000);
const BURST = Number(process.env.SLA_BENCH_BURST ?? 10_000);
const BATCH = 1_000;

const server = await startThrowawayPostgres({ prefix: "arbiter-bench", ownSignals: true });
process.env.DATABASE_URL = server.url;
process.env.DATABASE_POOL_MAX = "20";
await applyMigrations(server.url);
const { db } = await import("@/lib/server/db");
const { appendDecisions } = await import("@/lib/server/decision-log");
const { createPolicyDraft } = await import("@/lib/server/commands/create-policy-draft");
const { publishPolicyVersion } = await import("@/lib/server/commands/publish-policy-version");
const { startClocks } = await import("@/lib/server/sla/start-clocks");
const { startWorker } = await import("@/lib/server/jobs/worker");
const { sender } = await import("@/lib/server/jobs/boss");

const users = await Promise.all(
  (["REVOPS", "SALES_MANAGER", "REP"] as const).map((role, i) =>
    db().user.create({ data: { email: `bench-${i}@bench.example`, name: `Bench ${role}`, role, passwordHash: "x" }, select: { id: true } }),
  ),
);
const [revops, manager, rep] = users.map((u) => u!.id) as [string, string, string];
await db().user.update({ where: { id: rep }, data: { managerId: manager } });

// First touch: 24 hours around the clock (stays open for the whole run); MQL accept: 2 minutes,
// breach and level 1 at once, no warning, so each burst clock has one due instant.
const base = defaultSlaPolicy(2026);
const body: TSlaPolicy = {
  ...base,
  clocks: base.clocks.map((c) =>
    c.id === "LEAD_FIRST_TOUCH"
      ? { ...c, durationMinutes: 1440, businessHours: false }
      : c.id === "MQL_ACCEPT"
        ? { ...c, durationMinutes: 2, businessHours: false, warnAt: [], escalation: [{ level: 1, notify: ["OWNER", "MANAGER"] }] }
        : c,
  ),
};
const draft = await createPolicyDraft({ actor: { id: revops }, kind: "SLA", input: { name: "Bench SLAs", body } });
await publishPolicyVersion({ actor: { id: revops }, versionId: draft.id, input: { changeNote: "Bench policy", kpi: "SPEED" } });

async function startBatch(kind: "LEAD_FIRST_TOUCH" | "MQL_ACCEPT", count: number): Promise<void> {
  await db().$transaction(
    async (tx) => {
      const { decisions } = await startClocks(
        tx,
        Array.from({ length: count }, () => ({ kind, subjectType: "LEAD" as const, subjectId: crypto.randomUUID(), ownerId: rep, teamId: null, region: null, reason: "bench" })),
      );
      await appendDecisions(tx, decisions);
    },
    { timeout: 120_000 },
  );
}

async function startMany(kind: "LEAD_FIRST_TOUCH" | "MQL_ACCEPT", total: number, concurrency: number): Promise<{ seconds: number; p50: number; p95: number }> {
  let next = 0;
  const latencies: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const n = Math.min(BATCH, total - next);
        next += n;
        const s = performance.now();
        await startBatch(kind, n);
        latencies.push(performance.now() - s);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { seconds: (performance.now() - t0) / 1000, p50: latencies[Math.floor(latencies.length / 2)]!, p95: latencies[Math.floor(latencies.length * 0.95)]! };
}

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
console.log(`SLA clock benchmark (PostgreSQL embedded, ${process.platform}, node ${process.version}); the machine may be shared`);

await (await sender()).createQueue("sla.timer");
const open = await startMany("LEAD_FIRST_TOUCH", OPEN, 2);
console.log(
  `schedule: ${OPEN} clocks (+ timer jobs + log entries) in ${open.seconds.toFixed(1)} s = ${(OPEN / open.seconds).toFixed(0)} clocks/s; ` +
    `batch of ${BATCH}: p50 ${open.p50.toFixed(0)} ms, p95 ${open.p95.toFixed(0)} ms`,
);

// The burst: start the clocks as fast as possible, then let one worker fire them.
const burst = await startMany("MQL_ACCEPT", BURST, 2);
const [span] = await db().$queryRaw<{ first: Date; last: Date }[]>`SELECT min(due_at) AS first, max(due_at) AS last FROM sla_clocks WHERE kind = 'MQL_ACCEPT'`;
console.log(`burst: ${BURST} clocks started in ${burst.seconds.toFixed(1)} s, due between ${span!.first.toISOString()} and ${span!.last.toISOString()} (${((span!.last.getTime() - span!.first.getTime()) / 1000).toFixed(1)} s apart)`);
const worker = await startWorker({ databaseUrl: server.url, log: () => {} });

// Parallel firing transactions commit out of id order, so each poll reads every breach seen
// so far rather than "ids above the last one".
const seen = new Map<string, number>();
const deadline = Date.now() + 15 * 60_000;
while (seen.size < BURST && Date.now() < deadline) {
  const rows = await db().$queryRaw<{ clock_id: string }[]>`
    SELECT e.clock_id::text FROM sla_clock_events e JOIN sla_clocks c ON c.id = e.clock_id WHERE e.type = 'BREACH' AND c.kind = 'MQL_ACCEPT'`;
  const now = Date.now();
  for (const r of rows) if (!seen.has(r.clock_id)) seen.set(r.clock_id, now);
  await new Promise((r) => setTimeout(r, 200));
}
const dues = await db().$queryRaw<{ id: string; due_at: Date }[]>`SELECT id::text, due_at FROM sla_clocks WHERE kind = 'MQL_ACCEPT'`;
const lags = dues.filter((d) => seen.has(d.id)).map((d) => (seen.get(d.id)! - d.due_at.getTime()) / 1000).sort((a, b) => a - b);
const [txStart] = await db().$queryRaw<{ p50: number; p95: number; max: number; min: number }[]>`
  SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY x) AS p95, max(x) AS max, min(x) AS min
  FROM (SELECT extract(epoch FROM e.fired_at - c.due_at)::float8 AS x FROM sla_clock_events e JOIN sla_clocks c ON c.id = e.clock_id WHERE e.type = 'BREACH' AND c.kind = 'MQL_ACCEPT') t`;
const [counts] = await db().$queryRaw<{ events: number; notes: number; escalations: number }[]>`
  SELECT (SELECT count(*)::int FROM sla_clock_events WHERE type = 'BREACH') AS events,
         (SELECT count(*)::int FROM sla_clock_events WHERE type = 'ESCALATION') AS escalations,
         (SELECT count(*)::int FROM notifications WHERE kind LIKE 'sla.%') AS notes`;
console.log(
  `fire: ${lags.length}/${BURST} breached; lag due → committed p50 ${pct(lags, 0.5).toFixed(1)} s, p95 ${pct(lags, 0.95).toFixed(1)} s, max ${lags[lags.length - 1]!.toFixed(1)} s ` +
    `(${counts!.events} breach + ${counts!.escalations} escalation effects, ${counts!.notes} notifications)`,
);
console.log(`      firing transaction started after due: min ${txStart!.min.toFixed(1)} s, p50 ${txStart!.p50.toFixed(1)} s, p95 ${txStart!.p95.toFixed(1)} s, max ${txStart!.max.toFixed(1)} s`);

await worker.stop();
await (await sender()).stop({ graceful: false, wait: true });
await db().$disconnect();
await server.stop();
process.exit(0);
