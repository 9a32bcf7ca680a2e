// The `arbiter` CLI as an operator runs it: a real child process against this file's database.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { userForApiKey } from "@/lib/server/api-keys";
import { db } from "@/lib/server/db";
import { superuserQuery } from "./support/database";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

async function arbiter(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "lib/cli/arbiter.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, ARBITER_NEW_PASSWORD: "a-long-cli-password" },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("arbiter CLI", () => {
  it("creates a user, refusing bad input with the field named", async () => {
    const bad = await arbiter("user:create", "--email", "not-an-email", "--name", "X", "--role", "WIZARD");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--email: Enter a valid e-mail address/);
    expect(bad.stderr).toMatch(/--role: Choose a role/);
    expect(await db().user.count()).toBe(0);

    const ok = await arbiter("user:create", "--email", "ops@test.example", "--name", "Ops Person", "--role", "ADMIN");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Created ADMIN Ops Person <ops@test.example>/);
  });

  it("prints an API key once that then authenticates as its user", async () => {
    const { code, stdout } = await arbiter("apikey:create", "--email", "ops@test.example", "--name", "ci");
    expect(code).toBe(0);
    const key = stdout.trim().split("\n").pop()!;
    expect(key).toMatch(/^arb_[0-9a-f]{12}_/);
    expect(await userForApiKey(key)).toMatchObject({ email: "ops@test.example", role: "ADMIN" });
    const stored = await db().apiKey.findFirstOrThrow();
    // The secret is everything after `arb_<prefix>_`: it is base64url, so it may itself hold "_".
    const secret = key.slice("arb_".length + stored.prefix.length + 1);
    expect(secret.length).toBeGreaterThanOrEqual(43);
    expect(stored.hash).not.toContain(secret);
  });

  it("verifies the decision log and names the first broken entry", async () => {
    const intact = await arbiter("verify-log");
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/Decision log intact: \d+ entries verified/);

    const [first] = await db().decisionLog.findMany({ orderBy: { id: "asc" }, take: 1 });
    await superuserQuery(`
      ALTER TABLE decision_log DISABLE TRIGGER ALL;
      UPDATE decision_log SET reasons = '["quietly rewritten"]'::json WHERE id = ${first!.id};
      ALTER TABLE decision_log ENABLE TRIGGER ALL;`);
    const broken = await arbiter("verify-log");
    expect(broken.code).toBe(3);
    expect(broken.stderr).toContain(`BROKEN at entry #${first!.id}`);
  });

  it("explains unknown commands", async () => {
    const { code, stderr } = await arbiter("frobnicate");
    expect(code).toBe(2);
    expect(stderr).toMatch(/Unknown command "frobnicate"/);
  });
});
