import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { appendDecision, appendDecisions, sealDecisionLog, startDecisionLogSealer, verifyDecisionLog, type TDecisionEntry } from "@/lib/server/decision-log";
import { GENESIS_HASH, canonicalJson, chainHash, contentHashCanonical, linkHash } from "@/lib/engine/audit/hash-chain";
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

/** Runs SQL as the superuser with the table's triggers off: what someone tampering would do. */
async function behindTheAppsBack(table: "decision_log" | "decision_chain", sql: string) {
  await superuserQuery(`ALTER TABLE ${table} DISABLE TRIGGER ALL; ${sql}; ALTER TABLE ${table} ENABLE TRIGGER ALL;`);
}

const pendingCount = async () => Number((await superuserQuery<{ n: string }>("SELECT count(*) AS n FROM decision_log_pending")).rows[0]!.n);

describe("decision log", () => {
  it("queues committed entries, and the sealer links them into a chain that verifies", async () => {
    const ids = await appendSome(5);
    expect(ids).toHaveLength(5);
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    const queued = await superuserQuery<{ entry_id: string }>("SELECT entry_id FROM decision_log_pending ORDER BY entry_id");
    expect(queued.rows.map((r) => BigInt(r.entry_id))).toEqual(expect.arrayContaining(ids));

    expect(await sealDecisionLog(db())).toBeGreaterThanOrEqual(5);
    expect(await pendingCount()).toBe(0);
    const links = await db().decisionChain.findMany({ orderBy: { seq: "asc" } });
    expect(links[0]!.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < links.length; i++) {
      expect(links[i]!.seq).toBe(links[i - 1]!.seq + 1n);
      expect(links[i]!.prevHash).toBe(links[i - 1]!.hash);
    }
    // The database's sealer and the app's verifier compute the same link hash.
    const written = await db().decisionLog.findUniqueOrThrow({ where: { id: ids[0]! } });
    const link = links.find((l) => l.entryId === ids[0])!;
    expect(link.hash).toBe(linkHash(link.prevHash, written.id, written.contentHash!));

    const result = await verifyDecisionLog(db());
    expect(result).toMatchObject({ ok: true, checked: await db().decisionLog.count(), pending: 0 });
  });

  it("stays one valid chain with 25 concurrent writers and a sealer running meanwhile", async () => {
    const before = await db().decisionLog.count();
    const sealer = startDecisionLogSealer(db(), { intervalMs: 5 });
    try {
      await Promise.all(Array.from({ length: 25 }, (_, i) => db().$transaction((tx) => appendDecisions(tx, [entry(100 + i), entry(200 + i)]))));
    } finally {
      await sealer.stop();
    }
    expect(await db().decisionLog.count()).toBe(before + 50);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true, checked: before + 50 });
    const entries = await db().decisionChain.count();
    expect(entries).toBe(before + 50);
  });

  it("a sealer that does not wait gives way to one already holding the chain", async () => {
    await appendSome(2);
    const holder = db().$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(4242001)`;
      expect(await sealDecisionLog(db(), { wait: false })).toBe(0);
    });
    await holder;
    expect(await sealDecisionLog(db(), { wait: false })).toBeGreaterThanOrEqual(2);
  });

  it("rolls back with the transaction that wrote it, queue entry included", async () => {
    await sealDecisionLog(db());
    const before = await db().decisionLog.count();
    await expect(
      db().$transaction(async (tx) => {
        await appendDecision(tx, entry(999));
        throw new Error("the state change failed");
      }),
    ).rejects.toThrow("the state change failed");
    expect(await db().decisionLog.count()).toBe(before);
    expect(await pendingCount()).toBe(0);
  });

  it.each([
    ["UPDATE", "decision_log", "UPDATE decision_log SET reasons = '[\"rewritten\"]'::json"],
    ["DELETE", "decision_log", "DELETE FROM decision_log"],
    ["TRUNCATE", "decision_log", "TRUNCATE decision_log CASCADE"],
    ["UPDATE", "decision_chain", "UPDATE decision_chain SET hash = 'x'"],
    ["DELETE", "decision_chain", "DELETE FROM decision_chain"],
    ["TRUNCATE", "decision_chain", "TRUNCATE decision_chain"],
  ])("refuses %s on %s, even from the database owner", async (operation, table, sql) => {
    await appendSome(1);
    await sealDecisionLog(db());
    const count = async () => Number((await superuserQuery<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);
    const before = await count();
    await expect(superuserQuery(sql)).rejects.toThrow(new RegExp(`${table} is append-only.*${operation}`, "i"));
    await expect(db().$executeRawUnsafe(sql)).rejects.toThrow(/append-only/i);
    expect(await count()).toBe(before);
  });

  it("names the first entry altered behind the app's back", async () => {
    await appendSome(3);
    const rows = await db().decisionLog.findMany({ orderBy: { id: "asc" } });
    const victim = rows[Math.floor(rows.length / 2)]!;
    await behindTheAppsBack("decision_log", `UPDATE decision_log SET output = '{"ok": false}'::json WHERE id = ${victim.id}`);
    const result = await verifyDecisionLog(db());
    expect(result).toMatchObject({ ok: false, brokenId: victim.id });
    if (!result.ok) expect(result.problem).toMatch(/altered/);
  });
});

// Each case breaks the log in its own way, so each starts from a log it can break first.
describe("decision log tampering", () => {
  async function freshChain() {
    await superuserQuery(`
      ALTER TABLE decision_log DISABLE TRIGGER ALL; ALTER TABLE decision_chain DISABLE TRIGGER ALL;
      DELETE FROM decision_chain; DELETE FROM decision_log_pending; DELETE FROM decision_log;
      ALTER TABLE decision_log ENABLE TRIGGER ALL; ALTER TABLE decision_chain ENABLE TRIGGER ALL;`);
    const ids = await appendSome(4);
    await sealDecisionLog(db());
    return ids;
  }

  it("detects an entry deleted behind the app's back", async () => {
    const ids = await freshChain();
    await behindTheAppsBack("decision_log", `DELETE FROM decision_log WHERE id = ${ids[1]}`);
    const result = await verifyDecisionLog(db());
    expect(result).toMatchObject({ ok: false, brokenId: ids[1] });
    if (!result.ok) expect(result.problem).toMatch(/removed/);
  });

  it("detects a link deleted from the chain", async () => {
    const ids = await freshChain();
    await behindTheAppsBack("decision_chain", `DELETE FROM decision_chain WHERE entry_id = ${ids[1]}`);
    const result = await verifyDecisionLog(db());
    expect(result).toMatchObject({ ok: false, brokenId: ids[2] });
    if (!result.ok) expect(result.problem).toMatch(/links were removed/);
  });

  it("detects an entry slipped in without the queue (never chained)", async () => {
    await freshChain();
    await behindTheAppsBack(
      "decision_log",
      `INSERT INTO decision_log (kind, subject_type, subject_id, input, output, reasons, created_at, content_hash)
       VALUES ('policy.published', 'test', 'forged', '{}', '{}', '[]', now(), repeat('0', 64))`,
    );
    const result = await verifyDecisionLog(db());
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.problem).toMatch(/neither in the chain nor waiting/);
  });

  it("chains and verifies entries written by the in-transaction chain before ADR 0023, and detects their alteration", async () => {
    await freshChain();
    // What the migration found: entries carrying prev_hash and hash, no content hash, not queued.
    const createdAt = new Date("2026-11-20T10:00:00.000Z");
    const [{ id }] = (await superuserQuery<{ id: string }>("SELECT nextval(pg_get_serial_sequence('decision_log', 'id')) AS id")).rows as [{ id: string }];
    const record = { id, kind: "policy.published", subjectType: "test", subjectId: "legacy", actorId: null, policyVersionId: null, correctsId: null, input: { a: 1 }, output: {}, reasons: ["old"], createdAt };
    const hash = chainHash(GENESIS_HASH, record);
    await behindTheAppsBack(
      "decision_log",
      `INSERT INTO decision_log (id, kind, subject_type, subject_id, input, output, reasons, created_at, prev_hash, hash)
       VALUES (${id}, 'policy.published', 'test', 'legacy', '{"a": 1}', '{}', '["old"]', '${createdAt.toISOString()}', '${GENESIS_HASH}', '${hash}')`,
    );
    // The migration's last two statements.
    await superuserQuery("INSERT INTO decision_log_pending (entry_id, content_hash) SELECT id, hash FROM decision_log d WHERE NOT EXISTS (SELECT 1 FROM decision_chain c WHERE c.entry_id = d.id)");
    await superuserQuery("SELECT arbiter_decision_log_seal(2147483647, true)");
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true, checked: 5 });

    await behindTheAppsBack("decision_log", `UPDATE decision_log SET reasons = '["new"]' WHERE id = ${id}`);
    const result = await verifyDecisionLog(db());
    expect(result).toMatchObject({ ok: false, brokenId: BigInt(id) });
    if (!result.ok) expect(result.problem).toMatch(/altered/);
  });

  it("stores an entry's input, output and reasons as the exact text its content hash covers (ADR 0026)", async () => {
    await freshChain();
    const [id] = await appendSome(1);
    const [row] = (await superuserQuery<{ input: string; version: number }>(`SELECT input::text AS input, content_hash_version AS version FROM decision_log WHERE id = ${id}`)).rows;
    // As built, keys not sorted: no canonical form anywhere.
    expect(row).toEqual({ input: '{"n":0,"nested":{"b":2,"a":1}}', version: 2 });
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
    // Even a change that means the same (the keys reordered) is a change of what was written.
    await behindTheAppsBack("decision_log", `UPDATE decision_log SET input = '{"nested":{"b":2,"a":1},"n":0}' WHERE id = ${id}`);
    const result = await verifyDecisionLog(db());
    expect(result).toMatchObject({ ok: false, brokenId: id });
    if (!result.ok) expect(result.problem).toMatch(/altered/);
  });

  it("verifies entries hashed over their canonical JSON before ADR 0026 (version 1), and detects their alteration", async () => {
    await freshChain();
    // What the migration left: the text jsonb gave back, hashed the canonical way.
    const createdAt = new Date("2026-11-21T10:00:00.000Z");
    const stored = { input: '{"a": 1, "bb": {"d": 2, "c": 3}}', output: "{}", reasons: '["old"]' };
    const envelope = { kind: "policy.published", subjectType: "test", subjectId: "v1", actorId: null, policyVersionId: null, correctsId: null, createdAt };
    const hash = contentHashCanonical({ ...envelope, input: canonicalJson(JSON.parse(stored.input)), output: canonicalJson({}), reasons: canonicalJson(["old"]) });
    const [{ id }] = (
      await superuserQuery<{ id: string }>(
        `INSERT INTO decision_log (kind, subject_type, subject_id, input, output, reasons, created_at, content_hash, content_hash_version)
         VALUES ('policy.published', 'test', 'v1', $1, $2, $3, $4, $5, 1) RETURNING id`,
        [stored.input, stored.output, stored.reasons, createdAt, hash],
      )
    ).rows as [{ id: string }];
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });

    await behindTheAppsBack("decision_log", `UPDATE decision_log SET input = '{"a": 2, "bb": {"d": 2, "c": 3}}' WHERE id = ${id}`);
    const result = await verifyDecisionLog(db());
    expect(result).toMatchObject({ ok: false, brokenId: BigInt(id) });
    if (!result.ok) expect(result.problem).toMatch(/altered/);
  });
});
