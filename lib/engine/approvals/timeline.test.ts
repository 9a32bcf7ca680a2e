import { describe, expect, it } from "vitest";
import { describeTimeline, type TLogEntry } from "./timeline";

const at = (minutes: number) => new Date(Date.UTC(2026, 2, 4, 10, minutes));
const names = new Map([
  ["rita", "Rita Rep"],
  ["mona", "Mona Manager"],
  ["sam", "Sam Stand-in"],
  ["victor", "Victor VP"],
]);
const entry = (id: number, kind: string, actorId: string | null, input: unknown, output: unknown, reasons: string[] = []): TLogEntry => ({ id: String(id), kind, actorId, createdAt: at(id), input, output, reasons });

describe("describeTimeline", () => {
  it("tells a 27% request's story in plain words, oldest first, with the engine's reasons underneath", () => {
    const items = describeTimeline(
      [
        entry(4, "approval.step_decided", "victor", { stageIndex: 1, role: "REGION_VP", decision: "APPROVE" }, { requestStatus: "APPROVED", decidedAs: "assignee" }, ["Approved: all stages approved"]),
        entry(1, "approval.planned", "rita", {}, { outcome: "NEEDS_APPROVAL", chain: "manager → region vp" }, ["Needs the sales manager: a 27% discount is above the 10% auto-approve limit", "Needs VP Sales: a 27% discount is above the 20% limit of tier 1"]),
        entry(2, "auth.access_denied", "victor", {}, {}, ["Stage 1 must be approved first: stages are decided in order"]),
        entry(3, "approval.step_decided", "sam", { stageIndex: 0, role: "MANAGER", decision: "APPROVE" }, { requestStatus: "PENDING", decidedAs: "delegate" }, ["Stage 1 approved", "Sam Stand-in decided as the delegate of Mona Manager, under a delegation in force now."]),
      ],
      names,
    );
    expect(items.map((i) => i.text)).toEqual([
      "Rita Rep submitted the request; approval chain: manager → region vp.",
      "Victor VP tried to act on the request and was refused.",
      "Sam Stand-in approved stage 1 (sales manager) as delegate. The request is now waiting on the next stage.",
      "Victor VP approved stage 2 (VP Sales). The request is now approved.",
    ]);
    expect(items[0]!.details).toHaveLength(2);
    expect(items[1]!.details).toEqual(["Stage 1 must be approved first: stages are decided in order"]);
    expect(items[2]!.details).toEqual(["Sam Stand-in decided as the delegate of Mona Manager, under a delegation in force now."]);
    expect(items.map((i) => i.at.getTime())).toEqual([1, 2, 3, 4].map((m) => at(m).getTime()));
  });

  it.each([
    [{ decision: "REJECT", reason: "Margin below the floor" }, { requestStatus: "REJECTED" }, "Mona Manager rejected stage 1 (sales manager): “Margin below the floor”. The request is now rejected."],
    [{ decision: "REQUEST_CHANGES", reason: "Attach the quote" }, { requestStatus: "CHANGES_REQUESTED" }, "Mona Manager asked for changes at stage 1 (sales manager): “Attach the quote”. The request is now sent back for changes."],
    [{ decision: "APPROVE_WITH_CONDITIONS", conditions: { summary: "18% instead of 27%" } }, { requestStatus: "AWAITING_REQUESTER" }, "Mona Manager approved stage 1 (sales manager) with conditions: 18% instead of 27%. The request is now waiting on the requester's answer to the counter offer."],
  ])("words each decision: %o", (input, output, text) => {
    const [item] = describeTimeline([entry(1, "approval.step_decided", "mona", { stageIndex: 0, role: "MANAGER", ...input }, output)], names);
    expect(item!.text).toBe(text);
  });

  it("covers auto-approval, resubmission, counter-offer answers, withdrawal, unknown kinds and unknown people", () => {
    const texts = describeTimeline(
      [
        entry(1, "approval.planned", "rita", {}, { outcome: "AUTO_APPROVED" }),
        entry(2, "approval.resubmitted", "rita", {}, { chain: "manager" }, ["Resubmitted after changes were requested: every stage runs again.", "Needs the sales manager"]),
        entry(3, "approval.counter_offer_answered", "rita", { accept: true, conditions: { summary: "18%" } }, {}),
        entry(4, "approval.counter_offer_answered", "rita", { accept: false }, {}),
        entry(5, "approval.withdrawn", "nobody-known", {}, {}),
        entry(6, "sla.breached", null, {}, {}),
        entry(7, "sla.clock_stopped", "mona", {}, {}, ['"Sales manager approval" clock stopped: the step was approved.', "SLA met: 2 h used of 24 h."]),
      ],
      names,
    ).map((i) => i.text);
    expect(texts).toEqual([
      "Rita Rep submitted the request; it was approved at once, inside the auto-approve band.",
      "Rita Rep resubmitted the request with changed terms; every stage runs again (manager).",
      "Rita Rep accepted the counter offer (18%).",
      "Rita Rep declined the counter offer; the request is rejected.",
      "Someone withdrew the request.",
      "Arbiter: sla breached.",
      '"Sales manager approval" clock stopped: the step was approved.',
    ]);
  });
});
