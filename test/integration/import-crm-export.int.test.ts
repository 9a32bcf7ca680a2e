// The real CRM export (accounts, then 8,800 opportunities) through the import: counts match
// the files, a dry run writes nothing, and a second run updates in place.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { dryRunImport } from "@/lib/server/import/dry-run-import";
import { runImport } from "@/lib/server/import/run-import";
import { startImport } from "@/lib/server/import/start-import";
import { uploadImportFile, type TUploadPreview } from "@/lib/server/import/upload-import-file";
import { makeUser } from "./fixtures/users";
import { dataRows, readExport } from "./support/crm-export";

type TActor = Awaited<ReturnType<typeof makeUser>>;

let revops: TActor;
let accountsFile: TUploadPreview;
let pipelineFile: TUploadPreview;

const accountRows = dataRows("accounts.csv");
const pipelineRows = dataRows("sales_pipeline.csv");
const agents = new Set(pipelineRows.map((r) => r[1]));

async function importFile(file: TUploadPreview, kind: "accounts" | "opportunities") {
  const { runId } = await startImport({ actor: revops, input: { kind, fileId: file.fileId, mapping: file.suggestedMapping, historical: false }, enqueueJob: false });
  const progress: number[] = [];
  const summary = await runImport(runId, { onProgress: (p) => progress.push(p) });
  return { runId, summary, progress };
}

describe("importing the real CRM export", () => {
  beforeAll(async () => {
    revops = await makeUser("REVOPS");
    accountsFile = await uploadImportFile({ actor: revops, kind: "accounts", name: "accounts.csv", bytes: readExport("accounts.csv") });
    pipelineFile = await uploadImportFile({ actor: revops, kind: "opportunities", name: "sales_pipeline.csv", bytes: readExport("sales_pipeline.csv") });
  });

  it("suggests a complete mapping for both files", () => {
    expect(accountsFile.rowCount).toBe(accountRows.length);
    expect(pipelineFile.rowCount).toBe(pipelineRows.length);
    expect(accountsFile.problems).toEqual([]);
    expect(pipelineFile.suggestedMapping.deal_stage).toEqual({ to: "field", field: "stage" });
  });

  it("dry-runs the accounts without writing anything", async () => {
    const report = await dryRunImport({ actor: revops, input: { kind: "accounts", fileId: accountsFile.fileId, mapping: accountsFile.suggestedMapping } });
    expect(report).toMatchObject({ total: accountRows.length, invalidRows: 0, wouldCreate: accountRows.length, wouldUpdate: 0 });
    // "Philipines" is misspelt in the export: the account comes in without a country, with a warning.
    expect(report.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/Unknown country "Philipines"/)]);
    expect(await db().account.count()).toBe(0);
  });

  it("dry-runs the opportunities before the accounts exist and reports every row naming an account", async () => {
    const report = await dryRunImport({ actor: revops, input: { kind: "opportunities", fileId: pipelineFile.fileId, mapping: pipelineFile.suggestedMapping } });
    const withAccount = pipelineRows.filter((r) => r[3] !== "").length;
    expect(report.invalidRows).toBe(withAccount);
    expect(report.errors[0]).toMatchObject({ line: 2, message: expect.stringMatching(/Account "Cancity" is not in Arbiter/) });
    expect(report.notes[0]).toMatch(new RegExp(`${agents.size} owner\\(s\\) have no Arbiter user`));
    expect(await db().opportunity.count()).toBe(0);
    expect(await db().user.count()).toBe(1);
  });

  it("imports accounts with industry, size, revenue in dollars, country and parent", async () => {
    const { summary, progress } = await importFile(accountsFile, "accounts");
    expect(summary).toMatchObject({ total: accountRows.length, created: accountRows.length, updated: 0, invalidRows: 0 });
    expect(progress.at(-1)).toBe(accountRows.length);
    expect(await db().account.count()).toBe(accountRows.length);
    const acme = await db().account.findFirstOrThrow({ where: { name: "Acme Corporation" }, include: { children: { select: { name: true } } } });
    expect(acme).toMatchObject({ industry: "technolgy", employees: 2822, country: "US" });
    expect(Number(acme.annualRevenue)).toBe(1_100_040_000);
    const children = accountRows.filter((r) => r[6] === "Acme Corporation").map((r) => r[0]);
    expect(acme.children.map((c) => c.name).sort()).toEqual(children.sort());
    expect(await db().account.count({ where: { parentId: { not: null } } })).toBe(accountRows.filter((r) => r[6] !== "").length);
  });

  it("imports every opportunity with its owner, account, stage and amount, adding unknown agents as inactive reps", async () => {
    const { runId, summary } = await importFile(pipelineFile, "opportunities");
    expect(summary).toMatchObject({ total: pipelineRows.length, created: pipelineRows.length, updated: 0, invalidRows: 0 });
    expect(await db().opportunity.count()).toBe(pipelineRows.length);
    const count = (stage: string) => pipelineRows.filter((r) => r[4] === stage).length;
    expect(await db().opportunity.count({ where: { stage: "CLOSED_WON" } })).toBe(count("Won"));
    expect(await db().opportunity.count({ where: { stage: "CLOSED_LOST" } })).toBe(count("Lost"));
    expect(await db().opportunity.count({ where: { stage: "DISCOVERY" } })).toBe(count("Engaging"));
    expect(await db().opportunity.count({ where: { stage: "QUALIFIED" } })).toBe(count("Prospecting"));
    expect(await db().opportunity.count({ where: { accountId: null } })).toBe(pipelineRows.filter((r) => r[3] === "").length);
    const wonValue = pipelineRows.filter((r) => r[4] === "Won").reduce((s, r) => s + Number(r[7]), 0);
    const sum = await db().opportunity.aggregate({ where: { stage: "CLOSED_WON" }, _sum: { amount: true } });
    expect(Number(sum._sum.amount)).toBe(wonValue);

    const first = pipelineRows[0]!;
    const opp = await db().opportunity.findUniqueOrThrow({ where: { externalId: first[0] }, include: { owner: true, account: true } });
    expect(opp).toMatchObject({ products: [first[2]], stage: "CLOSED_WON", owner: { name: first[1], role: "REP", active: false }, account: { name: first[3] } });
    expect(opp.closeDate?.toISOString().slice(0, 10)).toBe(first[6]);
    expect(Number(opp.amount)).toBe(Number(first[7]));

    expect(await db().user.count({ where: { active: false, role: "REP" } })).toBe(agents.size);
    const log = await db().decisionLog.findMany({ where: { subjectId: runId } });
    expect(log.map((l) => l.kind)).toEqual(["import.completed"]);
  });

  it("re-imports both files idempotently: everything updated, nothing duplicated", async () => {
    const accounts = await importFile(accountsFile, "accounts");
    expect(accounts.summary).toMatchObject({ created: 0, updated: accountRows.length });
    const opportunities = await importFile(pipelineFile, "opportunities");
    expect(opportunities.summary).toMatchObject({ created: 0, updated: pipelineRows.length, invalidRows: 0 });
    expect(await db().account.count()).toBe(accountRows.length);
    expect(await db().opportunity.count()).toBe(pipelineRows.length);
    expect(await db().user.count()).toBe(1 + agents.size);
  });
});
