import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as headRoute } from "@/app/api/v1/decision-log/head/route";
import { POST as checkRoute } from "@/app/api/v1/decision-log/anchors/check/route";
import { anchorCommand, verifyLogCommand } from "@/lib/cli/verify-log";
import { contentHashCanonical, linkHash } from "@/lib/engine/audit/hash-chain";
import { createApiKey } from "@/lib/server/api-keys";
import { createWebhookEndpoint } from "@/lib/server/commands/create-webhook-endpoint";
import { db } from "@/lib/server/db";
import { appendDecisions, verifyDecisionLog, type TDecisionEntry } from "@/lib/server/decision-log";
import { chainHead, checkAnchors, publishChainAnchor } from "@/lib/server/decision-log/anchor";
import { readAnchorStatus } from "@/lib/server/queries/anchor-status";
import type { TChainAnchor } from "@/lib/schemas/decision-log-anchor";
import { makeUser } from "./fixtures/users";
import { superuserQuery } from "./support/database";

// ADR 0030: a chain head kept outside the database shows a history rewritten by someone who can
// write every table, which the chain alone cannot (the rewritten chain verifies again).

const entry = (n: number): TDecisionEntry => ({ kind: "policy.published", subjectType: "anchor-test", subjectId: `s-${n}`, input: { n }, output: { ok: true }, reasons: [`reason ${n}`] });
const append = (from: number, count: number) => db().$transaction((tx) => appendDecisions(tx, Array.from({ length: count }, (_, i) => entry(from + i))));

/**
 * What a superuser covering their tracks would do: change one entry, recompute its content hash
 * and every link from its own to the head, with the tables' triggers off.
 */
async function rewriteHistory(entryId: bigint, reasons: string) {
  const [row] = (
    await superuserQuery<{ kind: string; subject_type: string; subject_id: string; actor_id: string | null; policy_version_id: string | null; corrects_id: string | null; input: string; output: string; created_at: Date }>(
      `SELECT kind, subject_type, subject_id, actor_id::text, policy_version_id::text, corrects_id::text, input::text, output::text, created_at FROM decision_log WHERE id = $1`,
      [entryId.toString()],
    )
  ).rows;
  const contentHash = contentHashCanonical({
    kind: row!.kind,
    subjectType: row!.subject_type,
    subjectId: row!.subject_id,
    actorId: row!.actor_id,
    policyVersionId: row!.policy_version_id,
    correctsId: row!.corrects_id === null ? null : BigInt(row!.corrects_id),
    createdAt: row!.created_at,
    input: row!.input,
    output: row!.output,
    reasons,
  });
  const links = (await superuserQuery<{ seq: string; entry_id: string; prev_hash: string; content_hash: string }>(
    `SELECT c.seq::text, c.entry_id::text, c.prev_hash, d.content_hash FROM decision_chain c JOIN decision_log d ON d.id = c.entry_id
     WHERE c.seq >= (SELECT seq FROM decision_chain WHERE entry_id = $1) ORDER BY c.seq`,
    [entryId.toString()],
  )).rows;
  const statements: string[] = [`UPDATE decision_log SET reasons = '${reasons}'::json, content_hash = '${contentHash}' WHERE id = ${entryId}`];
  let prev = links[0]!.prev_hash;
  for (const link of links) {
    const hash = linkHash(prev, link.entry_id, link.entry_id === entryId.toString() ? contentHash : link.content_hash);
    statements.push(`UPDATE decision_chain SET prev_hash = '${prev}', hash = '${hash}' WHERE seq = ${link.seq}`);
    prev = hash;
  }
  await superuserQuery(`ALTER TABLE decision_log DISABLE TRIGGER ALL; ALTER TABLE decision_chain DISABLE TRIGGER ALL;
    ${statements.join(";\n")};
    ALTER TABLE decision_log ENABLE TRIGGER ALL; ALTER TABLE decision_chain ENABLE TRIGGER ALL;`);
}

const BASE = "http://arbiter.test";
const noParams = { params: Promise.resolve<Record<string, string>>({}) };
const keys: Record<string, string> = {};
const getHead = (key: string) => headRoute(new Request(`${BASE}/api/v1/decision-log/head`, { headers: { authorization: `Bearer ${key}` } }), noParams);
const postCheck = (key: string, body: unknown) =>
  checkRoute(new Request(`${BASE}/api/v1/decision-log/anchors/check`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) }), noParams);

