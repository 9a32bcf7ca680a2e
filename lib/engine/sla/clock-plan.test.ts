import { describe, expect, it } from "vitest";
import { defaultSlaPolicy } from "@/lib/schemas/policies/default-governance";
import { CALENDAR_24X7 } from "./calendar";
import { calendarForKey, clockMilestones, clockTarget, consumedBy, describeMinutes, milestoneKey, planTimer, rebaseSegment, resolveClockCalendar } from "./clock-plan";

const policy = defaultSlaPolicy(2026);
const firstTouch = policy.clocks.find((c) => c.id === "LEAD_FIRST_TOUCH")!;
const approval = policy.clocks.find((c) => c.id === "APPROVAL_STAGE")!;
const mql = policy.clocks.find((c) => c.id === "MQL_ACCEPT")!;

describe("clock milestones", () => {
  it("orders warnings, the breach and the ladder on the business-minute axis", () => {
    expect(clockMilestones(firstTouch, 240).map((m) => [milestoneKey(m), m.at])).toEqual([
      ["WARNING:1", 120],
      ["WARNING:2", 180],
      ["BREACH:0", 240],
      ["ESCALATION:1", 240],
      ["ESCALATION:2", 480],
      ["ESCALATION:3", 1680],
    ]);
  });

  it("uses the fixed duration, an override, or the multiplied reference", () => {
    expect(clockTarget(firstTouch, undefined)).toBe(240);
    expect(clockTarget(firstTouch, 5)).toBe(5);
    expect(clockTarget(approval, undefined)).toBeNull();
    expect(clockTarget({ multiplier: 2 }, 90)).toBe(180);
  });

  it("plans what is due now and the next timer, skipping what already fired", () => {
    const start = new Date("2026-11-20T10:00:00Z");
    const running = { runningSince: start, consumedMinutes: 0 };
    const ms = clockMilestones(mql, 60);
    const plan = planTimer(CALENDAR_24X7, running, ms, new Set(), new Date("2026-11-20T11:00:00Z"));
    expect(plan.due.map(milestoneKey)).toEqual(["WARNING:1", "BREACH:0", "ESCALATION:1"]);
    expect(plan.next).toMatchObject({ type: "ESCALATION", level: 2, dueAt: new Date("2026-11-20T19:00:00Z") });
    const later = planTimer(CALENDAR_24X7, running, ms, new Set(["WARNING:1", "BREACH:0", "ESCALATION:1"]), new Date("2026-11-20T11:00:00Z"));
    expect(later.due).toEqual([]);
    const done = planTimer(CALENDAR_24X7, running, ms, new Set(), new Date("2026-12-31T00:00:00Z"));
    expect(done.next).toBeNull();
  });

  it("counts only business time: a Friday-afternoon lead is due on Monday", () => {
    const global = policy.calendars.find((c) => c.id === "global")!;
    const friday = new Date("2026-11-20T16:00:00Z");
    const plan = planTimer(global, { runningSince: friday, consumedMinutes: 0 }, clockMilestones(firstTouch, 240), new Set(), friday);
    expect(plan.next).toMatchObject({ type: "WARNING", dueAt: new Date("2026-11-23T10:00:00Z") });
    expect(consumedBy(global, { runningSince: friday, consumedMinutes: 30 }, new Date("2026-11-23T09:30:00Z"))).toBe(120);
  });

  it("keeps the fraction of a minute when a segment is rebased", () => {
    const now = new Date("2026-11-20T10:00:00Z");
    expect(rebaseSegment(4.5, now)).toEqual({ consumedMinutes: 4, runningSince: new Date("2026-11-20T09:59:30Z") });
    expect(rebaseSegment(3, now)).toEqual({ consumedMinutes: 3, runningSince: now });
  });
});

describe("clock calendars", () => {
  const owner = { id: "u1", timezone: "Europe/Berlin", workingHours: { mon: [["08:00", "16:00"]] }, region: "EMEA" };
  it("runs 24x7 without business hours, on the owner's hours with their region's holidays, else the region's or the default calendar", () => {
    expect(resolveClockCalendar(policy, mql, { owner, region: null }).key).toBe("24x7");
    const own = resolveClockCalendar(policy, firstTouch, { owner, region: null });
    expect(own.key).toBe("owner:u1");
    expect(own.calendar).toMatchObject({ timezone: "Europe/Berlin", holidays: policy.calendars.find((c) => c.region === "EMEA")!.holidays });
    expect(resolveClockCalendar(policy, firstTouch, { owner: { ...owner, workingHours: {} }, region: null }).key).toBe("calendar:emea");
    expect(resolveClockCalendar(policy, approval, { owner, region: "APAC" }).key).toBe("calendar:apac");
    expect(resolveClockCalendar(policy, approval, { owner: null, region: "MARS" }).key).toBe("calendar:global");
    expect(calendarForKey(policy, "owner:u1", owner)).toMatchObject({ timezone: "Europe/Berlin" });
    expect(calendarForKey(policy, "calendar:na", null)).toMatchObject({ id: "na" });
    expect(calendarForKey(policy, "calendar:gone", null)).toMatchObject({ id: "global" });
  });

  it("describes durations in plain words", () => {
    expect([describeMinutes(1), describeMinutes(90), describeMinutes(240), describeMinutes(2880)]).toEqual(["1 minute", "90 minutes", "4 hours", "2 days"]);
  });
});
