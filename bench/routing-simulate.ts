// Benchmark (not a test): a routing simulation end to end on a throwaway embedded Postgres
// seeded with the demo organisation: a draft copied from the published matrix is replayed on
// every lead of the last year by the job's own code (batched reads, engine replay, progress
// writes), and the leads and pool tables are checked unchanged afterwards.
//   npm run bench:routing-simulate   (ROUTING_SIM_BENCH_SCALE=10 → 30,000 leads; default 10)
import { applyMigrations } from "@/lib/cli/db/apply-migrations";
import { startThrowawayPostgres } from "@/lib/cli/pg/throwaway";
import { seedDemo } from "@/prisma/seed";

const scale = Number(process.env.ROUTING_SIM_BENCH_SCALE ?? 10);
const pg = await startThrowawayPostgres({ prefix: "arbiter-bench", ownSignals: true });
process.env.DATABASE_URL = pg.url;
await applyMigrations(pg.url);
const seeded = await seedDemo({ databaseUrl: pg.url, scale, log: () => {} });
console.log(`seeded the demo organisation at scale ${scale} in ${seeded.ms} ms`);

const { db } = await import("@/lib/server/db");
const { createRoutingDraftFromPublished } = await import("@/lib/server/commands/copy-routing-draft");
const { runRoutingSimulation } = await import("@/lib/server/routing/simulate-run");
const { ROUTING_SIMULATION_KIND } = await import("@/lib/server/routing/simulate-input");

const hash = async (table: string, order: string) =>
  (await db().$queryRawUnsafe<{ h: string }[]>(`SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY ${order})), '') AS h FROM ${table} t`))[0]!.h;
const hashes = async () => [await hash("leads", "id"), await hash("routing_pools", "pool_id"), await hash("routing_pool_members", "pool_id, user_id")].join(" ");

const revops = await db().user.findUniqueOrThrow({ where: { email: "revops@arbiter.demo" } });
const draft = await createRoutingDraftFromPublished({ actor: revops });
const before = await hashes();
for (let run = 1; run <= 3; run++) {
  const job = await db().jobRun.create({ data: { kind: ROUTING_SIMULATION_KIND, subjectId: draft.id, input: { days: 365 }, createdById: revops.id } });
  const t0 = performance.now();
  await runRoutingSimulation(job.id);
  const ms = performance.now() - t0;
  const done = await db().jobRun.findUniqueOrThrow({ where: { id: job.id } });
  const result = done.result as { total: number; changed: number; fallback: number } | null;
  if (done.status !== "SUCCEEDED" || !result) throw new Error(`run ${run} ended ${done.status}: ${done.error}`);
  console.log(
    `run ${run}: ${result.total} leads in ${ms.toFixed(0)} ms (${((result.total / ms) * 1000).toFixed(0)} leads/s), ${result.changed} would change owner, ${result.fallback} reach the fallback`,
  );
}
console.log(`leads and pool tables unchanged: ${(await hashes()) === before ? "yes" : "NO"}`);

await db().$disconnect();
await pg.stop();
