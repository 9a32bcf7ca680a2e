import { beforeAll, describe, expect, it } from "vitest";
import { POST as postDecision } from "@/app/api/v1/leads/[ref]/mql-decision/route";
import { seedDemo } from "@/prisma/seed";
import { createApiKey } from "@/lib/server/api-keys";
import { SESSION_USER_SELECT, type TSessionUser } from "@/lib/server/auth/session-user";
import { intakeLead } from "@/lib/server/commands/intake/intake-lead";
import { db } from "@/lib/server/db";
import { verifyDecisionLog } from "@/lib/server/decision-log";

const BASE = "http://arbiter.test";
const keys: Record<string, string> = {};
let rep: TSessionUser;
let n = 0;
const ctx = (ref: string) => ({ params: Promise.resolve<Record<string, string>>({ ref }) });
const decide = (who: string, leadId: string, body: unknown) =>
  postDecision(new Request(`${BASE}/api/v1/leads/${leadId}/mql-decision`, { method: "POST", headers: { authorization: `Bearer ${keys[who]}`, "content-type": "application/json" }, body: JSON.stringify(body) }), ctx(leadId));

/** An MQL the rep owns: self-sourced by intake, then put in MQL as scoring would. */
async function repMql() {
  const r = await intakeLead({ actor: rep, raw: { email: `mql.${++n}@decide-co.io`, title: "VP Engineering" }, channel: "MANUAL" });
  await db().lead.update({ where: { id: r.leadId }, data: { lifecycleStage: "MQL" } });
  return r.leadId;
}

describe("MQL accept / reject", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    for (const who of ["rep", "rep2", "revops", "finance"]) keys[who] = (await createApiKey({ actorId: null, userEmail: `${who}@arbiter.demo`, name: "t" })).key;
    rep = await db().user.findUniqueOrThrow({ where: { email: "rep@arbiter.demo" }, select: SESSION_USER_SELECT });
  });

  it("lets the owner accept an MQL: SQL, with the transition and the log entry", async () => {
    const leadId = await repMql();
    const res = await decide("rep", leadId, { decision: "ACCEPT" });
    expect(res.status).toBe(200);
    expect((await res.json()).data).toMatchObject({ from: "MQL", to: "SQL", reasonCode: null });
    expect((await db().lead.findUniqueOrThrow({ where: { id: leadId } })).lifecycleStage).toBe("SQL");
    expect(await db().lifecycleTransition.count({ where: { leadId, fromStage: "MQL", toStage: "SQL", actorId: rep.id } })).toBe(1);
    const last = await db().decisionLog.findFirstOrThrow({ where: { subjectId: leadId }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({ kind: "lead.stage_changed", actorId: rep.id, output: { to: "SQL" } });
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("rejects with a reason code: recycling or disqualifying as the code says, reason logged", async () => {
    const recycled = await repMql();
    const res = await decide("rep", recycled, { decision: "REJECT", reasonCode: "NO_BUDGET" });
    expect((await res.json()).data).toMatchObject({ to: "RECYCLED", reasonCode: "NO_BUDGET" });
    const entry = await db().decisionLog.findFirstOrThrow({ where: { subjectId: recycled, kind: "lead.stage_changed" }, orderBy: { id: "desc" } });
    expect(entry.input).toMatchObject({ reasonCode: "NO_BUDGET" });
    expect((entry.reasons as string[]).join(" ")).toMatch(/NO_BUDGET/);

    const disqualified = await repMql();
    expect((await (await decide("rep", disqualified, { decision: "REJECT", reasonCode: "COMPETITOR" })).json()).data.to).toBe("DISQUALIFIED");
  });

  it("refuses a rejection without a reason or with an unknown one (422), and a lead that is not an MQL (409)", async () => {
    const leadId = await repMql();
    const missing = await decide("rep", leadId, { decision: "REJECT" });
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.fields.reasonCode).toBeTruthy();
    const unknown = await decide("rep", leadId, { decision: "REJECT", reasonCode: "BORED" });
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).error.fields.reasonCode[0]).toMatch(/Unknown reason code "BORED"/);
    expect((await db().lead.findUniqueOrThrow({ where: { id: leadId } })).lifecycleStage).toBe("MQL");

    await decide("rep", leadId, { decision: "ACCEPT" });
    const again = await decide("rep", leadId, { decision: "ACCEPT" });
    expect(again.status).toBe(409);
    expect((await again.json()).error.message).toBe("The lead is already in SQL");
  });

  it("hides the lead from another rep (404), hides it from roles without lead access (404), and gives RevOps planTransition's refusal", async () => {
    const leadId = await repMql();
    expect((await decide("rep2", leadId, { decision: "ACCEPT" })).status).toBe(404);
    expect((await decide("finance", leadId, { decision: "ACCEPT" })).status).toBe(404);
    // The policy says MQL is the REP's stage: RevOps may ask, the lifecycle engine says no.
    const asRevops = await decide("revops", leadId, { decision: "ACCEPT" });
    expect(asRevops.status).toBe(409);
    expect((await asRevops.json()).error.message).toMatch(/Only the MQL stage's owner \(REP\)/);
    expect((await db().lead.findUniqueOrThrow({ where: { id: leadId } })).lifecycleStage).toBe("MQL");
  });

  it("lets exactly one of two concurrent accepts win", async () => {
    const leadId = await repMql();
    const [a, b] = await Promise.all([decide("rep", leadId, { decision: "ACCEPT" }), decide("rep", leadId, { decision: "REJECT", reasonCode: "NO_RESPONSE" })]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const c = await repMql();
    const both = await Promise.all([decide("rep", c, { decision: "ACCEPT" }), decide("rep", c, { decision: "ACCEPT" })]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await db().lifecycleTransition.count({ where: { leadId: c, fromStage: "MQL" } })).toBe(1);
    expect(await db().decisionLog.count({ where: { subjectId: c, kind: "lead.stage_changed", actorId: rep.id } })).toBe(1);
  });
});
