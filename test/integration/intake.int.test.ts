import { beforeAll, describe, expect, it } from "vitest";
import { GET as getDecisions } from "@/app/api/v1/leads/[ref]/decisions/route";
import { GET as getLeadRoute } from "@/app/api/v1/leads/[ref]/route";
import { POST as postLead } from "@/app/api/v1/leads/route";
import { seedDemo } from "@/prisma/seed";
import { createApiKey } from "@/lib/server/api-keys";
import { intakeLead } from "@/lib/server/commands/intake/intake-lead";
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
    const { data } = await (await post(keys.revops!, { email: "scope@example-co.io" })).json();
    const asRevops = await getLeadRoute(new Request(`${BASE}/api/v1/leads/${data.leadId}`, { headers: { authorization: `Bearer ${keys.revops}` } }), ctx(data.leadId));
    expect(asRevops.status).toBe(200);
    const asRep = await getLeadRoute(new Request(`${BASE}/api/v1/leads/${data.leadId}`, { headers: { authorization: `Bearer ${keys.rep}` } }), ctx(data.leadId));
    expect(asRep.status).toBe(404);
    const decisions = await (await getDecisions(new Request(`${BASE}/api/v1/leads/${data.leadId}/decisions`, { headers: { authorization: `Bearer ${keys.revops}` } }), ctx(data.leadId))).json();
    expect(decisions.data.map((d: { kind: string }) => d.kind)).toEqual(expect.arrayContaining(["lead.scored"]));
  });
});
