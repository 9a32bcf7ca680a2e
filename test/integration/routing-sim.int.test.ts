// Routing simulation and the matrix editor's actions on real Postgres: a hand-built case with
// known figures, proof that a simulation writes nothing to leads or pool tables, and the
// refusals for roles without policies.edit (API and server actions).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { TRoutingPolicy } from "@/lib/schemas/policies/routing";
import { createApiKey } from "@/lib/server/api-keys";
import type { TSessionUser } from "@/lib/server/auth/session-user";
import { createPolicyDraft } from "@/lib/server/commands/create-policy-draft";
import { db } from "@/lib/server/db";
import { sender } from "@/lib/server/jobs/boss";
import { runRoutingSimulation } from "@/lib/server/routing/simulate-run";
import { makeUser } from "./fixtures/users";
import { makeReps } from "./support/routing";

// Server actions read the session through currentUser; the test picks who is signed in.
const session = vi.hoisted(() => ({ user: null as TSessionUser | null }));
vi.mock("@/lib/server/auth/current-user", () => ({ currentUser: async () => session.user, requireUser: async () => session.user }));
// revalidatePath needs a Next request; outside one there is no cache to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { POST: simulate } = await import("@/app/api/v1/policies/[ref]/simulate/route");
const { GET: getSimulation } = await import("@/app/api/v1/policies/[ref]/simulate/[runId]/route");
const actions = await import("@/app/(app)/policies/routing/actions");
const { GET: getOpenApi } = await import("@/app/api/v1/openapi.json/route");
const { GET: listVersions, POST: createDraft } = await import("@/app/api/v1/policies/[ref]/route");

const BASE = "http://arbiter.test";
const DAY = 86_400_000;
type THandler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

function call(handler: THandler, path: string, key: string, params: Record<string, string>, body?: unknown) {
  const init: RequestInit = body === undefined
    ? { method: "GET", headers: { authorization: `Bearer ${key}` } }
    : { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) };
  return handler(new Request(`${BASE}${path}`, init), { params: Promise.resolve(params) });
}

/** md5 of every row of the table, in a stable order: any write changes it. */
async function tableHash(table: "leads" | "routing_pools" | "routing_pool_members", order: string): Promise<string> {
  const [row] = await db().$queryRawUnsafe<{ h: string | null; n: bigint }[]>(`SELECT md5(string_agg(t::text, '|' ORDER BY ${order})) AS h, count(*) AS n FROM ${table} t`);
  return `${row!.n}:${row!.h}`;
}
const hashes = async () => [await tableHash("leads", "id"), await tableHash("routing_pools", "pool_id"), await tableHash("routing_pool_members", "pool_id, user_id")];

