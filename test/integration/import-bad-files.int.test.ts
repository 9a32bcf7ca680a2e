// Bad input to the CSV import: each problem gets a clear error and nothing is written for the
// refused file or row. And only RevOps and admins may import at all.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/seed";
import { db } from "@/lib/server/db";
import { DomainError } from "@/lib/server/errors";
import { dryRunImport } from "@/lib/server/import/dry-run-import";
import { runImport } from "@/lib/server/import/run-import";
import { startImport } from "@/lib/server/import/start-import";
import { uploadImportFile } from "@/lib/server/import/upload-import-file";
import { makeUser } from "./fixtures/users";

type TActor = Awaited<ReturnType<typeof makeUser>>;
let revops: TActor;

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("bad import files", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    revops = await makeUser("REVOPS");
  });

  it("refuses a Latin-1 file with the line of the first non-UTF-8 byte, storing nothing", async () => {
    const latin1 = Buffer.concat([Buffer.from("email,company\nanna@acme.io,Acme\njoerg@mueller.de,M"), Buffer.from([0xfc]), Buffer.from("ller GmbH\n")]);
    const error = await refusal(uploadImportFile({ actor: revops, kind: "leads", name: "latin1.csv", bytes: latin1 }));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.message).toMatch(/not UTF-8: line 3 .*0xFC.*Latin-1/);
    expect(await db().storedFile.count()).toBe(0);
  });

  it("accepts a UTF-8 file with a BOM and reads the first header cleanly", async () => {
    const file = await uploadImportFile({ actor: revops, kind: "leads", name: "bom.csv", bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Email,Firma\nbom@acme.io,Acme\n")]) });
    expect(file.headers).toEqual(["Email", "Firma"]);
    expect(file.suggestedMapping.Email).toEqual({ to: "field", field: "email" });
  });

  it("reports ragged rows by line and imports the rest", async () => {
    const csv = "email,company\nrag.1@ragged.io,Ragged\nrag.2@ragged.io,Ragged,extra\nrag.3@ragged.io\nrag.4@ragged.io,Ragged\n";
    const file = await uploadImportFile({ actor: revops, kind: "leads", name: "ragged.csv", bytes: Buffer.from(csv) });
    expect(file.problems.map((p) => p.line)).toEqual([3, 4]);
    const report = await dryRunImport({ actor: revops, input: { kind: "leads", fileId: file.fileId, mapping: file.suggestedMapping } });
    expect(report).toMatchObject({ total: 4, valid: 2, invalidRows: 2 });
    expect(report.errors[0]!.message).toMatch(/Line 3 has 3 cells but the header has 2/);
    const { runId } = await startImport({ actor: revops, input: { kind: "leads", fileId: file.fileId, mapping: file.suggestedMapping, historical: false }, enqueueJob: false });
    expect(await runImport(runId)).toMatchObject({ created: 2, invalidRows: 2 });
    expect(await db().lead.count({ where: { email: { endsWith: "@ragged.io" } } })).toBe(2);
  });

  it("refuses a mapping that names unknown columns or fields before anything is queued", async () => {
    const file = await uploadImportFile({ actor: revops, kind: "leads", name: "cols.csv", bytes: Buffer.from("email,shoe size\nshoe@acme.io,42\n") });
    const runsBefore = await db().jobRun.count();
    const unknownField = await refusal(startImport({ actor: revops, input: { kind: "leads", fileId: file.fileId, mapping: { email: { to: "field", field: "email" }, "shoe size": { to: "field", field: "shoeSize" } }, historical: false }, enqueueJob: false }));
    expect(unknownField.message).toMatch(/"shoeSize" is not a field of leads/);
    const unknownColumn = await refusal(dryRunImport({ actor: revops, input: { kind: "leads", fileId: file.fileId, mapping: { email: { to: "field", field: "email" }, "shoe size": { to: "ignore" }, Phone: { to: "field", field: "phone" } } } }));
    expect(unknownColumn.fields?.["mapping.Phone"]?.[0]).toMatch(/column "Phone" that the file does not have/);
    const unmapped = await refusal(dryRunImport({ actor: revops, input: { kind: "leads", fileId: file.fileId, mapping: { email: { to: "field", field: "email" } } } }));
    expect(unmapped.message).toMatch(/Column "shoe size" is not mapped/);
    expect(await db().jobRun.count()).toBe(runsBefore);
    // Kept as a custom attribute by default, with its type inferred.
    expect(file.suggestedMapping["shoe size"]).toEqual({ to: "custom", name: "shoe_size" });
  });

  it("refuses formula cells row by row and writes nothing for those rows", async () => {
    const csv = "email,company,notes\nsafe@formula.io,Formula,fine\nevil@formula.io,=cmd|' /C calc'!A0,x\nevil2@formula.io,Formula,@SUM(A1:A9)\n";
    const file = await uploadImportFile({ actor: revops, kind: "leads", name: "formula.csv", bytes: Buffer.from(csv) });
    const { runId } = await startImport({ actor: revops, input: { kind: "leads", fileId: file.fileId, mapping: file.suggestedMapping, historical: false }, enqueueJob: false });
    const summary = await runImport(runId);
    expect(summary).toMatchObject({ created: 1, invalidRows: 2 });
    expect(summary.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "company"],
      [4, "notes"],
    ]);
    expect(summary.errors[0]!.message).toMatch(/spreadsheet formula/);
    expect(await db().lead.count({ where: { email: { endsWith: "@formula.io" } } })).toBe(1);
  });

  it("refuses opportunities whose stage or amount is wrong, naming the line and column", async () => {
    const csv = "opportunity_id,sales_agent,deal_stage,close_value\nOPP-1,Someone,Won,100\nOPP-2,Someone,Sleeping,100\nOPP-3,Someone,Won,a lot\n";
    const file = await uploadImportFile({ actor: revops, kind: "opportunities", name: "opps.csv", bytes: Buffer.from(csv) });
    const report = await dryRunImport({ actor: revops, input: { kind: "opportunities", fileId: file.fileId, mapping: file.suggestedMapping } });
    expect(report.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "deal_stage"],
      [4, "close_value"],
    ]);
    expect(report).toMatchObject({ wouldCreate: 1, invalidRows: 2 });
    expect(await db().opportunity.count({ where: { externalId: { startsWith: "OPP-" } } })).toBe(0);
  });

  it.each(["REP", "SALES_MANAGER", "EXEC", "DEAL_DESK"] as const)("refuses %s", async (role) => {
    const user = await makeUser(role);
    const files = await db().storedFile.count();
    const upload = await refusal(uploadImportFile({ actor: user, kind: "leads", name: "x.csv", bytes: Buffer.from("email\nx@y.io\n") }));
    expect(upload.code).toBe("FORBIDDEN");
    expect(await db().storedFile.count()).toBe(files);
    const any = await db().storedFile.findFirstOrThrow();
    expect((await refusal(dryRunImport({ actor: user, input: { kind: "leads", fileId: any.id, mapping: {} } }))).code).toBe("FORBIDDEN");
    expect((await refusal(startImport({ actor: user, input: { kind: "leads", fileId: any.id, mapping: {}, historical: false }, enqueueJob: false }))).code).toBe("FORBIDDEN");
  });
});
