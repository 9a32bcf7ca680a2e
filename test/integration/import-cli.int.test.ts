// `npm run arbiter -- import …` as an operator runs it: a child process on this file's database.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { crmExportDir } from "./support/crm-export";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

async function arbiter(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "lib/cli/arbiter.ts", ...args], { cwd: ROOT, env: process.env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

let dir = "";

// Each test starts the CLI as its own process (tsx compiles it on start): seconds each on a
// quiet machine, far more when the suite's other files share the two cores.
describe("arbiter import", { timeout: 120_000 }, () => {
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "arbiter-import-cli-"));
  });

  it("dry-runs, then imports the real accounts file with progress and a summary", async () => {
    const file = path.join(crmExportDir(), "accounts.csv");
    const dry = await arbiter("import", "accounts", "--file", file, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Dry run \(nothing written\): 85 rows, 85 valid, 0 refused; would create 85, update 0/);
    expect(await db().account.count()).toBe(0);

    const real = await arbiter("import", "accounts", "--file", file);
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/85\/85 rows \(100%\)/);
    expect(real.stdout).toMatch(/done: 85 created, 0 updated, 0 refused of 85 rows/);
    expect(await db().account.count()).toBe(85);
  });

  it("uses a mapping file, reports refused rows by line, and exits 4", async () => {
    const csv = path.join(dir, "leads.csv");
    writeFileSync(csv, "Mail,Shop,Fav\ncli.1@cli-co.io,CLI Co,blue\nnope,CLI Co,red\n");
    const mapping = path.join(dir, "mapping.json");
    writeFileSync(mapping, JSON.stringify({ Mail: "email", Shop: "company", Fav: "custom:favourite" }));
    const dry = await arbiter("import", "leads", "--file", csv, "--mapping", mapping, "--dry-run");
    expect(dry.code).toBe(4);
    expect(dry.stdout).toMatch(/Error: line 3, column Mail: Enter a valid e-mail address/);
    expect(await db().lead.count()).toBe(0);

    // The same mapping saved on the /imports page is found by its name.
    await db().importMapping.create({ data: { kind: "leads", name: "Shop export", mapping: { Mail: { to: "field", field: "email" }, Shop: { to: "field", field: "company" }, Fav: { to: "ignore" } } } });
    const saved = await arbiter("import", "leads", "--file", csv, "--mapping", "Shop export", "--dry-run");
    expect(saved.stdout).toMatch(/Fav → ignored/);
    expect(saved.code).toBe(4);
  });

  it("refuses a Latin-1 file and an unknown kind with clear messages", async () => {
    const latin1 = path.join(dir, "latin1.csv");
    writeFileSync(latin1, Buffer.concat([Buffer.from("email,company\nx@y.io,M"), Buffer.from([0xfc]), Buffer.from("ller\n")]));
    const bad = await arbiter("import", "leads", "--file", latin1);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/not UTF-8: line 2/);
    expect((await arbiter("import", "widgets", "--file", latin1)).code).toBe(2);
  });
});
