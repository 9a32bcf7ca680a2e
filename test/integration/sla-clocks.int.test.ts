// SLA clock commands and the timer handler on real Postgres and pg-boss tables: start (one
// INSERT, timers in the same transaction), pause / resume, re-target, stop, each logged;
// timers that fire warnings, the breach and the escalation ladder exactly once.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { appendDecisions, verifyDecisionLog } from "@/lib/server/decision-log";
import { DomainError } from "@/lib/server/errors";
import { fireTimers } from "@/lib/server/sla/fire-timers";
import { pauseClock } from "@/lib/server/sla/pause-clock";
import { resumeClock } from "@/lib/server/sla/resume-clock";
import { retargetClocks } from "@/lib/server/sla/retarget-clocks";
import { startClocks } from "@/lib/server/sla/start-clocks";
import { stopClocks } from "@/lib/server/sla/stop-clocks";
import type { TClockStart } from "@/lib/server/sla/types";
import { makeUser } from "./fixtures/users";
import { publishSlaPolicy, quickSlaPolicy } from "./fixtures/sla-policy";

let rep: { id: string };
let otherRep: { id: string };
let manager: { id: string };
let revops: { id: string };
let exec: { id: string };

const leadStart = (subjectId: string, ownerId: string | null = rep.id, kind: TClockStart["kind"] = "LEAD_FIRST_TOUCH"): TClockStart => ({
  kind,
  subjectType: "LEAD",
  subjectId,
  ownerId,
  teamId: null,
  region: null,
  reason: "the lead was assigned to a rep",
});

async function start(starts: TClockStart[]) {
  return db().$transaction(async (tx) => {
    const result = await startClocks(tx, starts);
    await appendDecisions(tx, result.decisions);
    return result;
  });
}

async function timerJobs(clockId: string) {
  return db().$queryRaw<{ id: string; start_after: Date; state: string; data: { generation: number } }[]>`
    SELECT id::text, start_after, state::text, data FROM pgboss.job WHERE name = 'sla.timer' AND data->>'clockId' = ${clockId} ORDER BY start_after`;
}

/** Moves a clock's running segment into the past, as if `minutes` had gone by. */
async function age(clockId: string, minutes: number) {
  await db().$executeRaw`UPDATE sla_clocks SET started_at = started_at - make_interval(secs => ${minutes * 60}), running_since = running_since - make_interval(secs => ${minutes * 60}), due_at = due_at - make_interval(secs => ${minutes * 60}) WHERE id = ${clockId}::uuid`;
}

const fire = (clockId: string, generation = 0) => fireTimers([{ id: randomUUID(), data: { clockId, generation } }]);

