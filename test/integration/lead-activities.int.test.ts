import { beforeAll, describe, expect, it } from "vitest";
import { POST as postActivities } from "@/app/api/v1/leads/[ref]/activities/route";
import { seedDemo } from "@/prisma/seed";
import { createApiKey } from "@/lib/server/api-keys";
import { SESSION_USER_SELECT, type TSessionUser } from "@/lib/server/auth/session-user";
import { intakeLead } from "@/lib/server/commands/intake/intake-lead";
import { db } from "@/lib/server/db";
import { verifyDecisionLog } from "@/lib/server/decision-log";

const BASE = "http://arbiter.test";
const keys: Record<string, string> = {};
let rep: TSessionUser;
const ctx = (ref: string) => ({ params: Promise.resolve<Record<string, string>>({ ref }) });
const post = (who: string, leadId: string, body: unknown) =>
  postActivities(new Request(`${BASE}/api/v1/leads/${leadId}/activities`, { method: "POST", headers: { authorization: `Bearer ${keys[who]}`, "content-type": "application/json" }, body: JSON.stringify(body) }), ctx(leadId));
const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const intent = () => [
  { type: "demo_request", occurredAt: ago(0) },
  { type: "pricing_page_visit", occurredAt: ago(1) },
  { type: "pricing_page_visit", occurredAt: ago(0), metadata: { path: "/pricing" } },
  { type: "product_signup", occurredAt: ago(0) },
];

/** A well-fitting lead the rep owns (self-sourced) with no activity yet, so it starts as LEAD. */
async function repLead(email: string) {
  const r = await intakeLead({ actor: rep, raw: { email, firstName: "Ada", title: "VP Engineering", employees: 2500, country: "DE", industry: "Software" }, channel: "MANUAL" });
  expect(r.ownerId).toBe(rep.id);
  return r;
}

describe("lead activities", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    for (const who of ["rep", "rep2"]) keys[who] = (await createApiKey({ actorId: null, userEmail: `${who}@arbiter.demo`, name: "t" })).key;
    rep = await db().user.findUniqueOrThrow({ where: { email: "rep@arbiter.demo" }, select: SESSION_USER_SELECT });
  });

  it("records activities, re-scores with the published model and makes the lead an MQL, all logged", async () => {
    const lead = await repLead("ada.activity@activity-co.io");
    expect(lead.lifecycleStage).toBe("LEAD");
    const res = await post("rep", lead.leadId, { activities: intent() });
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data).toMatchObject({ recorded: 4, previousStage: "LEAD", lifecycleStage: "MQL" });
    expect(data.score.total).toBeGreaterThan(lead.score.total);
    const stored = await db().lead.findUniqueOrThrow({ where: { id: lead.leadId } });
    expect(stored).toMatchObject({ lifecycleStage: "MQL", score: data.score.total });
    expect(await db().leadActivity.count({ where: { leadId: lead.leadId } })).toBe(4);
    const kinds = (await db().decisionLog.findMany({ where: { subjectId: lead.leadId }, orderBy: { id: "asc" } })).map((d) => d.kind);
    // The new MQL's accept clock starts with the stage change (SLA clocks, ADR 0009).
    expect(kinds.slice(-3)).toEqual(["lead.scored", "lead.stage_changed", "sla.clock_started"]);
    expect(await db().lifecycleTransition.count({ where: { leadId: lead.leadId, toStage: "MQL" } })).toBe(1);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("requalifies a recycled lead on new high-intent activity and tells its last owner", async () => {
    const lead = await repLead("ada.recycled@activity-co.io");
    await db().lead.update({ where: { id: lead.leadId }, data: { lifecycleStage: "RECYCLED" } });
    await db().lifecycleTransition.create({ data: { leadId: lead.leadId, fromStage: "MQL", toStage: "RECYCLED", reason: "NO_BUDGET", actorId: rep.id, at: new Date(ago(30)) } });
    const { data } = await (await post("rep", lead.leadId, { activities: intent() })).json();
    expect(data).toMatchObject({ previousStage: "RECYCLED", lifecycleStage: "MQL" });
    expect(data.explanation.join(" ")).toMatch(/New high-intent activity since recycling/);
    const inbox = await db().notification.findMany({ where: { userId: rep.id, kind: "lead.requalified", link: `/leads/${lead.leadId}` } });
    expect(inbox).toHaveLength(1);
  });

  it("keeps a recently recycled lead recycled, saying why", async () => {
    const lead = await repLead("ada.recent@activity-co.io");
    await db().lead.update({ where: { id: lead.leadId }, data: { lifecycleStage: "RECYCLED" } });
    await db().lifecycleTransition.create({ data: { leadId: lead.leadId, fromStage: "MQL", toStage: "RECYCLED", reason: "NO_BUDGET", actorId: rep.id, at: new Date(ago(2)) } });
    const { data } = await (await post("rep", lead.leadId, { activities: intent() })).json();
    expect(data.lifecycleStage).toBe("RECYCLED");
    expect(data.explanation.join(" ")).toMatch(/can requalify after 14 days/);
  });

  it("hides another rep's lead (404) and refuses bad activities per field (422) without writing", async () => {
    const lead = await repLead("ada.private@activity-co.io");
    expect((await post("rep2", lead.leadId, { activities: intent() })).status).toBe(404);
    const future = new Date(Date.now() + 60 * 60_000).toISOString();
    const bad = await post("rep", lead.leadId, { activities: [{ type: "Demo Request", occurredAt: "yesterday" }, { type: "demo_request", occurredAt: future }] });
    expect(bad.status).toBe(422);
    const { error } = await bad.json();
    expect(Object.keys(error.fields)).toEqual(expect.arrayContaining(["activities.0.type", "activities.0.occurredAt", "activities.1.occurredAt"]));
    expect((await post("rep", lead.leadId, { activities: [] })).status).toBe(422);
    expect(await db().leadActivity.count({ where: { leadId: lead.leadId } })).toBe(0);
  });
});
