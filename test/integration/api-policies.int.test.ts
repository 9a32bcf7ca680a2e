import { describe, expect, it } from "vitest";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { GET as getMe } from "@/app/api/v1/me/route";
import { POST as publish } from "@/app/api/v1/policies/[ref]/publish/route";
import { GET as listVersions, POST as createDraft } from "@/app/api/v1/policies/[ref]/route";
import { defaultApprovalPolicy } from "@/lib/schemas/policies/default-commercial";
import { createApiKey } from "@/lib/server/api-keys";
import { db } from "@/lib/server/db";
import pg from "pg";
import { makeUser } from "./fixtures/users";
import { adminUrl } from "./support/database";

const BASE = "http://arbiter.test";

function call(handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, path: string, options: { key?: string; body?: unknown; ref?: string; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(options.key ? { authorization: `Bearer ${options.key}` } : {}), ...options.headers };
  const init: RequestInit = options.body === undefined ? { headers } : { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) };
  return handler(new Request(`${BASE}${path}`, init), { params: Promise.resolve<Record<string, string>>(options.ref ? { ref: options.ref } : {}) });
}

async function keyFor(role: "REP" | "REVOPS" | "EXEC") {
  const user = await makeUser(role);
  return (await createApiKey({ actorId: null, userEmail: user.email, name: "test" })).key;
}

/** The id of the active approval policy, publishing one first if this database has none. */
async function publishedApprovalVersion(key: string): Promise<string> {
  const active = await db().policyVersion.findFirst({ where: { kind: "APPROVAL", status: "PUBLISHED" }, select: { id: true } });
  if (active) return active.id;
  const draft = (await (await call(createDraft, "/api/v1/policies/approval", { key, ref: "approval", body: { name: "Base", body: defaultApprovalPolicy() } })).json()).data;
  const res = await call(publish, `/api/v1/policies/${draft.id}/publish`, { key, ref: draft.id, body: { changeNote: "base for the race", kpi: "MARGIN" } });
  expect(res.status).toBe(200);
  return draft.id;
}

/**
 * Resolves once `count` sessions wait for a lock: the first on the holder, any later one on the
 * same row queues behind the first (its blocker is that session, not the holder).
 */