describe("SLA clocks", () => {
  beforeAll(async () => {
    revops = await makeUser("REVOPS");
    manager = await makeUser("SALES_MANAGER");
    rep = await makeUser("REP");
    otherRep = await makeUser("REP");
    exec = await makeUser("EXEC");
    await db().user.updateMany({ where: { id: { in: [rep.id, otherRep.id] } }, data: { managerId: manager.id } });
    await publishSlaPolicy(revops, quickSlaPolicy({ MQL_ACCEPT: { pausable: true, durationMinutes: 10 }, STALE_OPPORTUNITY: { breachLimitPer48h: 1 } }));
  });

  it("starts many clocks in one call, with database-time deadlines and their timers in the same transaction", async () => {
    const leads = [randomUUID(), randomUUID(), randomUUID()];
    const before = (await db().$queryRaw<{ now: Date }[]>`SELECT now()`)[0]!.now;
    const { clocks, decisions } = await start(leads.map((id) => leadStart(id)));
    expect(clocks).toHaveLength(3);
    expect(decisions.map((d) => d.kind)).toEqual(["sla.clock_started", "sla.clock_started", "sla.clock_started"]);
    expect(decisions[0]!.reasons.join(" ")).toMatch(/First touch .* clock started: the lead was assigned to a rep\. It allows 1 minute, runs around the clock/);
    for (const clock of clocks) {
      const row = await db().slaClock.findUniqueOrThrow({ where: { id: clock.id } });
      expect(row).toMatchObject({ status: "RUNNING", targetMinutes: 1, calendarKey: "24x7", ownerId: rep.id, generation: 0 });
      expect(row.startedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 5);
      expect(row.dueAt!.getTime() - row.startedAt.getTime()).toBe(60_000);
      const jobs = await timerJobs(clock.id);
      // The first timer is the 50% warning.
      expect(jobs.map((j) => j.start_after.getTime() - row.startedAt.getTime())).toEqual([30_000]);
    }
    // Starting again keeps the open clock: no second clock, no second timer.
    const again = await start([leadStart(leads[0]!)]);
    expect(again.clocks).toHaveLength(0);
    expect(await db().slaClock.count({ where: { subjectId: leads[0] } })).toBe(1);
  });

  it("rolls the clock and its timer back with the caller's transaction", async () => {
    const lead = randomUUID();
    await expect(
      db().$transaction(async (tx) => {
        await startClocks(tx, [leadStart(lead)]);
        throw new Error("caller failed");
      }),
    ).rejects.toThrow("caller failed");
    expect(await db().slaClock.count({ where: { subjectId: lead } })).toBe(0);
    expect(await db().$queryRaw<unknown[]>`SELECT 1 FROM pgboss.job WHERE name = 'sla.timer' AND data->>'clockId' IS NULL`).toHaveLength(0);
  });

  it("starts nothing for a relative clock without a reference, and applies the multiplier to one", async () => {
    const step = randomUUID();
    const none = await start([{ ...leadStart(step), kind: "APPROVAL_STAGE", subjectType: "APPROVAL_STEP" }]);
    expect(none.clocks).toHaveLength(0);
    const withRef = await start([{ ...leadStart(step), kind: "APPROVAL_STAGE", subjectType: "APPROVAL_STEP", targetMinutes: 7 }]);
    expect(withRef.clocks[0]).toMatchObject({ targetMinutes: 7 });
  });

  it("pauses only where the policy allows, keeps used time, and resumes with a later deadline", async () => {
    const lead = randomUUID();
    const { clocks } = await start([leadStart(lead), leadStart(lead, rep.id, "MQL_ACCEPT")]);
    const firstTouch = clocks.find((c) => c.kind === "LEAD_FIRST_TOUCH")!;
    const mql = clocks.find((c) => c.kind === "MQL_ACCEPT")!;
    const refused = db().$transaction((tx) => pauseClock(tx, { clockId: firstTouch.id, reason: "waiting on the customer" }));
    await expect(refused).rejects.toThrow(DomainError);
    await expect(refused).rejects.toThrow(/does not allow pausing/);

    await age(mql.id, 4);
    await db().$transaction(async (tx) => appendDecisions(tx, (await pauseClock(tx, { clockId: mql.id, reason: "waiting on the customer", actorId: revops.id })).decisions));
    const paused = await db().slaClock.findUniqueOrThrow({ where: { id: mql.id } });
    expect(paused).toMatchObject({ status: "PAUSED", consumedMinutes: 4, dueAt: null, runningSince: null, generation: 1, pauseReason: "waiting on the customer" });
    await expect(db().$transaction((tx) => pauseClock(tx, { clockId: mql.id, reason: "again" }))).rejects.toThrow(/only a running clock/);
    // A timer of the old generation does nothing.
    expect((await fire(mql.id, 0)).fired).toBe(0);

    await db().$transaction(async (tx) => appendDecisions(tx, (await resumeClock(tx, { clockId: mql.id, reason: "the customer answered", actorId: revops.id })).decisions));
    const resumed = await db().slaClock.findUniqueOrThrow({ where: { id: mql.id } });
    expect(resumed).toMatchObject({ status: "RUNNING", consumedMinutes: 4, generation: 2 });
    expect(resumed.dueAt!.getTime() - resumed.runningSince!.getTime()).toBe(6 * 60_000);
    // The 50% warning (5 of 10 minutes) is the next timer of generation 2.
    const jobs = (await timerJobs(mql.id)).filter((j) => j.data.generation === 2);
    expect(jobs.map((j) => j.start_after.getTime() - resumed.runningSince!.getTime())).toEqual([60_000]);
    const kinds = (await db().decisionLog.findMany({ where: { subjectId: lead }, orderBy: { id: "asc" } })).map((d) => d.kind);
    expect(kinds).toEqual(["sla.clock_started", "sla.clock_started", "sla.clock_paused", "sla.clock_resumed"]);
  });

  it("re-targets to the new owner without giving back used time, and escalates to the new owner's chain", async () => {
    const lead = randomUUID();
    const { clocks } = await start([leadStart(lead)]);
    await age(clocks[0]!.id, 0.25);
    const result = await db().$transaction(async (tx) => {
      const r = await retargetClocks(tx, { subjectType: "LEAD", subjectId: lead, newOwnerId: otherRep.id, reason: "reassigned by the manager", actorId: manager.id });
      await appendDecisions(tx, r.decisions);
      return r;
    });
    expect(result.retargeted).toBe(1);
    expect(result.decisions[0]!.reasons[0]).toMatch(/moved to the new owner: reassigned by the manager/);
    const row = await db().slaClock.findUniqueOrThrow({ where: { id: clocks[0]!.id } });
    expect(row).toMatchObject({ ownerId: otherRep.id, generation: 1 });
    expect(Math.abs(row.dueAt!.getTime() - clocks[0]!.dueAt.getTime() + 15_000)).toBeLessThan(1_500);
    // Re-targeting to the same owner again changes nothing.
    const same = await db().$transaction((tx) => retargetClocks(tx, { subjectType: "LEAD", subjectId: lead, newOwnerId: otherRep.id, reason: "no-op" }));
    expect(same.retargeted).toBe(0);
  });

  it("stops the given kinds only, says whether the SLA was met, and makes queued timers no-ops", async () => {
    const lead = randomUUID();
    const { clocks } = await start([leadStart(lead), leadStart(lead, rep.id, "MQL_ACCEPT")]);
    const { stopped, decisions } = await db().$transaction(async (tx) => {
      const r = await stopClocks(tx, { subjectType: "LEAD", subjectId: lead, kinds: ["LEAD_FIRST_TOUCH"], reason: "first call logged", actorId: rep.id });
      await appendDecisions(tx, r.decisions);
      return r;
    });
    expect(stopped).toBe(1);
    expect(decisions[0]!.reasons).toEqual([expect.stringMatching(/clock stopped: first call logged\./), expect.stringMatching(/^SLA met: /)]);
    const rows = await db().slaClock.findMany({ where: { subjectId: lead } });
    expect(rows.find((r) => r.kind === "LEAD_FIRST_TOUCH")).toMatchObject({ status: "STOPPED", stopReason: "first call logged", dueAt: null });
    expect(rows.find((r) => r.kind === "MQL_ACCEPT")).toMatchObject({ status: "RUNNING" });
    await age(clocks[0]!.id, 5);
    expect((await fire(clocks[0]!.id, 0)).fired).toBe(0);
    expect((await fire(clocks[0]!.id, 1)).fired).toBe(0);
    // A new first-touch clock can start once the old one is stopped (one open clock per kind).
    expect((await start([leadStart(lead)])).clocks).toHaveLength(1);
  });

  it("fires warning, breach and escalation levels once each, notifying the owner, manager and RevOps, even when the job runs twice", async () => {
    const lead = randomUUID();
    const { clocks } = await start([leadStart(lead)]);
    const clockId = clocks[0]!.id;
    await age(clockId, 0.6);
    expect((await fire(clockId)).fired).toBe(1);
    await age(clockId, 0.6);
    // Breach and level 1 (at the breach); level 2 is a minute later.
    expect((await fire(clockId)).fired).toBe(2);
    expect((await fire(clockId)).fired).toBe(0);
    await age(clockId, 1);
    // The same job delivered twice, and twice in one batch: level 2 still fires once.
    const job = { id: randomUUID(), data: { clockId, generation: 0 } };
    const [a, b] = await Promise.all([fireTimers([job, job]), fireTimers([job])]);
    expect(a.fired + b.fired).toBe(1);
    expect((await fireTimers([job])).fired).toBe(0);

    const events = await db().slaClockEvent.findMany({ where: { clockId }, orderBy: { id: "asc" } });
    expect(events.map((e) => `${e.type}:${e.level}`)).toEqual(["WARNING:1", "BREACH:0", "ESCALATION:1", "ESCALATION:2"]);
    expect(events.find((e) => e.type === "ESCALATION" && e.level === 1)!.notifiedUserIds.sort()).toEqual([rep.id, manager.id].sort());
    expect(events.find((e) => e.level === 2)!.notifiedUserIds).toEqual([revops.id]);
    const clock = await db().slaClock.findUniqueOrThrow({ where: { id: clockId } });
    expect(clock.escalationLevel).toBe(2);
    expect(clock.breachedAt).not.toBeNull();

    const notes = await db().notification.findMany({ where: { link: `/leads/${lead}` }, orderBy: { createdAt: "asc" } });
    expect(notes.filter((n) => n.userId === rep.id).map((n) => n.kind)).toEqual(["sla.warning", "sla.breached", "sla.escalated"]);
    expect(notes.filter((n) => n.userId === manager.id).map((n) => n.kind)).toEqual(["sla.escalated"]);
    expect(notes.filter((n) => n.userId === revops.id).map((n) => n.title)).toEqual([expect.stringMatching(/SLA escalation \(level 2\)/)]);

    const log = await db().decisionLog.findMany({ where: { subjectId: lead }, orderBy: { id: "asc" } });
    expect(log.map((d) => d.kind)).toEqual(["sla.clock_started", "sla.warning", "sla.breached", "sla.escalated", "sla.escalated"]);
    expect((log[2]!.reasons as string[])[0]).toMatch(/This lead missed its SLA of 1 minute at/);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("alerts leadership once when breaches of one kind exceed the limit twice in 48 hours, even when batches race", async () => {
    const opportunities = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const { clocks } = await start(opportunities.map((id) => ({ kind: "STALE_OPPORTUNITY", subjectType: "OPPORTUNITY", subjectId: id, ownerId: rep.id, teamId: null, region: null, targetMinutes: 1, reason: "no activity" })));
    for (const c of clocks) await age(c.id, 2.5); // 2 minutes: the policy doubles the 1-minute reference
    // Limit 1: the first breach is within it, the second exceeds it once: no alert yet.
    await fire(clocks[0]!.id);
    await fire(clocks[1]!.id);
    expect(await db().slaGuardrailAlert.count()).toBe(0);
    // The third and fourth breach land at once: one alert, not two.
    await Promise.all([fire(clocks[2]!.id), fire(clocks[3]!.id)]);
    const alerts = await db().slaGuardrailAlert.findMany();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ clockKind: "STALE_OPPORTUNITY" });
    expect(alerts[0]!.breaches).toBeGreaterThanOrEqual(3);
    const notes = await db().notification.findMany({ where: { kind: "sla.guardrail" } });
    expect(notes.map((n) => n.userId).sort()).toEqual([revops.id, exec.id].sort());
    const entry = await db().decisionLog.findFirstOrThrow({ where: { kind: "sla.guardrail_alert" } });
    expect((entry.reasons as string[])[0]).toMatch(/breaches of "Opportunity stale .*" in the last 48 hours exceed the limit of 1 twice/);
    // Opportunity clocks link to the opportunity.
    expect(await db().notification.count({ where: { link: `/opportunities/${opportunities[0]}`, kind: "sla.breached" } })).toBe(1);
  });
});
