// Benchmark (not a test): decision-log append throughput on a throwaway embedded Postgres.
// The chain is serialised by an advisory lock held to commit, so what matters is how many
// entries one transaction appends: compare one entry per transaction with batches, at
// several levels of concurrency, and time a full verify.
//   npm run bench:decision-log
import { applyMigrations } from "@/lib/cli/db/apply-migrations";
import { startThrowawayPostgres } from "@/lib/cli/pg/throwaway";

const pg = await startThrowawayPostgres({ prefix: "arbiter-bench", ownSignals: true });
process.env.DATABASE_URL = pg.url;
process.env.DATABASE_POOL_MAX = "20";
await applyMigrations(pg.url);
const { db } = await import("@/lib/server/db");
const { appendDecisions, verifyDecisionLog } = await import("@/lib/server/decision-log");

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

console.log(`decision-log append benchmark (PostgreSQL embedded, ${process.platform}, node ${process.version})`);
await scenario("1 entry/txn, 1 client", 1_000, 1, 1);
await scenario("1 entry/txn, 10 clients", 2_000, 1, 10);
await scenario("100 entries/txn, 1 client", 20_000, 100, 1);
await scenario("100 entries/txn, 10 clients", 20_000, 100, 10);
await scenario("1000 entries/txn, 4 clients", 40_000, 1_000, 4);

const t0 = performance.now();
const result = await verifyDecisionLog(db());
const ms = performance.now() - t0;
console.log(`verify: ${result.ok ? "intact" : "BROKEN"}, ${result.checked} entries in ${ms.toFixed(0)} ms (${((result.checked / ms) * 1000).toFixed(0)} entries/s)`);

await db().$disconnect();
await pg.stop();
