// POST /api/v1/opportunities/{id}/stage through the real route handler and API keys: moves
// and logs for the owner, 404 for another rep's deal, 403 for a role that cannot move deals,
// 422 with the pipeline rule's message for a forbidden move.
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getOpenApi } from "@/app/api/v1/openapi.json/route";
import { POST as changeStage } from "@/app/api/v1/opportunities/[ref]/stage/route";
import { defaultPipelinePolicy } from "@/lib/schemas/policies/default-governance";
import { createApiKey } from "@/lib/server/api-keys";
import { createPolicyDraft } from "@/lib/server/commands/create-policy-draft";
import { publishPolicyVersion } from "@/lib/server/commands/publish-policy-version";
import { db } from "@/lib/server/db";
import { makeUser } from "./fixtures/users";
import { publishSlaPolicy, quickSlaPolicy } from "./fixtures/sla-policy";

const BASE = "http://arbiter.test";
const keys: Record<string, string> = {};
let opportunityId: string;

function post(key: string, id: string, body: unknown) {
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  return changeStage(new Request(`${BASE}/api/v1/opportunities/${id}/stage`, { method: "POST", headers, body: JSON.stringify(body) }), { params: Promise.resolve({ ref: id }) });
}

describe("POST /api/v1/opportunities/{id}/stage", () => {
  beforeAll(async () => {
    const revops = await makeUser("REVOPS");
    const rep = await makeUser("REP");
    const otherRep = await makeUser("REP");
    const legal = await makeUser("LEGAL");
    await publishSlaPolicy(revops, quickSlaPolicy());
    const draft = await createPolicyDraft({ actor: revops, kind: "PIPELINE", input: { name: "Pipeline", body: defaultPipelinePolicy() } });
    await publishPolicyVersion({ actor: revops, versionId: draft.id, input: { changeNote: "Stage rules", kpi: "SPEED" } });
    for (const [who, user] of Object.entries({ rep, otherRep, legal })) keys[who] = (await createApiKey({ actorId: null, userEmail: user.email, name: "test" })).key;
    const account = await db().account.create({ data: { name: "Initech", normalizedName: "initech" } });
    opportunityId = (
      await db().opportunity.create({ data: { name: "Initech renewal", ownerId: rep.id, accountId: account.id, source: "inbound", amount: 20_000, listAmount: 20_000, closeDate: new Date("2027-01-31") } })
    ).id;
  });

  it("moves the owner's deal, logs it and starts the new stage's stale clock", async () => {
    const res = await post(keys.rep!, opportunityId, { toStage: "DISCOVERY", reason: "Call booked" });
    expect(res.status).toBe(200);
    expect((await res.json()).data).toEqual({ opportunityId, fromStage: "QUALIFIED", toStage: "DISCOVERY", skipped: [] });
    expect(await db().decisionLog.count({ where: { kind: "opportunity.stage_changed", subjectId: opportunityId } })).toBe(1);
    expect(await db().slaClock.count({ where: { subjectId: opportunityId, kind: "STALE_OPPORTUNITY", status: "RUNNING", targetMinutes: 2 * 14 * 1440 } })).toBe(1);
  });

  it("answers 404 to another rep, 403 to a role that cannot move deals, 422 for a move the policy forbids; nothing changes", async () => {
    expect((await post(keys.otherRep!, opportunityId, { toStage: "EVALUATION" })).status).toBe(404);
    expect((await post(keys.legal!, opportunityId, { toStage: "EVALUATION" })).status).toBe(403);
    const refused = await post(keys.rep!, opportunityId, { toStage: "EVALUATION" });
    expect(refused.status).toBe(422);
    expect((await refused.json()).error).toMatchObject({ message: "Demo / evaluation needs products filled in first.", fields: { toStage: ["Demo / evaluation needs products filled in first."] } });
    expect((await post(keys.rep!, opportunityId, { toStage: "WON" })).status).toBe(422);
    expect((await db().opportunity.findUniqueOrThrow({ where: { id: opportunityId } })).stage).toBe("DISCOVERY");
    expect(await db().opportunityStageChange.count({ where: { opportunityId } })).toBe(1);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = await (await getOpenApi(new Request(`${BASE}/api/v1/openapi.json`))).json();
    const op = doc.paths["/api/v1/opportunities/{id}/stage"].post;
    expect(op.operationId).toBe("changeOpportunityStage");
    expect(JSON.stringify(op.requestBody)).toContain("CLOSED_LOST");
  });
});
