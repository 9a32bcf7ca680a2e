import { beforeAll, describe, expect, it } from "vitest";
import { GET as exportVersion } from "@/app/api/v1/policies/[ref]/export/route";
import { POST as lint } from "@/app/api/v1/policies/[ref]/lint/route";
import { POST as publish } from "@/app/api/v1/policies/[ref]/publish/route";
import { POST as createDraft } from "@/app/api/v1/policies/[ref]/route";
import { POST as importPolicy } from "@/app/api/v1/policies/import/route";
import type { TRoutingPolicy } from "@/lib/schemas/policies/routing";
import { createApiKey } from "@/lib/server/api-keys";
import { db } from "@/lib/server/db";
import { seedDemo } from "@/prisma/seed";
import { makeReps } from "./support/routing";

const BASE = "http://arbiter.test";
type THandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

function call(handler: THandler, path: string, key: string, options: { body?: unknown; ref?: string; method?: string } = {}) {
  const headers: Record<string, string> = { authorization: `Bearer ${key}`, ...(options.body === undefined ? {} : { "content-type": "application/json" }) };
  const init: RequestInit = { method: options.method ?? (options.body === undefined ? "GET" : "POST"), headers, ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }) };
  return handler(new Request(`${BASE}${path}`, init), { params: Promise.resolve<Record<string, string>>(options.ref ? { ref: options.ref } : {}) });
}

