// Where the product starts, stops and moves SLA clocks: intake assigns a lead (first touch
// starts on the owner's calendar; not for historical imports), a call stops it, a manager's
// reassignment moves it, an MQL decision stops the accept clock — each in the command's
// own transaction and in the lead's timeline, in plain words.
import { beforeAll, describe, expect, it } from "vitest";
import { describeDecisionKind } from "@/lib/engine/audit/decision-kinds";
import { seedDemo } from "@/prisma/seed";
import { SESSION_USER_SELECT, type TSessionUser } from "@/lib/server/auth/session-user";
import { intakeLead } from "@/lib/server/commands/intake/intake-lead";
import { decideMql } from "@/lib/server/commands/leads/decide-mql";
import { recordLeadActivities } from "@/lib/server/commands/leads/record-activities";
import { reassignLead } from "@/lib/server/commands/reassign-lead";
import { db } from "@/lib/server/db";
import { verifyDecisionLog } from "@/lib/server/decision-log";
import { leadDetail } from "@/lib/server/queries/lead-detail";
import { startClocks } from "@/lib/server/sla/start-clocks";

let rep: TSessionUser;
let revops: TSessionUser;
let n = 0;

async function ownedLead(extra: object = {}, options: { historical?: boolean } = {}) {
  const r = await intakeLead({ actor: rep, raw: { email: `sla.${++n}@clock-co.io`, title: "Engineer", ...extra }, channel: "MANUAL", ...options });
  return r;
}

const clocksOf = (leadId: string) => db().slaClock.findMany({ where: { subjectType: "LEAD", subjectId: leadId }, orderBy: { createdAt: "asc" } });

describe("SLA clocks in the lead workflow", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.05, log: () => {} });
    rep = await db().user.findUniqueOrThrow({ where: { email: "rep@arbiter.demo" }, select: SESSION_USER_SELECT });
    revops = await db().user.findUniqueOrThrow({ where: { email: "revops@arbiter.demo" }, select: SESSION_USER_SELECT });
  });

  it("starts first touch when intake places a lead, on the owner's calendar, and logs it on the lead", async () => {
    const lead = await ownedLead();
    expect(lead.ownerId ?? lead.queueTeamId).toBeTruthy();
    const [clock] = await clocksOf(lead.leadId);
    expect(clock).toMatchObject({ kind: "LEAD_FIRST_TOUCH", status: "RUNNING", ownerId: lead.ownerId, targetMinutes: 240 });
    if (lead.ownerId) expect(clock!.calendarKey).toMatch(/^(owner:|calendar:)/);
    expect(clock!.dueAt!.getTime()).toBeGreaterThan(clock!.startedAt.getTime());
    const detail = await leadDetail(revops, lead.leadId);
    const started = detail!.decisions.find((d) => d.kind === "sla.clock_started")!;
    expect(describeDecisionKind(started.kind)).toBe("SLA clock started");
    expect((started.reasons as string[]).join(" ")).toMatch(/First touch within 4 business hours" clock started: the lead was assigned to/);
    // The same person submitted again keeps the one open clock.
    await intakeLead({ actor: rep, raw: { email: `sla.${n}@clock-co.io`, title: "Head of Engineering" }, channel: "MANUAL" });
    expect(await clocksOf(lead.leadId)).toHaveLength(1);
  });

  it("starts no clock for a historical import", async () => {
    const lead = await ownedLead({}, { historical: true });
    expect(await clocksOf(lead.leadId)).toHaveLength(0);
  });

  it("stops first touch on a call (not on a page visit), and says the SLA was met", async () => {
    const lead = await ownedLead();
    const at = new Date().toISOString();
    await recordLeadActivities({ actor: revops, leadId: lead.leadId, input: { activities: [{ type: "page_visit", occurredAt: at }] } });
    expect((await clocksOf(lead.leadId))[0]!.status).toBe("RUNNING");
    await recordLeadActivities({ actor: revops, leadId: lead.leadId, input: { activities: [{ type: "call", occurredAt: at }] } });
    const [clock] = await clocksOf(lead.leadId);
    expect(clock).toMatchObject({ status: "STOPPED", stopReason: "first touch logged (call)" });
    const stopped = await db().decisionLog.findFirstOrThrow({ where: { subjectId: lead.leadId, kind: "sla.clock_stopped" } });
    expect(stopped.reasons).toEqual([expect.stringContaining("first touch logged (call)"), expect.stringMatching(/^SLA met: /)]);
  });

  it("moves the clock to the new owner on reassignment, in the same log batch", async () => {
    const lead = await ownedLead();
    const other = await db().user.findFirstOrThrow({ where: { role: "REP", active: true, id: { not: lead.ownerId ?? undefined } }, select: SESSION_USER_SELECT });
    await reassignLead({ actor: revops, leadId: lead.leadId, input: { ownerId: other.id, reason: "Speaks the customer's language" } });
    const [clock] = await clocksOf(lead.leadId);
    expect(clock).toMatchObject({ ownerId: other.id, status: "RUNNING", generation: 1 });
    const kinds = (await db().decisionLog.findMany({ where: { subjectId: lead.leadId }, orderBy: { id: "asc" } })).map((d) => d.kind);
    expect(kinds.slice(-2)).toEqual(["lead.reassigned", "sla.clock_retargeted"]);
  });

  it("stops the MQL accept clock when the MQL is decided", async () => {
    const lead = await ownedLead();
    const ownerId = lead.ownerId ?? rep.id;
    await db().lead.update({ where: { id: lead.leadId }, data: { lifecycleStage: "MQL", ownerId } });
    await db().$transaction(async (tx) => {
      await startClocks(tx, [{ kind: "MQL_ACCEPT", subjectType: "LEAD", subjectId: lead.leadId, ownerId, teamId: null, region: null, reason: "the lead became a marketing qualified lead" }]);
    });
    const owner = await db().user.findUniqueOrThrow({ where: { id: ownerId }, select: SESSION_USER_SELECT });
    await decideMql({ actor: owner.role === "REP" ? owner : revops, leadId: lead.leadId, input: { decision: "ACCEPT" } });
    const mql = (await clocksOf(lead.leadId)).find((c) => c.kind === "MQL_ACCEPT")!;
    expect(mql).toMatchObject({ status: "STOPPED", stopReason: "the MQL was accepted" });
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });
});
