// Benchmark (not a test): the CSV import on a throwaway embedded Postgres — the real CRM export
// (85 accounts, 8,800 opportunities; first run and idempotent re-run) and generated leads
// through the intake pipeline (historical, so routing is not part of the figure).
//   npm run bench:import            (BENCH_LEADS=2000, ARBITER_CRM_EXPORT_DIR=… to override)
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { applyMigrations } from "@/lib/cli/db/apply-migrations";
import { startThrowawayPostgres } from "@/lib/cli/pg/throwaway";

const LEADS = Number(process.env.BENCH_LEADS ?? 2_000);
const dir = [process.env.ARBITER_CRM_EXPORT_DIR, path.resolve("../shared/data/crm-opportunities"), path.resolve("../../shared/data/crm-opportunities")].find(
  (d): d is string => !!d && existsSync(path.join(d, "accounts.csv")),
);
if (!dir) throw new Error("Set ARBITER_CRM_EXPORT_DIR to the folder holding accounts.csv and sales_pipeline.csv.");

const pg = await startThrowawayPostgres({ prefix: "arbiter-bench", ownSignals: true });
process.env.DATABASE_URL = pg.url;
await applyMigrations(pg.url);
const { seedDemo } = await import("@/prisma/seed");
await seedDemo({ databaseUrl: pg.url, scale: 0.1, log: () => {} });
const { db } = await import("@/lib/server/db");
const { uploadImportFile } = await import("@/lib/server/import/upload-import-file");
const { startImport } = await import("@/lib/server/import/start-import");
const { runImport } = await import("@/lib/server/import/run-import");

async function timed(label: string, kind: "leads" | "accounts" | "opportunities", name: string, bytes: Buffer) {
  const t0 = performance.now();
  const file = await uploadImportFile({ actor: null, kind, name, bytes });
  const { runId } = await startImport({ actor: null, input: { kind, fileId: file.fileId, mapping: file.suggestedMapping, historical: kind === "leads" }, enqueueJob: false });
  const summary = await runImport(runId);
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(34)} ${String(summary.total).padStart(6)} rows ${ms.toFixed(0).padStart(7)} ms  ${((summary.total / ms) * 1000).toFixed(0).padStart(6)} rows/s  (${summary.created} created, ${summary.updated} updated, ${summary.invalidRows} refused)`);
}

const accounts = readFileSync(path.join(dir, "accounts.csv"));
const pipeline = readFileSync(path.join(dir, "sales_pipeline.csv"));
await timed("accounts (real export)", "accounts", "accounts.csv", accounts);
await timed("accounts again (all updates)", "accounts", "accounts.csv", accounts);
await timed("opportunities (real export)", "opportunities", "sales_pipeline.csv", pipeline);
await timed("opportunities again (all updates)", "opportunities", "sales_pipeline.csv", pipeline);
const leadLines = ["Lead Number,E-mail,Company,Employees,Lead Source,Budget,Demo booked,Outcome"];
for (let i = 0; i < LEADS; i++) leadLines.push(`B-${i},bench.${i}@bench-co${i % 50}.io,Bench Co ${i % 50},${10 + (i % 900)},${["webinar", "ads", "referral"][i % 3]},${i * 10},${i % 2 ? "Yes" : "No"},${i % 4 ? "lost" : "won"}`);
await timed(`leads through intake (history)`, "leads", "leads.csv", Buffer.from(leadLines.join("\n")));

await db().$disconnect();
await pg.stop();
