import { beforeAll, describe, expect, it } from "vitest";
import { POST as decide } from "@/app/api/v1/exception-requests/[ref]/decisions/route";
import { GET as getRequest } from "@/app/api/v1/exception-requests/[ref]/route";
import { POST as submit } from "@/app/api/v1/exception-requests/route";
import { seedDemo } from "@/prisma/seed";
import { createApiKey } from "@/lib/server/api-keys";
import { db } from "@/lib/server/db";
import { newOpportunity } from "./support/deal-desk";

const BASE = "http://arbiter.test";
const keys: Record<string, string> = {};
const ctx = (ref?: string) => ({ params: Promise.resolve<Record<string, string>>(ref ? { ref } : {}) });
const headers = (who: string) => ({ authorization: `Bearer ${keys[who]}`, "content-type": "application/json" });
const WHY = { justification: "Competitive displacement; the customer signs this quarter", impactedKpi: "Win rate", evidenceLinks: [] };

const post = (who: string, body: unknown) => submit(new Request(`${BASE}/api/v1/exception-requests`, { method: "POST", headers: headers(who), body: JSON.stringify(body) }), ctx());
const get = (who: string, id: string) => getRequest(new Request(`${BASE}/api/v1/exception-requests/${id}`, { headers: headers(who) }), ctx(id));
const decideAs = (who: string, id: string, body: unknown) => decide(new Request(`${BASE}/api/v1/exception-requests/${id}/decisions`, { method: "POST", headers: headers(who), body: JSON.stringify(body) }), ctx(id));

describe("exception requests API: submit, read, decide", () => {
  let opportunityId: string;
  let requestId: string;

  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    for (const who of ["rep", "rep2", "manager", "vp", "finance", "admin"]) keys[who] = (await createApiKey({ actorId: null, userEmail: `${who}@arbiter.demo`, name: "test" })).key;
    const rep = await db().user.findUniqueOrThrow({ where: { email: "rep@arbiter.demo" } });
    opportunityId = await newOpportunity(rep.id, 10_000);
  });

  it("POST /exception-requests: 201 with the server's plan; 422 for bad input; 404 for a deal the caller may not see; 409 for a second request", async () => {
    const bad = await post("rep", { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], justification: "short", impactedKpi: "", evidenceLinks: ["not a link"] });
    expect(bad.status).toBe(422);
    expect(Object.keys((await bad.json()).error.fields)).toEqual(expect.arrayContaining(["justification", "impactedKpi", "evidenceLinks.0"]));
    expect((await post("rep2", { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY })).status).toBe(404);
    expect((await post("finance", { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY })).status).toBe(403);

    // A client-sent plan is not even accepted: the schema is strict and the server plans.
    expect((await post("rep", { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY, plan: { stages: [] } })).status).toBe(422);
    const res = await post("rep", { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY });
    expect(res.status).toBe(201);
    const { data } = await res.json();
    expect(data).toMatchObject({ status: "PENDING", outcome: "NEEDS_APPROVAL" });
    expect(data.reasons.join(" ")).toMatch(/VP Sales.*27%/);
    requestId = data.requestId;
    expect((await post("rep", { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 15 }], ...WHY })).status).toBe(409);
  });

  it("GET /exception-requests/{id}: the requester, their manager and the approvers see it; others get 404", async () => {
    for (const who of ["rep", "manager", "vp", "finance"]) {
      const res = await get(who, requestId);
      expect(res.status, who).toBe(200);
      expect((await res.json()).data).toMatchObject({ id: requestId, status: "PENDING", steps: [expect.objectContaining({ approverRole: "MANAGER", status: "PENDING" }), expect.objectContaining({ approverRole: "REGION_VP", status: "WAITING" })] });
    }
    expect((await get("rep2", requestId)).status).toBe(404);
    expect((await get("admin", requestId)).status).toBe(404);
    expect((await get("rep", "00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await get("rep", "nope")).status).toBe(422);
  });

  it("POST /exception-requests/{id}/decisions: 403 with the engine's reason, 422, 200, then 409", async () => {
    // 27% under the cumulative ladder: the manager, then the VP.
    const vpStepId = (await db().approvalStep.findFirstOrThrow({ where: { requestId, approverRole: "REGION_VP" } })).id;
    const tooEarly = await decideAs("vp", requestId, { stepId: vpStepId, decision: "APPROVE" });
    expect(tooEarly.status).toBe(403);
    expect((await tooEarly.json()).error.message).toMatch(/Stage 1 must be approved first/);
    expect((await decideAs("rep", requestId, { decision: "APPROVE" })).status).toBe(403);
    expect((await decideAs("manager", requestId, { decision: "REJECT" })).status).toBe(422);

    const first = await decideAs("manager", requestId, { decision: "APPROVE" });
    expect(first.status).toBe(200);
    expect((await first.json()).data).toMatchObject({ stepStatus: "APPROVED", requestStatus: "PENDING" });
    const ok = await decideAs("vp", requestId, { decision: "APPROVE" });
    expect(ok.status).toBe(200);
    expect((await ok.json()).data).toMatchObject({ stepStatus: "APPROVED", requestStatus: "APPROVED" });
    const logged = await db().decisionLog.findMany({ where: { kind: "approval.step_decided", subjectId: requestId } });
    expect(logged.map((d) => (d.input as { channel: string }).channel)).toEqual(["api", "api"]);
    expect(logged.every((d) => (d.reasons as string[]).includes("Decided through the API, with the approver's key."))).toBe(true);
    const again = await decideAs("vp", requestId, { stepId: vpStepId, decision: "APPROVE" });
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toMatch(/already decided by .+ at \d{4}-\d\d-\d\d/);
    // The refusals were logged once each, against the request.
    const denied = await db().decisionLog.findMany({ where: { kind: "auth.access_denied", subjectId: requestId } });
    expect(denied.map((d) => d.reasons)).toEqual([[expect.stringMatching(/Stage 1 must be approved first/)]]);
  });
});
