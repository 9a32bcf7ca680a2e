import { beforeAll, describe, expect, it } from "vitest";
import { POST as previewRoute } from "@/app/api/v1/routing/preview/route";
import { seedDemo } from "@/prisma/seed";
import { createApiKey } from "@/lib/server/api-keys";
import { db } from "@/lib/server/db";
import { makeReps, publishPoolMatrix } from "./support/routing";

const BASE = "http://arbiter.test";
const noParams = { params: Promise.resolve<Record<string, string>>({}) };
const keys: Record<string, string> = {};

function post(key: string | null, body: unknown) {
  const headers: Record<string, string> = { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) };
  return previewRoute(new Request(`${BASE}/api/v1/routing/preview`, { method: "POST", headers, body: JSON.stringify(body) }), noParams);
}

const counts = async () => ({
  leads: await db().lead.count(),
  notifications: await db().notification.count(),
  pools: await db().routingPool.count(),
  members: await db().routingPoolMember.count(),
  log: await db().decisionLog.count(),
  idempotency: await db().idempotencyRecord.count(),
});

describe("POST /api/v1/routing/preview", () => {
  let reps: { id: string; name: string }[];
  let versionId: string;

  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    for (const who of ["rep", "revops"]) keys[who] = (await createApiKey({ actorId: null, userEmail: `${who}@arbiter.demo`, name: "test" })).key;
    const revops = await db().user.findUniqueOrThrow({ where: { email: "revops@arbiter.demo" } });
    const team = await db().team.findFirstOrThrow();
    reps = await makeReps(3, "Preview");
    versionId = await publishPoolMatrix({ id: "preview-pool", name: "Preview pool", members: reps.map((u) => ({ userId: u.id, weight: 1 })), requiredSkills: [], catchUpAfterAbsence: false }, { actorId: revops.id, fallbackTeamId: team.id });
  });

  it("routes leads with owners and sentences, advancing the rotation in memory and writing nothing", async () => {
    const before = await counts();
    const leads = Array.from({ length: 6 }, (_, i) => ({ email: `preview-${i}@preview.example`, country: "DE" }));
    const res = await post(keys.rep!, { leads });
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data).toMatchObject({ policyVersionId: versionId });
    expect(data.leads).toHaveLength(6);
    // Rotation through the three members, twice.
    expect(data.leads.map((l: { ownerId: string }) => l.ownerId)).toEqual([...reps, ...reps].map((r) => r.id));
    expect(data.leads[0]).toMatchObject({ rowId: "everyone", rowNumber: 1, queueTeamId: null, explanation: { matchedRow: { rowId: "everyone", rowNumber: 1 }, skipped: [] } });
    expect(data.leads[0].sentence).toMatch(/^Routed to you by row 1: every lead · round-robin pool Preview pool/);
    expect(await counts()).toEqual(before);
  });

  it("routes with a named version, and says which one does not exist", async () => {
    const { data } = await (await post(keys.revops!, { policyVersionId: versionId, leads: [{ email: "named@preview.example" }] })).json();
    expect(data.leads[0].ownerId).toBe(reps[0]!.id);
    const seeded = await db().policyVersion.findFirstOrThrow({ where: { kind: "SCORING" } });
    expect((await post(keys.revops!, { policyVersionId: seeded.id, leads: [{ email: "x@preview.example" }] })).status).toBe(404);
    expect((await post(keys.revops!, { policyVersionId: "00000000-0000-4000-8000-000000000000", leads: [{ email: "x@preview.example" }] })).status).toBe(404);
  });

  it("refuses callers without a key and invalid bodies", async () => {
    expect((await post(null, { leads: [{ email: "a@preview.example" }] })).status).toBe(401);
    const bad = await post(keys.rep!, { leads: [{ email: "nope" }, { email: "b@preview.example", country: "Narnia" }] });
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).error.fields)).toEqual(expect.arrayContaining(["leads.0.email"]));
    const narnia = await post(keys.rep!, { leads: [{ email: "b@preview.example", country: "Narnia" }] });
    expect(narnia.status).toBe(422);
    expect(Object.keys((await narnia.json()).error.fields)).toEqual(["leads.0.country"]);
    expect((await post(keys.rep!, { leads: [] })).status).toBe(422);
    expect((await post(keys.rep!, { leads: Array.from({ length: 201 }, (_, i) => ({ email: `m${i}@preview.example` })) })).status).toBe(422);
  });
});
