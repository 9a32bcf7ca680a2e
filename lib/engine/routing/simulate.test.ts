import { describe, expect, it } from "vitest";
import { assigneeKey, replayRouting, simulationAccumulator, summariseSimulation, type TSimulationLead, type TSimulationOutcome } from "./simulate";
import { MONDAY_10_UTC, TEAM_INBOUND, directoryOf, policyOf, pool, toPool, toUser, uid, user } from "./test-fixtures";

const lead = (n: number, country: string, owner: string | null, queue: string | null = null): TSimulationLead => ({
  lead: { id: uid(100 + n), country },
  label: `Lead ${n}`,
  at: new Date(MONDAY_10_UTC.getTime() + n * 60_000),
  currentOwnerId: owner,
  currentQueueTeamId: queue,
});

describe("replayRouting", () => {
  const policy = policyOf(["country"], [
    { id: "de", label: "Germany", when: { country: { op: "equals", value: "DE" } }, to: toPool("dach") },
    { id: "us", label: "US", when: { country: { op: "equals", value: "US" } }, to: toUser(3) },
  ], [pool("dach", "DACH", [[1], [2]])]);
  const directory = directoryOf([user(1, "Ada"), user(2, "Bo"), user(3, "Cy")]);

  it("rotates the pool in memory, marks owner changes and fallback leads", () => {
    const leads = [lead(1, "DE", uid(1)), lead(2, "DE", uid(1)), lead(3, "US", uid(3)), lead(4, "FR", null, TEAM_INBOUND), lead(5, "FR", uid(2))];
    const { outcomes, poolStates } = replayRouting(policy, leads, { directory, poolStates: {} });
    expect(poolStates.dach?.seq).toBe(2);
    expect(outcomes.map((o) => o.afterOwnerId ?? o.afterQueueTeamId)).toEqual([uid(1), uid(2), uid(3), TEAM_INBOUND, TEAM_INBOUND]);
    expect(outcomes.map((o) => o.changed)).toEqual([false, true, false, false, true]);
    expect(outcomes.map((o) => o.fallback)).toEqual([false, false, false, true, true]);
    expect(outcomes.map((o) => o.rowNumber)).toEqual([1, 1, 2, 3, 3]);
    expect(outcomes[1]!.sentence).toContain("row 1");
  });

  it("starts from the given pool state and never mutates it", () => {
    const start = { poolId: "dach", version: 4, seq: 4, members: { [uid(1)]: { userId: uid(1), lag: -0.5, assignedTotal: 2, assignedToday: 0, dayKey: "", assignedThisWeek: 0, weekKey: "", lastAssignedSeq: 4 }, [uid(2)]: { userId: uid(2), lag: 0.5, assignedTotal: 2, assignedToday: 0, dayKey: "", assignedThisWeek: 0, weekKey: "", lastAssignedSeq: 3 } } };
    const frozen = structuredClone(start);
    const { outcomes } = replayRouting(policy, [lead(1, "DE", null)], { directory, poolStates: { dach: start } });
    // Bo is owed a lead, so Bo is picked first.
    expect(outcomes[0]!.afterOwnerId).toBe(uid(2));
    expect(start).toEqual(frozen);
  });
});

describe("summariseSimulation", () => {
  const outcome = (n: number, before: string | null, after: string | null, extra: Partial<TSimulationOutcome> = {}): TSimulationOutcome => ({
    leadId: `l${n}`, label: `Lead ${n}`, beforeOwnerId: before, beforeQueueTeamId: null, afterOwnerId: after, afterQueueTeamId: null,
    rowId: "r1", rowNumber: 1, fallback: false, changed: before !== after, sentence: "", ...extra,
  });

  it("counts changes, shares, load per assignee and rows, keeping a few examples per category", () => {
    const outcomes = [
      outcome(1, "a", "a"),
      outcome(2, "a", "b"),
      outcome(3, "b", "b"),
      outcome(4, null, null, { beforeQueueTeamId: "q", afterQueueTeamId: "q", rowId: "fb", rowNumber: 2, fallback: true, changed: false }),
      outcome(5, "a", null, { afterQueueTeamId: "q", rowId: "fb", rowNumber: 2, fallback: true }),
      outcome(6, "b", "a"),
    ];
    const s = summariseSimulation(outcomes, { examplesPerCategory: 2 });
    expect(s).toMatchObject({ total: 6, changed: 3, changedShare: 0.5, fallback: 2, fallbackShare: 0.3333 });
    expect(s.load).toEqual([
      { key: "user:a", before: 3, after: 2 },
      { key: "user:b", before: 2, after: 2 },
      { key: "queue:q", before: 1, after: 2 },
    ]);
    expect(s.byRow).toEqual([{ rowId: "r1", rowNumber: 1, count: 4 }, { rowId: "fb", rowNumber: 2, count: 2 }]);
    expect(s.examples.changed.map((o) => o.leadId)).toEqual(["l2", "l5"]);
    expect(s.examples.unchanged.map((o) => o.leadId)).toEqual(["l1", "l3"]);
    expect(s.examples.fallback.map((o) => o.leadId)).toEqual(["l4", "l5"]);
    // Every lead is counted once before and once after.
    expect(s.load.reduce((n, r) => n + r.before, 0)).toBe(6);
    expect(s.load.reduce((n, r) => n + r.after, 0)).toBe(6);
  });

  it("answers zeros for no leads", () => {
    expect(summariseSimulation([])).toMatchObject({ total: 0, changed: 0, changedShare: 0, fallbackShare: 0, load: [], byRow: [] });
  });

  it("keys assignees by owner first, then queue", () => {
    expect(assigneeKey("u", "q")).toBe("user:u");
    expect(assigneeKey(null, "q")).toBe("queue:q");
    expect(assigneeKey(null, null)).toBe("none");
  });
});

describe("simulationAccumulator", () => {
  it("gives the same summary fed in batches as all at once", () => {
    const outcomes = Array.from({ length: 25 }, (_, i): TSimulationOutcome => ({
      leadId: `l${i}`, label: `Lead ${i}`, beforeOwnerId: `u${i % 3}`, beforeQueueTeamId: null, afterOwnerId: i % 5 === 0 ? null : `u${i % 4}`,
      afterQueueTeamId: i % 5 === 0 ? "q" : null, rowId: i % 5 === 0 ? "fb" : "r", rowNumber: i % 5 === 0 ? 2 : 1, fallback: i % 5 === 0, changed: i % 3 !== i % 4 || i % 5 === 0, sentence: "",
    }));
    const acc = simulationAccumulator({ examplesPerCategory: 4 });
    for (let i = 0; i < outcomes.length; i += 7) acc.add(outcomes.slice(i, i + 7));
    expect(acc.count).toBe(25);
    expect(acc.summary()).toEqual(summariseSimulation(outcomes, { examplesPerCategory: 4 }));
  });
});
