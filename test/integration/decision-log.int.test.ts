import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { appendDecision, appendDecisions, verifyDecisionLog, type TDecisionEntry } from "@/lib/server/decision-log";
import { superuserQuery } from "./support/database";

const entry = (n: number): TDecisionEntry => ({
  kind: "policy.published",
  subjectType: "test",
  subjectId: `subject-${n}`,
  input: { n, nested: { b: 2, a: 1 } },
  output: { ok: true, amount: "1234.50" },
  reasons: [`reason ${n}`],
});

async function appendSome(count: number) {
  return db().$transaction((tx) => appendDecisions(tx, Array.from({ length: count }, (_, i) => entry(i))));
}

describe("decision log", () => {
  it("appends a hash chain that verifies", async () => {
    const ids = await appendSome(5);
    expect(ids).toHaveLength(5);
    const rows = await db().decisionLog.findMany({ orderBy: { id: "asc" } });
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prevHash).toBe(rows[i - 1]!.hash);
    const result = await verifyDecisionLog(db());
    expect(result).toMatchObject({ ok: true });
    expect(result.checked).toBe(rows.length);
  });

  it("stays a single valid chain under 25 concurrent writers", async () => {
    const before = await db().decisionLog.count();
    await Promise.all(Array.from({ length: 25 }, (_, i) => db().$transaction((tx) => appendDecision(tx, entry(100 + i)))));
    expect(await db().decisionLog.count()).toBe(before + 25);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true, checked: before + 25 });
  });

  it("rolls back with the transaction that wrote it", async () => {
    const before = await db().decisionLog.count();
    await expect(
      db().$transaction(async (tx) => {
        await appendDecision(tx, entry(999));
        throw new Error("the state change failed");
      }),
    ).rejects.toThrow("the state change failed");
    expect(await db().decisionLog.count()).toBe(before);
  });

  it.each([
    ["UPDATE", "UPDATE decision_log SET reasons = '[\"rewritten\"]'::jsonb"],
    ["DELETE", "DELETE FROM decision_log"],
    ["TRUNCATE", "TRUNCATE decision_log"],
  ])("refuses %s, even from the database owner", async (operation, sql) => {
    await appendSome(1);
    const count = await db().decisionLog.count();
    await expect(superuserQuery(sql)).rejects.toThrow(new RegExp(`append-only.*${operation}`, "i"));
    await expect(db().$executeRawUnsafe(sql)).rejects.toThrow(/append-only/i);
    expect(await db().decisionLog.count()).toBe(count);
  });

  it("names the first row altered behind the app's back", async () => {
    await appendSome(3);
    const rows = await db().decisionLog.findMany({ orderBy: { id: "asc" } });
    const victim = rows[Math.floor(rows.length / 2)]!;
    await superuserQuery(`
      ALTER TABLE decision_log DISABLE TRIGGER ALL;
      UPDATE decision_log SET output = '{"ok": false}'::jsonb WHERE id = ${victim.id};
      ALTER TABLE decision_log ENABLE TRIGGER ALL;`);
    const result = await verifyDecisionLog(db());
    expect(result).toMatchObject({ ok: false, brokenId: victim.id });
    if (!result.ok) expect(result.problem).toMatch(/altered/);
  });

  it("detects a row deleted behind the app's back", async () => {
    await appendSome(3);
    const rows = await db().decisionLog.findMany({ orderBy: { id: "asc" } });
    const victim = rows[1]!;
    // Removing the very first row breaks the chain at the second, before the row altered above.
    await superuserQuery(`
      ALTER TABLE decision_log DISABLE TRIGGER ALL;
      DELETE FROM decision_log WHERE id < ${victim.id};
      ALTER TABLE decision_log ENABLE TRIGGER ALL;`);
    const result = await verifyDecisionLog(db());
    expect(result).toMatchObject({ ok: false, brokenId: victim.id });
    if (!result.ok) expect(result.problem).toMatch(/removed or reordered/);
  });
});
