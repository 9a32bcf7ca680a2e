// One intake process of `bench:intake` with BENCH_PROCS > 1 (as several app servers each
// taking batch requests): runs its share of the batches through intakeBatch — in its own process,
// with its own chunk pipeline and connection pool — once the parent says go, and reports what it
// did as one JSON line. The parent seeded the database, made the batches and runs the sealer.
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

type TJob = { actor: { id: string; role: "REVOPS"; name: string }; batches: Record<string, unknown>[][]; chunkSize?: number };

const job = JSON.parse(readFileSync(process.env.BENCH_CHILD_JOB!, "utf8")) as TJob;
const { intakeBatch } = await import("@/lib/server/commands/leads/intake-batch");
const { db } = await import("@/lib/server/db");
// Connections open and code warm before the clock starts, as in a running server.
await db().$queryRaw`SELECT 1`;

const lines = createInterface({ input: process.stdin });
process.stdout.write("ready\n");
await new Promise<void>((resolve) => lines.once("line", () => resolve()));

const timings = { locks: 0, load: 0, plan: 0, route: 0, write: 0, log: 0, confirm: 0, commit: 0 };
const summary = { created: 0, updated: 0, invalid: 0, error: 0 };
const chunkMs: number[] = [];
let redone = 0;
const cpuBefore = process.cpuUsage();
for (const batch of job.batches) {
  const result = await intakeBatch({ actor: job.actor, leads: batch, channel: "API", timings, chunkSize: job.chunkSize, onChunk: ({ ms, redone: again }) => (chunkMs.push(ms), (redone += again ? 1 : 0)) });
  summary.created += result.summary.created;
  summary.updated += result.summary.updated;
  summary.invalid += result.summary.invalid;
  summary.error += result.results.filter((r) => r.status === "error").length;
}
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(`${JSON.stringify({ summary, timings, chunkMs, redone, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
lines.close();
await (await import("@/lib/server/jobs/boss")).stopSender();
await db().$disconnect();
process.exit(0);
