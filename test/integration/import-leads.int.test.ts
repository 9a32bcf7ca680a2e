// Leads by CSV: the intake pipeline for every row, history with outcomes kept out of routing,
// the batch id a backtest can pick, idempotent re-import, and a run through the real worker.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/seed";
import { db } from "@/lib/server/db";
import { dryRunImport } from "@/lib/server/import/dry-run-import";
import { runImport } from "@/lib/server/import/run-import";
import { startImport } from "@/lib/server/import/start-import";
import { uploadImportFile } from "@/lib/server/import/upload-import-file";
import { startWorker } from "@/lib/server/jobs/worker";
import { runBacktest } from "@/lib/server/queries/run-backtest";
import { makeUser } from "./fixtures/users";

type TActor = Awaited<ReturnType<typeof makeUser>>;
let revops: TActor;

const OUTCOMES = ["won", "lost", "converted", "Lost", "LOST"];
/** A CRM history export: 40 leads with an outcome, custom columns of every type, one bad e-mail. */
function historyCsv(): Buffer {
  const lines = ["Lead Number,E-mail,First Name,Company Name,Employees,Lead Source,Budget (EUR),Demo Booked,Signed Up,Outcome"];
  for (let i = 0; i < 40; i++) {
    lines.push(`H-${i},hist.${i}@history-co${i % 4}.io,Person ${i},History Co ${i % 4},${(i + 1) * 10},webinar,"${1000 + i * 250}",${i % 3 === 0 ? "Yes" : "No"},2024-0${(i % 9) + 1}-15,${OUTCOMES[i % OUTCOMES.length]}`);
  }
  lines.push("H-bad,not-an-email,Bad,History Co 0,5,webinar,10,No,2024-01-01,won");
  return Buffer.from(lines.join("\n") + "\n", "utf8");
}

describe("importing leads", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    revops = await makeUser("REVOPS");
  });

  it("dry-runs a history file: counts, the bad row by line and column, custom attribute types — and writes nothing", async () => {
    const leadsBefore = await db().lead.count();
    const file = await uploadImportFile({ actor: revops, kind: "leads", name: "history.csv", bytes: historyCsv() });
    expect(file.suggestedMapping).toMatchObject({ "Lead Number": { field: "externalId" }, "E-mail": { field: "email" }, Outcome: { field: "outcome" }, "Budget (EUR)": { to: "custom", name: "budget_eur" } });
    const report = await dryRunImport({ actor: revops, input: { kind: "leads", fileId: file.fileId, mapping: file.suggestedMapping } });
    expect(report).toMatchObject({ total: 41, valid: 40, invalidRows: 1, wouldCreate: 40, wouldUpdate: 0 });
    expect(report.errors).toEqual([{ line: 42, column: "E-mail", message: "Enter a valid e-mail address" }]);
    expect(report.customTypes).toEqual({ budget_eur: "number", demo_booked: "boolean", signed_up: "date" });
    expect(await db().lead.count()).toBe(leadsBefore);
    expect(await db().jobRun.count()).toBe(0);
  });

  it("imports history through intake: outcome and batch id set, scored and logged, never routed", async () => {
    const file = await uploadImportFile({ actor: revops, kind: "leads", name: "history.csv", bytes: historyCsv() });
    const routedBefore = await db().decisionLog.count({ where: { kind: "lead.routed" } });
    const { runId } = await startImport({ actor: revops, input: { kind: "leads", fileId: file.fileId, mapping: file.suggestedMapping, historical: false }, enqueueJob: false });
    const summary = await runImport(runId);
    expect(summary).toMatchObject({ total: 41, created: 40, updated: 0, invalidRows: 1 });
    expect(await db().jobRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ status: "SUCCEEDED", processed: 41, total: 41, kind: "IMPORT_LEADS" });

    const leads = await db().lead.findMany({ where: { importBatchId: runId }, orderBy: { externalId: "asc" } });
    expect(leads).toHaveLength(40);
    expect(leads.every((l) => l.ownerId === null && l.queueTeamId === null && l.lifecycleStage === "LEAD")).toBe(true);
    const lead0 = leads.find((l) => l.externalId === "H-0")!;
    expect(lead0).toMatchObject({ outcome: "WON", email: "hist.0@history-co0.io", employees: 10, source: "webinar" });
    expect(lead0.customAttributes).toEqual({ budget_eur: { type: "number", value: 1000 }, demo_booked: { type: "boolean", value: true }, signed_up: { type: "date", value: "2024-01-15" } });
    expect(await db().lead.count({ where: { importBatchId: runId, outcome: "LOST" } })).toBe(24);
    expect(await db().lead.count({ where: { importBatchId: runId, outcome: "CONVERTED" } })).toBe(8);
    expect(await db().decisionLog.count({ where: { kind: "lead.routed" } })).toBe(routedBefore);
    expect(await db().decisionLog.count({ where: { kind: "lead.scored", subjectId: lead0.id } })).toBe(1);

    // A backtest can pick exactly this batch.
    const scoring = await db().policyVersion.findFirstOrThrow({ where: { kind: "SCORING", status: "PUBLISHED" } });
    const backtest = await runBacktest({ versionId: scoring.id, importBatchId: runId, format: "json" });
    expect(backtest.report).toMatchObject({ rows: 40, positives: 16 });
  });

  it("re-imports the same file as updates to the same leads", async () => {
    const file = await uploadImportFile({ actor: revops, kind: "leads", name: "history.csv", bytes: historyCsv() });
    const before = await db().lead.count();
    const report = await dryRunImport({ actor: revops, input: { kind: "leads", fileId: file.fileId, mapping: file.suggestedMapping } });
    expect(report).toMatchObject({ wouldCreate: 0, wouldUpdate: 40 });
    const { runId } = await startImport({ actor: revops, input: { kind: "leads", fileId: file.fileId, mapping: file.suggestedMapping, historical: false }, enqueueJob: false });
    expect(await runImport(runId)).toMatchObject({ created: 0, updated: 40, invalidRows: 1 });
    expect(await db().lead.count()).toBe(before);
    expect(await db().lead.count({ where: { importBatchId: runId } })).toBe(40);
  });

  it("routes new leads of a non-historical import, and runs on the worker's import.run queue with progress", async () => {
    const csv = Buffer.from("email,company,country\n" + Array.from({ length: 5 }, (_, i) => `fresh.${i}@fresh-import.io,Fresh Import,DE`).join("\n") + "\n");
    const file = await uploadImportFile({ actor: revops, kind: "leads", name: "fresh.csv", bytes: csv });
    const worker = await startWorker({ databaseUrl: process.env.DATABASE_URL!, log: () => {} });
    try {
      const { runId } = await startImport({ actor: revops, input: { kind: "leads", fileId: file.fileId, mapping: file.suggestedMapping, historical: false } });
      let run = await db().jobRun.findUniqueOrThrow({ where: { id: runId } });
      for (let i = 0; i < 120 && run.status !== "SUCCEEDED" && run.status !== "FAILED"; i++) {
        await new Promise((r) => setTimeout(r, 250));
        run = await db().jobRun.findUniqueOrThrow({ where: { id: runId } });
      }
      expect(run).toMatchObject({ status: "SUCCEEDED", processed: 5, total: 5 });
      const leads = await db().lead.findMany({ where: { importBatchId: runId } });
      expect(leads).toHaveLength(5);
      expect(leads.every((l) => l.outcome === null && (l.ownerId !== null || l.queueTeamId !== null))).toBe(true);
    } finally {
      await worker.stop();
    }
  });
});
