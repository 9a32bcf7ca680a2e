import { beforeAll, describe, expect, it } from "vitest";
import { POST as preview } from "@/app/api/v1/exception-requests/preview/route";
import { GET as listOpportunities } from "@/app/api/v1/opportunities/route";
import { seedDemo } from "@/prisma/seed";
import { createApiKey } from "@/lib/server/api-keys";
import { db } from "@/lib/server/db";

const BASE = "http://arbiter.test";
const noParams = { params: Promise.resolve<Record<string, string>>({}) };
const keys: Record<string, string> = {};

function post(key: string, body: unknown) {
  return preview(new Request(`${BASE}/api/v1/exception-requests/preview`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) }), noParams);
}

describe("deal desk API: opportunities and the approval preview", () => {
  let repId: string;
  let repOpportunityId: string;
  let otherOpportunityId: string;

  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    for (const who of ["rep", "finance", "vp"]) keys[who] = (await createApiKey({ actorId: null, userEmail: `${who}@arbiter.demo`, name: "test" })).key;
    repId = (await db().user.findUniqueOrThrow({ where: { email: "rep@arbiter.demo" } })).id;
    repOpportunityId = (await db().opportunity.findFirstOrThrow({ where: { ownerId: repId, stage: { notIn: ["CLOSED_WON", "CLOSED_LOST"] } } })).id;
    otherOpportunityId = (await db().opportunity.findFirstOrThrow({ where: { ownerId: { not: repId }, owner: { managerId: { not: repId } } } })).id;
  });

  it("lists only the opportunities the caller may see, with filters", async () => {
    const mine = await (await listOpportunities(new Request(`${BASE}/api/v1/opportunities`, { headers: { authorization: `Bearer ${keys.rep}` } }), noParams)).json();
    expect(mine.total).toBe(await db().opportunity.count({ where: { ownerId: repId } }));
    expect(mine.data.every((o: { ownerId: string }) => o.ownerId === repId)).toBe(true);
    const all = await (await listOpportunities(new Request(`${BASE}/api/v1/opportunities?stage=CLOSED_WON`, { headers: { authorization: `Bearer ${keys.vp}` } }), noParams)).json();
    expect(all.data.every((o: { stage: string }) => o.stage === "CLOSED_WON")).toBe(true);
    const bad = await listOpportunities(new Request(`${BASE}/api/v1/opportunities?stage=WON`, { headers: { authorization: `Bearer ${keys.vp}` } }), noParams);
    expect(bad.status).toBe(422);
  });

  it("computes the chain for a 27% discount with the reason, writing nothing", async () => {
    const before = await db().exceptionRequest.count();
    const res = await post(keys.rep!, { opportunityId: repOpportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }] });
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data.outcome).toBe("NEEDS_APPROVAL");
    expect(data.reasons.join(" ")).toMatch(/VP Sales.*27%.*20%/);
    expect(data.stages.length).toBeGreaterThanOrEqual(1);
    expect(data.stages.flatMap((s: { approvers: { assigneeId: string | null }[] }) => s.approvers.map((a) => a.assigneeId))).not.toContain(repId);
    expect(await db().exceptionRequest.count()).toBe(before);
  });

  it("auto-approves inside the band", async () => {
    const { data } = await (await post(keys.rep!, { opportunityId: repOpportunityId, deviations: [{ type: "DISCOUNT", discountPct: 5 }] })).json();
    expect(data.outcome).toBe("AUTO_APPROVED");
    expect(data.stages).toEqual([]);
  });

  it("hides other reps' opportunities and refuses bad input and roles that may not request", async () => {
    expect((await post(keys.rep!, { opportunityId: otherOpportunityId, deviations: [{ type: "DISCOUNT", discountPct: 15 }] })).status).toBe(404);
    const bad = await post(keys.rep!, { opportunityId: repOpportunityId, deviations: [{ type: "DISCOUNT", discountPct: 120 }, { type: "FREE_LUNCH" }] });
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).error.fields)).toEqual(expect.arrayContaining(["deviations.0.discountPct"]));
    expect((await post(keys.finance!, { opportunityId: repOpportunityId, deviations: [{ type: "DISCOUNT", discountPct: 15 }] })).status).toBe(403);
  });
});