describe("routing simulation", () => {
  let revops: TSessionUser;
  let rep: TSessionUser;
  let revopsKey: string;
  let repKey: string;
  let reps: { id: string; name: string }[];
  let teamId: string;
  let draftId: string;

  beforeAll(async () => {
    revops = await makeUser("REVOPS");
    rep = await makeUser("REP");
    revopsKey = (await createApiKey({ actorId: null, userEmail: revops.email, name: "test" })).key;
    repKey = (await createApiKey({ actorId: null, userEmail: rep.email, name: "test" })).key;
    reps = await makeReps(3, "Sim");
    teamId = (await db().team.create({ data: { name: "Inbound queue", region: "EMEA" } })).id;
    const [r0, r1, r2] = reps.map((r) => r.id) as [string, string, string];

    // The pool already has history: the simulation must start from it and leave it alone.
    await db().routingPool.create({ data: { poolId: "dach", version: 7, seq: 7, members: { create: [{ userId: r1, lag: 0, assignedTotal: 7, lastAssignedSeq: 7 }] } } });

    const now = Date.now();
    const leads: { email: string; country: string; ownerId?: string; queueTeamId?: string; createdAt: Date }[] = [
      { email: "de1@sim.test", country: "DE", ownerId: r0, createdAt: new Date(now - 5 * DAY) }, // → pool (r1): changed
      { email: "de2@sim.test", country: "DE", ownerId: r1, createdAt: new Date(now - 4 * DAY) }, // → pool (r1): same
      { email: "us1@sim.test", country: "US", ownerId: r2, createdAt: new Date(now - 3 * DAY) }, // → r2: same
      { email: "us2@sim.test", country: "US", ownerId: r0, createdAt: new Date(now - 2 * DAY) }, // → r2: changed
      { email: "fr1@sim.test", country: "FR", queueTeamId: teamId, createdAt: new Date(now - 1 * DAY) }, // → fallback queue: same
      { email: "fr2@sim.test", country: "FR", ownerId: r1, createdAt: new Date(now - 1 * DAY + 1000) }, // → fallback queue: changed
      { email: "old@sim.test", country: "DE", ownerId: r0, createdAt: new Date(now - 40 * DAY) }, // outside the window
    ];
    await db().lead.createMany({ data: leads });

    const body: TRoutingPolicy = {
      columns: ["country"],
      rows: [
        { id: "dach", label: "DACH", conditions: { country: { op: "in", values: ["DE", "AT", "CH"] } }, action: { type: "POOL", poolId: "dach" } },
        { id: "us", label: "US", conditions: { country: { op: "equals", value: "US" } }, action: { type: "USER", userId: r2 } },
        { id: "fallback", label: "Everything else", conditions: {}, action: { type: "QUEUE", teamId } },
      ],
      pools: [{ id: "dach", name: "DACH", members: [{ userId: r1, weight: 1 }], requiredSkills: [], catchUpAfterAbsence: false }],
    };
    draftId = (await createPolicyDraft({ actor: revops, kind: "ROUTING", input: { name: "Simulated draft", body } })).id;
  });

  afterAll(async () => {
    await (await sender()).stop({ graceful: false, wait: true });
  });

  it("replays the draft on the last N days with the figures worked out by hand, writing nothing to leads or pools", async () => {
    const before = await hashes();
    const started = await call(simulate, `/api/v1/policies/${draftId}/simulate`, revopsKey, { ref: draftId }, { days: 30 });
    expect(started.status).toBe(202);
    const { data } = await started.json();
    expect(data).toMatchObject({ status: "QUEUED", url: `/api/v1/policies/${draftId}/simulate/${data.id}` });

    await runRoutingSimulation(data.id);
    expect(await hashes()).toEqual(before);

    const res = await call(getSimulation, data.url, revopsKey, { ref: draftId, runId: data.id });
    expect(res.status).toBe(200);
    const run = (await res.json()).data;
    expect(run).toMatchObject({ status: "SUCCEEDED", days: 30, total: 6, processed: 6, error: null });
    const [r0, r1, r2] = reps.map((r) => r.id);
    const result = run.result;
    expect(result).toMatchObject({ total: 6, changed: 3, changedShare: 0.5, fallback: 2, fallbackShare: 0.3333 });
    const load = Object.fromEntries(result.load.map((l: { key: string; before: number; after: number }) => [l.key, [l.before, l.after]]));
    expect(load).toEqual({ [`user:${r0}`]: [2, 0], [`user:${r1}`]: [2, 2], [`user:${r2}`]: [1, 2], [`queue:${teamId}`]: [1, 2] });
    expect(result.byRow).toEqual([{ rowId: "dach", rowNumber: 1, count: 2 }, { rowId: "us", rowNumber: 2, count: 2 }, { rowId: "fallback", rowNumber: 3, count: 2 }]);
    expect(result.examples.changed.map((o: { label: string }) => o.label).sort()).toEqual(["de1@sim.test", "fr2@sim.test", "us2@sim.test"]);
    expect(result.examples.fallback).toHaveLength(2);
    expect(result.names.users[r1!]).toBe("Sim 1");
    expect(result.names.teams[teamId]).toBe("Inbound queue");

    // Idempotent: the job delivered again leaves the finished run as it was.
    await runRoutingSimulation(data.id);
    expect((await db().jobRun.findUniqueOrThrow({ where: { id: data.id } })).finishedAt?.toISOString()).toBe(run.finishedAt);
  });

  it("documents the simulate operations in the OpenAPI document; versions and drafts are the generic /policies/{kind} operations", async () => {
    const doc = await (await getOpenApi(new Request(`${BASE}/api/v1/openapi.json`))).json();
    expect(doc.paths["/api/v1/policies/{id}/simulate"].post.operationId).toBe("simulateRoutingPolicy");
    expect(doc.paths["/api/v1/policies/{id}/simulate"].post.responses["202"]).toBeDefined();
    expect(doc.paths["/api/v1/policies/{id}/simulate/{runId}"].get.operationId).toBe("getRoutingSimulation");
    expect(doc.paths["/api/v1/policies/{kind}"].get.operationId).toBe("listPolicyVersions");
  });

  it("GET/POST /api/v1/policies/routing list versions and create a draft from JSON, with precise 422s", async () => {
    const list = await call(listVersions, "/api/v1/policies/routing", revopsKey, { ref: "routing" });
    expect(list.status).toBe(200);
    expect((await list.json()).data.map((v: { id: string }) => v.id)).toContain(draftId);
    const draft = await db().policyVersion.findUniqueOrThrow({ where: { id: draftId } });
    const body = structuredClone(draft.body) as TRoutingPolicy;
    body.rows.pop();
    body.rows[0]!.action = { type: "POOL", poolId: "nowhere" };
    const refused = await call(createDraft, "/api/v1/policies/routing", revopsKey, { ref: "routing" }, { name: "Broken", body });
    expect(refused.status).toBe(422);
    const { fields } = (await refused.json()).error;
    expect(fields["body.rows.0.action.poolId"][0]).toContain('No pool with id "nowhere"');
    expect(fields["body.rows.1"][0]).toContain("must end with a fallback row");
  });

  it("refuses bad input with a precise 422 and creates no run", async () => {
    const runs = await db().jobRun.count();
    const res = await call(simulate, `/api/v1/policies/${draftId}/simulate`, revopsKey, { ref: draftId }, { days: 0 });
    expect(res.status).toBe(422);
    expect((await res.json()).error.fields.days[0]).toContain("at least the last 1 day");
    expect(await db().jobRun.count()).toBe(runs);
  });

  it("refuses a rep on the simulate API (start and read)", async () => {
    const runs = await db().jobRun.count();
    const res = await call(simulate, `/api/v1/policies/${draftId}/simulate`, repKey, { ref: draftId }, { days: 7 });
    expect(res.status).toBe(403);
    expect(await db().jobRun.count()).toBe(runs);
    const any = await db().jobRun.findFirstOrThrow();
    expect((await call(getSimulation, `/api/v1/policies/${draftId}/simulate/${any.id}`, repKey, { ref: draftId, runId: any.id })).status).toBe(403);
  });

  it("refuses a rep on every editor action, changing nothing", async () => {
    session.user = rep;
    const draft = await db().policyVersion.findUniqueOrThrow({ where: { id: draftId } });
    const versions = await db().policyVersion.count();
    const runs = await db().jobRun.count();
    const results = [
      await actions.saveRoutingDraftAction({ versionId: draftId, body: { columns: ["country"], rows: [], pools: [] } }),
      await actions.lintRoutingDraftAction({ body: draft.body }),
      await actions.newRoutingDraftAction({}),
      await actions.simulateRoutingDraftAction({ versionId: draftId, days: 7 }),
    ];
    for (const r of results) expect(r).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    expect((await db().policyVersion.findUniqueOrThrow({ where: { id: draftId } })).body).toEqual(draft.body);
    expect(await db().policyVersion.count()).toBe(versions);
    expect(await db().jobRun.count()).toBe(runs);
  });

  it("lets RevOps lint, save a draft (logged) and refuses saving an invalid body or a published version", async () => {
    session.user = revops;
    const draft = await db().policyVersion.findUniqueOrThrow({ where: { id: draftId } });
    const body = structuredClone(draft.body) as TRoutingPolicy;
    // A copy of row 2 under it can never route a lead: lint says so on that row.
    body.rows.splice(2, 0, { ...body.rows[1]!, id: "us-copy" });
    const lint = await actions.lintRoutingDraftAction({ body });
    expect(lint).toMatchObject({ ok: true, data: { ok: false, errors: [expect.objectContaining({ code: "UNREACHABLE_ROW", rowId: "us-copy", rowNumber: 3 })] } });

    const saved = await actions.saveRoutingDraftAction({ versionId: draftId, name: "Simulated draft, edited", body });
    expect(saved).toMatchObject({ ok: true, data: { id: draftId, name: "Simulated draft, edited" } });
    expect(((await db().policyVersion.findUniqueOrThrow({ where: { id: draftId } })).body as TRoutingPolicy).rows.map((r) => r.id)).toEqual(["dach", "us", "us-copy", "fallback"]);
    expect(await db().decisionLog.count({ where: { kind: "policy.draft_saved", subjectId: draftId, actorId: revops.id } })).toBe(1);

    const noFallback = { ...body, rows: body.rows.slice(0, -1) };
    const refused = await actions.saveRoutingDraftAction({ versionId: draftId, body: noFallback });
    expect(refused).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(Object.values((refused as { error: { fields: Record<string, string[]> } }).error.fields).flat().join(" ")).toContain("fallback row");

    const published = await createPolicyDraft({ actor: revops, kind: "ROUTING", input: { name: "Other", body: draft.body as object } });
    await db().policyVersion.update({ where: { id: published.id }, data: { status: "ARCHIVED" } });
    expect(await actions.saveRoutingDraftAction({ versionId: published.id, body })).toMatchObject({ ok: false, error: { code: "INVALID_STATE" } });
  });
});