describe("policy lint gate, export and import", () => {
  let revops: string;
  let rep: string;
  let teamId: string;
  let members: { id: string }[];

  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    revops = (await createApiKey({ actorId: null, userEmail: "revops@arbiter.demo", name: "test" })).key;
    rep = (await createApiKey({ actorId: null, userEmail: "rep@arbiter.demo", name: "test" })).key;
    teamId = (await db().team.findFirstOrThrow()).id;
    members = await makeReps(2, "Lint");
  });

  /** Row 2 repeats row 1 (which always assigns, so row 2 is unreachable); row 3 points at a pool with no members. */
  const brokenMatrix = (): TRoutingPolicy => ({
    columns: ["region"],
    rows: [
      { id: "emea", label: "EMEA", conditions: { region: { op: "in", values: ["EMEA"] } }, action: { type: "QUEUE", teamId } },
      { id: "emea-again", label: "EMEA again", conditions: { region: { op: "in", values: ["EMEA"] } }, action: { type: "QUEUE", teamId } },
      { id: "apac", label: "APAC", conditions: { region: { op: "in", values: ["APAC"] } }, action: { type: "POOL", poolId: "apac-pool" } },
      { id: "fallback", label: "Fallback", conditions: {}, action: { type: "QUEUE", teamId } },
    ],
    pools: [{ id: "apac-pool", name: "APAC pool", members: [], requiredSkills: [], catchUpAfterAbsence: false }],
  });

  it("lists lint errors by row, refuses to publish with 422, and publishes once fixed", async () => {
    const created = await call(createDraft, "/api/v1/policies/routing", revops, { ref: "routing", body: { name: "Broken matrix", body: brokenMatrix() } });
    expect(created.status).toBe(201);
    const draft = (await created.json()).data;

    const res = await call(lint, `/api/v1/policies/${draft.id}/lint`, revops, { ref: draft.id, method: "POST" });
    expect(res.status).toBe(200);
    const result = (await res.json()).data;
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: "UNREACHABLE_ROW", rowId: "emea-again", field: "rows.1", message: expect.stringContaining("can never route a lead") }),
        expect.objectContaining({ code: "EMPTY_POOL", rowId: "apac", field: "rows.2", message: expect.stringContaining("APAC pool") }),
      ]),
    );

    const refused = await call(publish, `/api/v1/policies/${draft.id}/publish`, revops, { ref: draft.id, body: { changeNote: "Try the broken one", kpi: "SPEED" } });
    expect(refused.status).toBe(422);
    const { error } = await refused.json();
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fields["rows.1"][0]).toContain("can never route a lead");
    expect(error.fields["rows.2"][0]).toContain("no members");
    expect((await db().policyVersion.findUniqueOrThrow({ where: { id: draft.id } })).status).toBe("DRAFT");

    // Fixed: the duplicate row removed and the pool given members. Warnings (shadowing) remain and do not block.
    const fixed = brokenMatrix();
    fixed.rows.splice(1, 1);
    fixed.pools[0]!.members = members.map((m) => ({ userId: m.id, weight: 1 }));
    const second = (await (await call(createDraft, "/api/v1/policies/routing", revops, { ref: "routing", body: { name: "Fixed matrix", body: fixed } })).json()).data;
    const clean = (await (await call(lint, `/api/v1/policies/${second.id}/lint`, revops, { ref: second.id, method: "POST" })).json()).data;
    expect(clean).toMatchObject({ ok: true, errors: [] });
    const published = await call(publish, `/api/v1/policies/${second.id}/publish`, revops, { ref: second.id, body: { changeNote: "Fixed the matrix", kpi: "SPEED" } });
    expect(published.status).toBe(200);
  });

  it("lints a stored draft that references a missing pool with the schema error on that row", async () => {
    const body = { ...brokenMatrix(), pools: [] };
    const revopsUser = await db().user.findUniqueOrThrow({ where: { email: "revops@arbiter.demo" } });
    const last = await db().policyVersion.findFirstOrThrow({ where: { kind: "ROUTING" }, orderBy: { version: "desc" } });
    // Written directly: the draft endpoint would refuse it, but older or hand-edited drafts exist.
    const draft = await db().policyVersion.create({ data: { kind: "ROUTING", version: last.version + 1, status: "DRAFT", name: "Legacy", body, authorId: revopsUser.id } });
    const result = (await (await call(lint, `/api/v1/policies/${draft.id}/lint`, revops, { ref: draft.id, method: "POST" })).json()).data;
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: "rows.2.action.poolId", message: expect.stringContaining("apac-pool") })]));
    expect((await call(publish, `/api/v1/policies/${draft.id}/publish`, revops, { ref: draft.id, body: { changeNote: "Legacy draft", kpi: "SPEED" } })).status).toBe(422);
  });

  it("lints other kinds by their schema and answers 404 for an unknown id", async () => {
    const scoring = await db().policyVersion.findFirstOrThrow({ where: { kind: "SCORING", status: "PUBLISHED" } });
    const result = (await (await call(lint, `/api/v1/policies/${scoring.id}/lint`, rep, { ref: scoring.id, method: "POST" })).json()).data;
    expect(result).toMatchObject({ ok: true, kind: "SCORING", errors: [], warnings: [] });
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await call(lint, `/api/v1/policies/${missing}/lint`, revops, { ref: missing, method: "POST" })).status).toBe(404);
    expect((await call(exportVersion, `/api/v1/policies/${missing}/export`, revops, { ref: missing })).status).toBe(404);
  });

  it("exports a version and imports it back as an equal draft", async () => {
    const source = await db().policyVersion.findFirstOrThrow({ where: { kind: "APPROVAL", status: "PUBLISHED" } });
    const res = await call(exportVersion, `/api/v1/policies/${source.id}/export`, rep, { ref: source.id });
    expect(res.status).toBe(200);
    const exported = (await res.json()).data;
    expect(exported).toMatchObject({ kind: "APPROVAL", name: source.name, exportedFrom: { id: source.id, version: source.version } });

    const imported = await call(importPolicy, "/api/v1/policies/import", revops, { body: exported });
    expect(imported.status).toBe(201);
    const draft = (await imported.json()).data;
    expect(draft).toMatchObject({ kind: "APPROVAL", status: "DRAFT", name: source.name });
    expect(draft.version).toBeGreaterThan(source.version);
    const stored = await db().policyVersion.findUniqueOrThrow({ where: { id: draft.id } });
    expect(stored.body).toEqual(source.body);
    expect(stored.kpi).toBe(source.kpi);

    const roundTrip = (await (await call(exportVersion, `/api/v1/policies/${draft.id}/export`, revops, { ref: draft.id })).json()).data;
    expect({ ...roundTrip, exportedFrom: undefined }).toEqual({ ...exported, exportedFrom: undefined });

    // A rep may export but not import; a bad body is refused per field.
    expect((await call(importPolicy, "/api/v1/policies/import", rep, { body: exported })).status).toBe(403);
    const bad = await call(importPolicy, "/api/v1/policies/import", revops, { body: { ...exported, kind: "pricing" } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields).toHaveProperty("kind");
  });
});
