// Benchmark (not a test): decision-log append throughput on a throwaway embedded Postgres.
// Writers take no lock; a sealer links committed entries into the chain after commit (ADR 0023),
// running here as in the worker, every 200 ms. Compares one entry per transaction with batches,
// at several levels of concurrency, then times the sealer alone on a backlog, and a full verify.
//   npm run bench:decision-log
import { applyMigrations } from "@/lib/cli/db/apply-migrations";
import { startThrowawayPostgres } from "@/lib/cli/pg/throwaway";

const pg = await startThrowawayPostgres({ prefix: "arbiter-bench", ownSignals: true });
process.env.DATABASE_URL = pg.url;
process.env.DATABASE_POOL_MAX = "20";
await applyMigrations(pg.url);
const { db } = await import("@/lib/server/db");
const { appendDecisions, sealDecisionLog, startDecisionLogSealer, verifyDecisionLog } = await import("@/lib/server/decision-log");

const entry = (i: number) => ({
  kind: "lead.routed" as const,
  subjectType: "lead",
  subjectId: `lead-${i}`,
  input: { email: `person${i}@example.com`, country: "DE", employees: 250 + i },
  output: { ownerId: "00000000-0000-4000-8000-000000000001", rowId: "row-4" },
  reasons: ["Routed by row 4: EMEA · Mid-market · pool 'EMEA MM'", "Dana skipped: on PTO"],
});

async function scenario(label: string, totalEntries: number, batchSize: number, concurrency: number) {
  let next = 0;
  const started = performance.now();
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < totalEntries) {
        const from = next;
        next += batchSize;
        const t0 = performance.now();
        await db().$transaction((tx) => appendDecisions(tx, Array.from({ length: Math.min(batchSize, totalEntries - from) }, (_, k) => entry(from + k))));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  console.log(
    `${label.padEnd(34)} ${String(totalEntries).padStart(6)} entries  ${(totalEntries / seconds).toFixed(0).padStart(7)} entries/s  txn p50 ${p(0.5)} ms  p95 ${p(0.95)} ms`,
  );
}

const pending = async () => Number((await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM decision_log_pending`)[0]!.n);

console.log(`decision-log append benchmark (PostgreSQL embedded, ${process.platform}, node ${process.version})`);
const sealer = startDecisionLogSealer(db());
await scenario("1 entry/txn, 1 client", 1_000, 1, 1);
await scenario("1 entry/txn, 10 clients", 2_000, 1, 10);
await scenario("1 entry/txn, 20 clients", 4_000, 1, 20);
await scenario("100 entries/txn, 1 client", 20_000, 100, 1);
await scenario("100 entries/txn, 10 clients", 20_000, 100, 10);
await scenario("1000 entries/txn, 4 clients", 40_000, 1_000, 4);
const behind = await pending();
await sealer.stop();
const tCatchUp = performance.now();
await sealDecisionLog(db());
console.log(`sealer running during the writes: ${behind} entries not yet chained when the last write committed, chained ${(performance.now() - tCatchUp).toFixed(0)} ms later`);

// The sealer's own capacity: a backlog of 40,000 committed entries, sealed with no writer running.
await scenario("backlog: 1000 entries/txn, 4 clients", 40_000, 1_000, 4);
const tSeal = performance.now();
const sealed = await sealDecisionLog(db());
const sealMs = performance.now() - tSeal;
console.log(`sealer alone: ${sealed} entries in ${sealMs.toFixed(0)} ms (${((sealed / sealMs) * 1000).toFixed(0)} entries/s)`);

const t0 = performance.now();
const result = await verifyDecisionLog(db());
const ms = performance.now() - t0;
console.log(`verify: ${result.ok ? "intact" : "BROKEN"}, ${result.checked} entries in ${ms.toFixed(0)} ms (${((result.checked / ms) * 1000).toFixed(0)} entries/s)`);

await db().$disconnect();
await pg.stop();