async function waitForLockWaiters(holder: pg.Client, count: number) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { rows } = await holder.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0");
    const waiting = rows[0]?.n ?? 0;
    if (waiting >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${waiting} of ${count} sessions reached the lock within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("REST API /api/v1 policies", () => {
  it("refuses requests without a valid key with 401 and the stable error shape", async () => {
    for (const key of [undefined, "arb_nope_nope"]) {
      const res = await call(listVersions, "/api/v1/policies/approval", { key, ref: "approval" });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: expect.any(String) } });
    }
  });

  it("answers who a key acts as", async () => {
    const key = await keyFor("EXEC");
    const res = await call(getMe, "/api/v1/me", { key });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.data).toMatchObject({ role: "EXEC" });
    expect(body.data.permissions).toContain("dashboards.read");
  });

  it("refuses a rep creating a policy draft with 403, writes nothing and logs the denial", async () => {
    const key = await keyFor("REP");
    const before = await db().policyVersion.count();
    const res = await call(createDraft, "/api/v1/policies/approval", { key, ref: "approval", body: { name: "Sneaky", body: defaultApprovalPolicy() } });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("FORBIDDEN");
    expect(await db().policyVersion.count()).toBe(before);
    expect(await db().decisionLog.count({ where: { kind: "auth.access_denied", subjectId: "api:createPolicyDraft" } })).toBe(1);
  });

  it("returns 422 with per-field errors for an invalid body and writes nothing", async () => {
    const key = await keyFor("REVOPS");
    const before = await db().policyVersion.count();
    const bad = { ...defaultApprovalPolicy(), autoApproveMaxDiscountPct: 400 };
    const res = await call(createDraft, "/api/v1/policies/approval", { key, ref: "approval", body: { name: "Broken", body: bad } });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(error.fields)).toContain("body.autoApproveMaxDiscountPct");
    expect(await db().policyVersion.count()).toBe(before);

    expect((await call(createDraft, "/api/v1/policies/approval", { key, ref: "approval", body: "{not json" })).status).toBe(422);
    const unknownKind = await call(createDraft, "/api/v1/policies/pricing", { key, ref: "pricing", body: { name: "X", body: {} } });
    expect(unknownKind.status).toBe(422);
    expect((await unknownKind.json()).error.fields).toHaveProperty("ref");
  });

  it("creates a draft, publishes it with a change note, and lists versions newest first", async () => {
    const key = await keyFor("REVOPS");
    const created = await call(createDraft, "/api/v1/policies/approval", { key, ref: "approval", body: { name: "Tighter VP tier", body: defaultApprovalPolicy(), kpi: "MARGIN" } });
    expect(created.status).toBe(201);
    const draft = (await created.json()).data;
    expect(draft).toMatchObject({ kind: "APPROVAL", status: "DRAFT" });

    const noNote = await call(publish, `/api/v1/policies/${draft.id}/publish`, { key, ref: draft.id, body: { kpi: "MARGIN" } });
    expect(noNote.status).toBe(422);

    const published = await call(publish, `/api/v1/policies/${draft.id}/publish`, { key, ref: draft.id, body: { changeNote: "Margin protection for Q1", kpi: "MARGIN" } });
    expect(published.status).toBe(200);
    expect((await published.json()).data).toMatchObject({ status: "PUBLISHED", version: draft.version });

    const again = await call(publish, `/api/v1/policies/${draft.id}/publish`, { key, ref: draft.id, body: { changeNote: "Once more", kpi: "MARGIN" } });
    expect(again.status).toBe(409);

    const list = await (await call(listVersions, "/api/v1/policies/approval", { key, ref: "approval" })).json();
    expect(list.data[0]).toMatchObject({ id: draft.id, status: "PUBLISHED" });
    expect(list.data.filter((v: { status: string }) => v.status === "PUBLISHED")).toHaveLength(1);
    expect(list.data[0].body).toBeTruthy();
  });

  it("lets exactly one of two drafts published at the same moment become active", async () => {
    const key = await keyFor("REVOPS");
    const drafts = await Promise.all(
      ["A", "B"].map(async (n) => (await (await call(createDraft, "/api/v1/policies/approval", { key, ref: "approval", body: { name: `Race ${n}`, body: defaultApprovalPolicy() } })).json()).data),
    );
    expect(new Set(drafts.map((d) => d.version)).size).toBe(2);
    const base = await publishedApprovalVersion(key);

    // Two publishes started a few milliseconds apart may simply run one after the other, and then
    // both rightly succeed (the second replaces the first). To test the race itself, hold the
    // active version's row until both publishes have read it and wait to archive it.
    const holder = new pg.Client({ connectionString: adminUrl() });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM policy_versions WHERE id = $1 FOR UPDATE", [base]);
      const pending = Promise.all(drafts.map((d) => call(publish, `/api/v1/policies/${d.id}/publish`, { key, ref: d.id, body: { changeNote: "race condition check", kpi: "MARGIN" } })));
      await waitForLockWaiters(holder, 2);
      await holder.query("COMMIT");
      const results = await pending;
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const refused = await results.find((r) => r.status === 409)!.json();
      expect(refused.error.message).toMatch(/published at the same moment/);
    } finally {
      await holder.end();
    }
    expect(await db().policyVersion.count({ where: { kind: "APPROVAL", status: "PUBLISHED" } })).toBe(1);
  });

  it("replays an Idempotency-Key and refuses the key with another body", async () => {
    const key = await keyFor("REVOPS");
    const headers = { "idempotency-key": "test-key-0001" };
    const body = { name: "Idempotent draft", body: defaultApprovalPolicy() };
    const first = await call(createDraft, "/api/v1/policies/approval", { key, ref: "approval", body, headers });
    const second = await call(createDraft, "/api/v1/policies/approval", { key, ref: "approval", body, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(await second.json()).toEqual(await first.json());
    expect(await db().policyVersion.count({ where: { name: "Idempotent draft" } })).toBe(1);

    const other = await call(createDraft, "/api/v1/policies/approval", { key, ref: "approval", body: { ...body, name: "Different" }, headers });
    expect(other.status).toBe(409);
    expect(await db().policyVersion.count({ where: { name: "Different" } })).toBe(0);
  });

  it("documents every operation in the OpenAPI document", async () => {
    const doc = await (await getOpenApi(new Request(`${BASE}/api/v1/openapi.json`))).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/api/v1/policies/{kind}", "/api/v1/policies/{id}/publish", "/api/v1/me"]));
    const createOp = doc.paths["/api/v1/policies/{kind}"].post;
    expect(createOp.requestBody.content["application/json"].schema.required).toEqual(expect.arrayContaining(["name", "body"]));
    expect(createOp.responses["422"]).toBeDefined();
  });
});
