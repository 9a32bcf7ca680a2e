// stepChanges: what a decision's single write statement sets on the other steps of a request
// (decide-approval-step.ts), and what persistStepChanges writes for the counter-offer answer.
import { describe, expect, it } from "vitest";
import type { TApprovalState, TStepState } from "@/lib/engine/approvals";
import { stepChanges } from "@/lib/server/commands/exceptions/request-state";

const step = (id: string, stageIndex: number, status: TStepState["status"], reason: string | null = null): TStepState => ({
  id, stageIndex, role: "MANAGER", assigneeId: `u-${id}`, groupRole: null, status, decidedById: null, decidedAt: null, reason, conditions: null,
});
const state = (steps: TStepState[]): TApprovalState => ({ requesterId: "rep", status: "PENDING", steps, openCounterOffer: null, acceptedConditions: [] });
const now = new Date("2026-11-23T10:00:00Z");
const plan = { stages: [{ index: 0, slaBusinessHours: 8 }, { index: 1, slaBusinessHours: 16 }] };

describe("stepChanges", () => {
  it("leaves out the decided step and unchanged ones; an opening step gets its stage's due time", () => {
    const before = state([step("a", 0, "PENDING"), step("b", 1, "WAITING"), step("c", 2, "WAITING")]);
    const after = state([step("a", 0, "APPROVED"), step("b", 1, "PENDING"), step("c", 2, "WAITING")]);
    const { opened, changes } = stepChanges(before, after, { now, plan, except: "a" });
    expect(opened.map((s) => s.id)).toEqual(["b"]);
    expect(changes).toEqual([{ id: "b", status: "PENDING", reason: null, due_at: "2026-11-24T02:00:00.000Z" }]);
  });

  it("skips steps with a reason and no due time; a stage without an SLA in the plan gets 24 hours", () => {
    const before = state([step("a", 0, "PENDING"), step("b", 1, "WAITING"), step("c", 2, "WAITING")]);
    const rejected = stepChanges(before, state([step("a", 0, "REJECTED", "too deep"), step("b", 1, "SKIPPED", "rejected earlier"), step("c", 2, "SKIPPED", "rejected earlier")]), { now, plan, except: "a" });
    expect(rejected.opened).toEqual([]);
    expect(rejected.changes).toEqual([
      { id: "b", status: "SKIPPED", reason: "rejected earlier", due_at: null },
      { id: "c", status: "SKIPPED", reason: "rejected earlier", due_at: null },
    ]);
    const third = stepChanges(state([step("c", 2, "WAITING")]), state([step("c", 2, "PENDING")]), { now, plan });
    expect(third.changes[0]!.due_at).toBe("2026-11-24T10:00:00.000Z");
  });
});
