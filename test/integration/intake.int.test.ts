import { beforeAll, describe, expect, it } from "vitest";
import { GET as getDecisions } from "@/app/api/v1/leads/[ref]/decisions/route";
import { GET as getLeadRoute } from "@/app/api/v1/leads/[ref]/route";
import { POST as postLead } from "@/app/api/v1/leads/route";
import { seedDemo } from "@/prisma/seed";
import { createApiKey } from "@/lib/server/api-keys";
import { createPolicyDraft } from "@/lib/server/commands/create-policy-draft";
import { intakeLead } from "@/lib/server/commands/intake/intake-lead";
import { publishPolicyVersion } from "@/lib/server/commands/publish-policy-version";
import { db } from "@/lib/server/db";
import { verifyDecisionLog } from "@/lib/server/decision-log";

const BASE = "http://arbiter.test";
const keys: Record<string, string> = {};
const ctx = (ref?: string) => ({ params: Promise.resolve<Record<string, string>>(ref ? { ref } : {}) });
const post = (key: string, body: unknown, headers: Record<string, string> = {}) =>
  postLead(new Request(`${BASE}/api/v1/leads`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers }, body: JSON.stringify(body) }), ctx());

describe("lead intake", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    for (const who of ["revops", "rep", "finance"]) keys[who] = (await createApiKey({ actorId: null, userEmail: `${who}@arbiter.demo`, name: "t" })).key;
  });

  it("creates a lead matched to its account by domain, scored with a breakdown and placed, all logged", async () => {
    const account = await db().account.findFirstOrThrow({ where: { domain: { not: null }, employees: { gte: 2000 } } });
    const res = await post(keys.revops!, { email: `  Jo.Buyer@${account.domain!.toUpperCase()} `, firstName: "Jo", title: "VP Engineering", country: "germany", source: "Web Form" });
    expect(res.status).toBe(201);
    const { data } = await res.json();
    expect(data).toMatchObject({ status: "created", accountId: account.id });
    expect(data.explanation[0]).toMatch(/Matched account .* by e-mail domain/);
    expect(data.score.breakdown.length).toBeGreaterThan(0);
    expect(data.ownerId ?? data.queueTeamId).toBeTruthy();
    const lead = await db().lead.findUniqueOrThrow({ where: { id: data.leadId } });
    expect(lead).toMatchObject({ email: `jo.buyer@${account.domain}`, country: "DE", source: "web_form", score: data.score.total });
    const kinds = (await db().decisionLog.findMany({ where: { subjectId: data.leadId }, orderBy: { id: "asc" } })).map((d) => d.kind);
    expect(kinds).toEqual(expect.arrayContaining(["lead.created", "lead.scored", "lead.routed"]));
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("updates the same person instead of duplicating, and says what changed", async () => {
    const first = await (await post(keys.revops!, { email: "dedup@example-co.io", title: "Engineer" })).json();
    const again = await post(keys.revops!, { email: "DEDUP@example-co.io", title: "Head of Engineering", lastName: "Doe" });
    expect(again.status).toBe(200);
    const { data } = await again.json();
    expect(data.leadId).toBe(first.data.leadId);
    expect(data.explanation).toEqual(expect.arrayContaining(['Filled lastName with "Doe"', 'Updated title from "Engineer" to "Head of Engineering" (newer API value)']));
    expect(await db().lead.count({ where: { email: "dedup@example-co.io" } })).toBe(1);
  });

  it("never matches a personal mailbox to an account", async () => {
    const { data } = await (await post(keys.revops!, { email: "someone.private@gmail.com", company: "Whatever" })).json();
    expect(data.accountId).toBeNull();
  });

  it("makes one lead from 50 parallel submissions of the same e-mail", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => intakeLead({ actor: null, raw: { email: "race@parallel.example", title: `Title ${i}` }, channel: "API" })));
    expect(new Set(results.map((r) => r.leadId)).size).toBe(1);
    expect(results.filter((r) => r.status === "created")).toHaveLength(1);
    expect(await db().lead.count({ where: { email: "race@parallel.example" } })).toBe(1);
  });

  it("refuses bad input per field and writes nothing", async () => {
    const before = await db().lead.count();
    const logBefore = await db().decisionLog.count();
    for (const body of [{ email: "nope" }, { email: "a@b.io", favourite: 1 }, { email: "a@b.io", country: "Narnia" }, {}]) {
      const res = await post(keys.revops!, body);
      expect(res.status).toBe(422);
      expect((await res.json()).error.fields).toBeTruthy();
    }
    expect(await db().lead.count()).toBe(before);
    expect(await db().decisionLog.count()).toBe(logBefore);
  });

  it("replays an Idempotency-Key with the first response", async () => {
    const headers = { "idempotency-key": "lead-submit-0001" };
    const a = await post(keys.revops!, { email: "idem@example-co.io" }, headers);
    const b = await post(keys.revops!, { email: "idem@example-co.io" }, headers);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get("idempotent-replayed")).toBe("true");
  });

  it("refuses roles that may not create leads, and hides leads outside the caller's scope", async () => {
    expect((await post(keys.finance!, { email: "x@y.io" })).status).toBe(403);
    const { data } = await (await post(keys.revops!, { email: "scope@example-co.io", title: "VP Sales", country: "US" })).json();
    const asRevops = await getLeadRoute(new Request(`${BASE}/api/v1/leads/${data.leadId}`, { headers: { authorization: `Bearer ${keys.revops}` } }), ctx(data.leadId));
    expect(asRevops.status).toBe(200);
    const asRep = await getLeadRoute(new Request(`${BASE}/api/v1/leads/${data.leadId}`, { headers: { authorization: `Bearer ${keys.rep}` } }), ctx(data.leadId));
    expect(asRep.status).toBe(404);
    const decisions = await (await getDecisions(new Request(`${BASE}/api/v1/leads/${data.leadId}/decisions`, { headers: { authorization: `Bearer ${keys.revops}` } }), ctx(data.leadId))).json();
    expect(decisions.data.map((d: { kind: string }) => d.kind)).toEqual(expect.arrayContaining(["lead.scored"]));
    // The score's entry states each contribution once (its breakdown); the explanation says them all in words.
    const scored = decisions.data.find((d: { kind: string }) => d.kind === "lead.scored");
    expect(scored.output.breakdown.length).toBeGreaterThan(0);
    expect(scored.reasons).toHaveLength(2);
    expect(scored.explanation).toEqual([...scored.reasons, ...scored.output.breakdown.map((b: { label: string }) => expect.stringContaining(b.label))]);
    expect(scored.explanation).toEqual([...data.score.reasons]);
  });

  it("routes an unowned lead by the matrix: the owner hears of it in the inbox, and the sentence is in the lead's decisions", async () => {
    const now = new Date();
    const pool = await db().user.findMany({ where: { role: "REP", active: true, absences: { none: { startsAt: { lte: now }, endsAt: { gt: now } } } }, take: 2, orderBy: { email: "asc" } });
    const revops = await db().user.findUniqueOrThrow({ where: { email: "revops@arbiter.demo" } });
    const team = await db().team.findFirstOrThrow();
    // Always available (no working hours restriction), whatever the clock says when this runs.
    await db().user.updateMany({ where: { id: { in: pool.map((u) => u.id) } }, data: { workingHours: {} } });
    const draft = await createPolicyDraft({
      actor: revops,
      kind: "ROUTING",
      input: {
        name: "Everyone to the test pool",
        body: {
          columns: ["region"],
          rows: [
            { id: "pool", label: "Test pool", conditions: {}, action: { type: "POOL", poolId: "intake-test" } },
            { id: "fallback", conditions: {}, action: { type: "QUEUE", teamId: team.id } },
          ],
          pools: [{ id: "intake-test", name: "Intake test", members: pool.map((u) => ({ userId: u.id, weight: 1 })), requiredSkills: [], catchUpAfterAbsence: false }],
        },
      },
    });
    await publishPolicyVersion({ actor: revops, versionId: draft.id, input: { changeNote: "Route to the test pool", kpi: "FAIRNESS" } });

    const res = await post(keys.revops!, { email: "routed@example-routing.io", firstName: "Rita", lastName: "Routed", company: "Routing Co" });
    const { data } = await res.json();
    expect(pool.map((u) => u.id)).toContain(data.ownerId);
    const inbox = await db().notification.findMany({ where: { userId: data.ownerId, kind: "lead.assigned", link: `/leads/${data.leadId}` } });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.title).toBe("New lead: Rita Routed (Routing Co)");
    expect(inbox[0]!.body).toMatch(/^Routed to you by row 1: every lead · round-robin pool Intake test/);
    const routed = await db().decisionLog.findFirstOrThrow({ where: { subjectId: data.leadId, kind: "lead.routed" } });
    expect((routed.reasons as string[])[0]).toBe(inbox[0]!.body);
    expect(routed).toMatchObject({ policyVersionId: draft.id, output: { ownerId: data.ownerId, rowId: "pool", rowNumber: 1 } });

    // The next lead goes to the other member: the rotation is stored, not per request.
    const next = await (await post(keys.revops!, { email: "routed2@example-routing.io" })).json();
    expect(next.data.ownerId).not.toBe(data.ownerId);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });
});
