import { describe, expect, it } from "vitest";
import type { TRoutingPool } from "@/lib/schemas/policies/routing";
import type { TDirectory } from "./availability";
import { checkMember } from "./availability";
import { localTime } from "./local-time";
import { pickFromPool } from "./pick";
import { applyPoolDelta, emptyPoolState, type TPoolState } from "./pool-state";
import { MONDAY_10_UTC, WEEKDAY_9_TO_5, directoryOf, pool, uid, user } from "./test-fixtures";

const MINUTE = 60_000;

/** Runs `n` sequential picks, one a minute from `start`, applying each delta like the caller would. */
function simulate(p: TRoutingPool, directory: TDirectory, n: number, start = MONDAY_10_UTC.getTime(), initial?: TPoolState) {
  let state = initial ?? emptyPoolState(p.id);
  const picks: string[] = [];
  for (let i = 0; i < n; i++) {
    const pick = pickFromPool(p, state, directory, start + i * MINUTE);
    if (!pick.ok) throw new Error("nobody available");
    picks.push(pick.userId);
    state = applyPoolDelta(state, pick.delta);
  }
  return { picks, state };
}

const countsOf = (picks: string[], ids: string[]) => ids.map((id) => picks.filter((p) => p === id).length);

describe("fairness", () => {
  it("1,000 picks on 10 equal members: the spread never exceeds one lead", () => {
    const p = pool("eq", "Equal", Array.from({ length: 10 }, (_, i) => [i + 1] as [number]));
    const dir = directoryOf(Array.from({ length: 10 }, (_, i) => user(i + 1, `Rep ${i + 1}`)));
    const ids = p.members.map((m) => m.userId);
    const { picks } = simulate(p, dir, 1000);
    for (let t = 1; t <= picks.length; t++) {
      const counts = countsOf(picks.slice(0, t), ids);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
    expect(picks.slice(0, 10)).toEqual(ids);
  });

  it("weights 1:2:3 stay within one lead of proportional at every step", () => {
    const p = pool("w", "Weighted", [[1, 1], [2, 2], [3, 3]]);
    const dir = directoryOf([user(1, "A"), user(2, "B"), user(3, "C")]);
    const ids = p.members.map((m) => m.userId);
    const { picks, state } = simulate(p, dir, 1000);
    const counts = [0, 0, 0];
    picks.forEach((id, t) => {
      counts[ids.indexOf(id)]!++;
      [1, 2, 3].forEach((w, i) => expect(Math.abs(counts[i]! - ((t + 1) * w) / 6)).toBeLessThan(1));
    });
    expect(counts).toEqual([167, 333, 500]);
    expect(state.members[uid(3)]).toMatchObject({ assignedTotal: 500, lastAssignedSeq: expect.any(Number) });
  });

  it("is deterministic given the state", () => {
    const p = pool("w", "Weighted", [[1, 5], [2, 3], [3, 1]]);
    const dir = directoryOf([user(1, "A"), user(2, "B"), user(3, "C")]);
    expect(simulate(p, dir, 200).picks).toEqual(simulate(p, dir, 200).picks);
  });

  it("editing the pool keeps standings: a new member joins the rotation without a flood", () => {
    const dir = directoryOf([user(1, "A"), user(2, "B"), user(3, "C")]);
    const before = simulate(pool("p", "P", [[1], [2]]), dir, 101);
    const after = simulate(pool("p", "P", [[1], [2], [3]]), dir, 30, MONDAY_10_UTC.getTime() + 200 * MINUTE, before.state);
    expect(countsOf(after.picks, [uid(1), uid(2), uid(3)])).toEqual([10, 10, 10]);
  });

  it("a stale delta is refused (concurrent intake re-routes instead of double assigning)", () => {
    const p = pool("p", "P", [[1], [2]]);
    const dir = directoryOf([user(1, "A"), user(2, "B")]);
    const state = emptyPoolState("p");
    const a = pickFromPool(p, state, dir, MONDAY_10_UTC.getTime());
    const b = pickFromPool(p, state, dir, MONDAY_10_UTC.getTime());
    if (!a.ok || !b.ok) throw new Error("unexpected");
    const next = applyPoolDelta(state, a.delta);
    expect(() => applyPoolDelta(next, b.delta)).toThrow(/version 1, the delta expects 0/);
  });
});

describe("absence and catch-up", () => {
  const start = MONDAY_10_UTC.getTime();
  // Dana is away for the first 300 minutes = the first 300 picks.
  const dana = user(1, "Dana", { absences: [{ startsAt: start - MINUTE, endsAt: start + 300 * MINUTE }] });
  const dir = directoryOf([dana, user(2, "B"), user(3, "C")]);

  it("without catch-up, a member back from PTO resumes the normal rotation", () => {
    const { picks } = simulate(pool("p", "P", [[1], [2], [3]]), dir, 400);
    expect(countsOf(picks.slice(0, 300), [uid(1)])).toEqual([0]);
    const after = countsOf(picks.slice(300), [uid(1), uid(2), uid(3)]);
    after.forEach((c) => expect(Math.abs(c - 100 / 3)).toBeLessThanOrEqual(1));
  });

  it("with catchUpAfterAbsence, the missed leads go to them first", () => {
    const { picks } = simulate(pool("p", "P", [[1], [2], [3]], { catchUpAfterAbsence: true }), dir, 450);
    expect(picks.slice(300, 400).every((id) => id === uid(1))).toBe(true);
    expect(countsOf(picks, [uid(1), uid(2), uid(3)])).toEqual([150, 150, 150]);
  });
});

describe("availability", () => {
  const p = pool("p", "P", [[1]], { requiredSkills: ["lang:de"] });
  const m = p.members[0]!;

  it("reports reasons in a fixed order", () => {
    expect(checkMember(p, m, undefined, undefined, 0)).toMatchObject({ available: false, skipped: { reason: "NOT_IN_DIRECTORY" } });
    expect(checkMember(p, m, user(1, "A", { active: false, skills: [] }), undefined, 0)).toMatchObject({ skipped: { reason: "INACTIVE" } });
    expect(checkMember(p, m, user(1, "A", { skills: ["lang:fr"] }), undefined, 0)).toMatchObject({ skipped: { reason: "LACKS_SKILL", detail: "lacks skill lang:de" } });
    expect(checkMember(p, m, user(1, "A", { skills: ["lang:de"] }), undefined, 0)).toMatchObject({ available: true });
  });

  it("working hours are read in the member's timezone", () => {
    const ny = user(1, "A", { skills: ["lang:de"], timezone: "America/New_York", workingHours: WEEKDAY_9_TO_5 });
    // Monday 2026-03-02 is EST (UTC-5): 13:59Z is 08:59 local, 14:00Z is 09:00.
    expect(checkMember(p, m, ny, undefined, Date.parse("2026-03-02T13:59:00Z"))).toMatchObject({ skipped: { reason: "OUTSIDE_HOURS" } });
    expect(checkMember(p, m, ny, undefined, Date.parse("2026-03-02T14:00:00Z"))).toMatchObject({ available: true });
    expect(checkMember(p, m, ny, undefined, Date.parse("2026-03-02T22:00:00Z"))).toMatchObject({ skipped: { reason: "OUTSIDE_HOURS" } });
    // Saturday: no hours.
    expect(checkMember(p, m, ny, undefined, Date.parse("2026-03-07T15:00:00Z"))).toMatchObject({ skipped: { reason: "OUTSIDE_HOURS" } });
  });

  it("DST days: the local clock jumps and working hours follow it", () => {
    // Europe/Berlin springs forward on 2026-03-29 at 02:00 local (01:00Z).
    expect(localTime("Europe/Berlin", Date.parse("2026-03-29T00:59:00Z"))).toMatchObject({ date: "2026-03-29", weekday: 6, minutes: 1 * 60 + 59 });
    expect(localTime("Europe/Berlin", Date.parse("2026-03-29T01:00:00Z"))).toMatchObject({ minutes: 3 * 60 });
    const berlin = user(1, "A", { skills: ["lang:de"], timezone: "Europe/Berlin", workingHours: WEEKDAY_9_TO_5 });
    // 07:00Z is 08:00 the Monday before the change, 09:00 the Monday after.
    expect(checkMember(p, m, berlin, undefined, Date.parse("2026-03-23T07:00:00Z"))).toMatchObject({ skipped: { reason: "OUTSIDE_HOURS" } });
    expect(checkMember(p, m, berlin, undefined, Date.parse("2026-03-30T07:00:00Z"))).toMatchObject({ available: true });
    // US falls back on 2026-11-01 at 02:00 EDT: 05:30Z is 01:30 EDT, 06:30Z is 01:30 EST again.
    expect(localTime("America/New_York", Date.parse("2026-11-01T05:30:00Z")).minutes).toBe(90);
    expect(localTime("America/New_York", Date.parse("2026-11-01T06:30:00Z")).minutes).toBe(90);
    // A night shift ending at 24:00 includes 23:59.
    const late = user(1, "A", { skills: ["lang:de"], workingHours: { sun: [["20:00", "24:00"]] } });
    expect(checkMember(p, m, late, undefined, Date.parse("2026-03-29T23:59:00Z"))).toMatchObject({ available: true });
  });

  it("an unknown timezone counts as UTC", () => {
    expect(localTime("Mars/Olympus", Date.parse("2026-03-02T10:00:00Z"))).toMatchObject({ date: "2026-03-02", weekday: 0, minutes: 600 });
  });

  it("daily caps reset at the member's local midnight, weekly caps on local Monday", () => {
    const tokyo = user(1, "A", { timezone: "Asia/Tokyo" });
    const capped = pool("c", "C", [[1]]);
    capped.members[0]!.capPerDay = 1;
    capped.members[0]!.capPerWeek = 2;
    const dir = directoryOf([tokyo]);
    const at = (iso: string) => Date.parse(iso);
    let state = emptyPoolState("c");
    const pickAt = (iso: string) => pickFromPool(capped, state, dir, at(iso));
    const first = pickAt("2026-03-02T14:00:00Z"); // 23:00 Monday in Tokyo
    if (!first.ok) throw new Error("expected a pick");
    state = applyPoolDelta(state, first.delta);
    expect(pickAt("2026-03-02T14:59:00Z")).toMatchObject({ ok: false, skipped: [{ reason: "DAILY_CAP" }] });
    const second = pickAt("2026-03-02T15:00:00Z"); // 00:00 Tuesday in Tokyo
    if (!second.ok) throw new Error("expected a pick");
    state = applyPoolDelta(state, second.delta);
    expect(pickAt("2026-03-04T03:00:00Z")).toMatchObject({ ok: false, skipped: [{ reason: "WEEKLY_CAP", detail: "reached the weekly cap of 2" }] });
    expect(pickAt("2026-03-08T15:00:00Z")).toMatchObject({ ok: true }); // 00:00 next Monday in Tokyo
  });
});