describe("decision-log anchors", () => {
  let early: TChainAnchor;
  let victim: bigint;

  beforeAll(async () => {
    for (const role of ["REVOPS", "ADMIN", "REP", "SALES_MANAGER", "DEAL_DESK", "EXEC"] as const) {
      const user = await makeUser(role);
      keys[role] = (await createApiKey({ actorId: null, userEmail: user.email, name: "anchor test" })).key;
    }
  });

  it("takes the head once everything committed is chained, and the chain fits it", async () => {
    victim = (await append(0, 5))[2]!;
    early = (await chainHead(db()))!;
    const [last] = await db().$queryRaw<{ seq: bigint; hash: string }[]>`SELECT seq, hash FROM decision_chain ORDER BY seq DESC LIMIT 1`;
    expect(early).toMatchObject({ seq: last!.seq.toString(), hash: last!.hash });
    await append(5, 3);
    const check = await checkAnchors(db(), [early, (await chainHead(db()))!]);
    expect(check.problems).toEqual([]);
    expect(check.head).toBe(BigInt(early.seq) + 3n);
  });

  it("finds a rewritten history that the chain itself no longer shows", async () => {
    await rewriteHistory(victim, '["nothing to see here"]');
    // The limit this closes: the chain was recomputed, so it verifies.
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
    const check = await checkAnchors(db(), [early]);
    expect(check.problems).toHaveLength(1);
    expect(check.problems[0]!.problem).toMatch(new RegExp(`^link ${early.seq} now has hash [0-9a-f]{12}…, the anchor says ${early.hash.slice(0, 12)}…: the chain was rewritten at or before that link$`));
  });

  it("finds links removed from the end", async () => {
    const head = (await chainHead(db()))!;
    const withoutTriggers = (sql: string) => superuserQuery(`ALTER TABLE decision_chain DISABLE TRIGGER ALL; ${sql}; ALTER TABLE decision_chain ENABLE TRIGGER ALL;`);
    const [removed] = (await superuserQuery<{ seq: string; entry_id: string; prev_hash: string; hash: string; sealed_at: string }>(
      `SELECT seq::text, entry_id::text, prev_hash, hash, sealed_at::text FROM decision_chain WHERE seq = ${head.seq}`,
    )).rows;
    await withoutTriggers(`DELETE FROM decision_chain WHERE seq = ${head.seq}`);
    const check = await checkAnchors(db(), [head]);
    expect(check.problems.map((p) => p.problem)).toEqual([`link ${head.seq} is gone: the chain now ends at link ${BigInt(head.seq) - 1n}, so links published on ${head.sealedAt.slice(0, 10)} were removed`]);
    // Put back, so the tests after this one start from a chain that verifies.
    const r = removed!;
    await withoutTriggers(`INSERT INTO decision_chain (seq, entry_id, prev_hash, hash, sealed_at) VALUES (${r.seq}, ${r.entry_id}, '${r.prev_hash}', '${r.hash}', '${r.sealed_at}')`);
  });

  it("publishes the head to subscribed webhooks once per head, and records it", async () => {
    const admin = await makeUser("ADMIN");
    expect(await readAnchorStatus(db())).toEqual({ last: null, subscribers: 0 });
    const endpoint = await createWebhookEndpoint({ actor: admin, input: { url: "https://receiver.example/anchors", description: "anchor store", events: ["decision_log.anchored"] } });
    await append(100, 2);
    const published = await publishChainAnchor(db());
    expect(published).not.toBeNull();
    expect(await publishChainAnchor(db())).toBeNull(); // the chain has not moved
    const deliveries = await db().webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.event).toBe("decision_log.anchored");
    expect((deliveries[0]!.payload as { data: unknown }).data).toEqual(published);
    expect(await db().decisionLogAnchor.findUnique({ where: { seq: BigInt(published!.seq) } })).toMatchObject({ hash: published!.hash });
    // The audit page's line: the last head published, and one endpoint receiving them.
    expect(await readAnchorStatus(db())).toMatchObject({ last: { seq: BigInt(published!.seq), hash: published!.hash }, subscribers: 1 });
  });

  it("serves the head and checks anchors over the API for those who may verify the log, and refuses the others", async () => {
    for (const role of ["REVOPS", "ADMIN"]) {
      const res = await getHead(keys[role]!);
      expect(res.status).toBe(200);
      const { data } = await res.json();
      expect(data).toEqual(await chainHead(db()));
    }
    for (const role of ["REP", "SALES_MANAGER", "DEAL_DESK", "EXEC"]) {
      expect((await getHead(keys[role]!)).status).toBe(403);
      expect((await postCheck(keys[role]!, { anchors: [early] })).status).toBe(403);
    }
    const current = (await chainHead(db()))!;
    const res = await postCheck(keys.REVOPS!, { anchors: [current, early] });
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data).toMatchObject({ ok: false, checked: 2, head: current.seq, problems: [{ seq: early.seq }] });

    const bad = await postCheck(keys.REVOPS!, { anchors: [{ ...current, hash: "not-a-hash" }] });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields).toHaveProperty(["anchors.0.hash"]);
  });

  it("the CLI appends anchors to a file and verify-log --anchors checks them (exit 3 on a rewrite)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "arbiter-anchors-"));
    const file = path.join(dir, "anchors.jsonl");
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect(await anchorCommand({ appendTo: file })).toBe(0);
      expect(await verifyLogCommand({ anchorsFile: file })).toBe(0);
      expect(log.mock.calls.flat().join("\n")).toMatch(/All 1 anchors fit the chain/);
      fs.appendFileSync(file, `${JSON.stringify(early)}\n`);
      expect(await verifyLogCommand({ anchorsFile: file })).toBe(3);
      expect(error.mock.calls.flat().join("\n")).toMatch(new RegExp(`Anchor of link ${early.seq} .* does NOT fit`));
      fs.appendFileSync(file, "{oops\n");
      expect(await verifyLogCommand({ anchorsFile: file })).toBe(2);
      expect(error.mock.calls.flat().join("\n")).toContain(`${file}:3: not JSON`);
    } finally {
      log.mockRestore();
      error.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
