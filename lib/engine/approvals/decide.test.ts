import { describe, expect, it } from "vitest";
import { applyDecision, canDecide, respondToCounterOffer, type TDecision } from "./decide";
import { planApprovals } from "./plan";
import { stateFromPlan, type TActor, type TApprovalState } from "./state";
import { NOW, days, discount, net, org, seniorOnlyPolicy as policy, request, years } from "./test-fixtures";
import type { TGroupRole } from "./types";

const actor = (id: string, groups: TGroupRole[] = [], delegationsToMe: TActor["delegationsToMe"] = []): TActor => ({ id, groups, delegationsToMe });
const stepIds = (stage: number, role: string) => `s${stage + 1}-${role}`;

/**
 * 27% + net 60 + 36 months at ACV $30K: VP (victor) → deal desk → finance + legal, under the
 * "most senior rung only" discount ladder (the default, cumulative one adds the manager first).
 */
function combined(requesterId = "rita"): TApprovalState {
  const p = planApprovals(policy, request([discount(27), net(60), years(36)], { amountCents: 9_000_000, termMonths: 36 }, requesterId), org(), NOW);
  return stateFromPlan(p, requesterId, stepIds);
}

function run(state: TApprovalState, ...decisions: Omit<TDecision, "now">[]): TApprovalState {
  return decisions.reduce((s, d) => {
    const r = applyDecision(s, { ...d, now: NOW });
    if (!r.ok) throw new Error(r.reason);
    return r.state;
  }, state);
}

const victor = actor("victor");
const dana = actor("dana", ["DEAL_DESK"]);
const fiona = actor("fiona", ["FINANCE"]);
const lea = actor("lea", ["LEGAL"]);
const approve = (stepId: string, by: TActor): Omit<TDecision, "now"> => ({ stepId, actor: by, kind: "APPROVE" });

describe("stateFromPlan", () => {
  it("opens stage 1 and waits on the rest", () => {
    const s = combined();
    expect(s.status).toBe("PENDING");
    expect(s.steps.map((x) => `${x.id}:${x.status}`)).toEqual(["s1-REGION_VP:PENDING", "s2-DEAL_DESK:WAITING", "s3-FINANCE:WAITING", "s3-LEGAL:WAITING"]);
  });

  it("an auto-approved plan is approved with no steps", () => {
    const s = stateFromPlan(planApprovals(policy, request([discount(5)]), org(), NOW), "rita", stepIds);
    expect(s).toMatchObject({ status: "APPROVED", steps: [] });
  });
});

describe("canDecide", () => {
  const s = combined();
  const vpApproved = run(s, approve("s1-REGION_VP", victor));
  const whoCanDecide: [string, TApprovalState, string, TActor, string | true][] = [
    ["the assignee", s, "s1-REGION_VP", victor, true],
    ["someone else", s, "s1-REGION_VP", actor("vera"), "Only the assigned approver, or their delegate while the delegation runs, decides this step"],
    ["the assignee's active delegate", s, "s1-REGION_VP", actor("sam", [], [{ delegatorId: "victor", startsAt: days(-1), endsAt: days(1) }]), true],
    ["an expired delegate", s, "s1-REGION_VP", actor("sam", [], [{ delegatorId: "victor", startsAt: days(-3), endsAt: NOW }]), "Only the assigned approver, or their delegate while the delegation runs, decides this step"],
    ["tier order: finance before the VP", s, "s3-FINANCE", fiona, "Stage 1 must be approved first: stages are decided in order"],
    ["tier order: deal desk before the VP", s, "s2-DEAL_DESK", dana, "Stage 1 must be approved first: stages are decided in order"],
    ["a group member once the stage is open", vpApproved, "s2-DEAL_DESK", dana, true],
    ["a non-member", vpApproved, "s2-DEAL_DESK", fiona, "Only a member of the deal desk decides this step"],
    ["the same step twice", vpApproved, "s1-REGION_VP", victor, "This step was already decided (approved)"],
    ["an unknown step", s, "nope", victor, "This step is not part of the request"],
    // victor decided stage 1; being in the deal desk group too does not let him decide stage 2.
    ["one person, two stages", vpApproved, "s2-DEAL_DESK", actor("victor", ["DEAL_DESK"]), "You already decided stage 1; nobody decides two steps of one request"],
    // The VP is assigned stage 1 and is a legal member: he cannot take a legal step while holding his own.
    ["an assignee of another stage", s, "s3-LEGAL", actor("victor", ["LEGAL"]), "You are the approver of stage 1; nobody decides two steps of one request"],
  ];
  it.each(whoCanDecide)("%s", (_name, state, stepId, who, expected) => {
    const r = canDecide(state, stepId, who, NOW);
    expect(r.ok ? true : r.reason).toBe(expected);
  });

  it("nobody approves their own request, even as a member of the step's group", () => {
    const own = stateFromPlan(planApprovals(policy, request([discount(45)], {}, "dana"), org(), NOW), "dana", stepIds);
    expect(canDecide(own, "s1-DEAL_DESK", dana, NOW)).toEqual({ ok: false, reason: "Nobody approves their own request" });
    expect(canDecide(own, "s1-DEAL_DESK", actor("dave", ["DEAL_DESK"]), NOW)).toEqual({ ok: true, as: "group member" });
  });

  it("one person cannot take both parallel steps of a stage", () => {
    const both = actor("fiona", ["FINANCE", "LEGAL"]);
    const atStage3 = run(combined(), approve("s1-REGION_VP", victor), approve("s2-DEAL_DESK", dana), approve("s3-FINANCE", both));
    expect(canDecide(atStage3, "s3-LEGAL", both, NOW)).toEqual({ ok: false, reason: "You already decided another step of this stage; nobody decides two steps of one request" });
  });
});

describe("applyDecision", () => {
  it("a stage completes only when all its parallel approvers approved; then the request is approved", () => {
    const atStage3 = run(combined(), approve("s1-REGION_VP", victor), approve("s2-DEAL_DESK", dana));
    const half = applyDecision(atStage3, { ...approve("s3-FINANCE", fiona), now: NOW });
    expect(half).toMatchObject({ ok: true, status: "PENDING", summary: "Approved (as group member); waiting for 1 more approver in this stage" });
    const all = applyDecision(half.ok ? half.state : atStage3, { ...approve("s3-LEGAL", lea), now: NOW });
    expect(all).toMatchObject({ ok: true, status: "APPROVED", summary: "Approved (as group member); every stage approved" });
  });

  it("approving a stage opens the next one and records who decided when", () => {
    const s = run(combined(), approve("s1-REGION_VP", victor));
    expect(s.steps.map((x) => x.status)).toEqual(["APPROVED", "PENDING", "WAITING", "WAITING"]);
    expect(s.steps[0]).toMatchObject({ decidedById: "victor", decidedAt: NOW });
  });

  it("a rejection needs a reason and rejects the whole request", () => {
    const s = combined();
    expect(applyDecision(s, { stepId: "s1-REGION_VP", actor: victor, kind: "REJECT", now: NOW, reason: "  " })).toEqual({ ok: false, reason: "A rejection needs a reason" });
    const r = applyDecision(s, { stepId: "s1-REGION_VP", actor: victor, kind: "REJECT", now: NOW, reason: "Margin too thin" });
    expect(r).toMatchObject({ ok: true, status: "REJECTED" });
    if (r.ok) expect(r.state.steps.map((x) => x.status)).toEqual(["REJECTED", "SKIPPED", "SKIPPED", "SKIPPED"]);
    if (r.ok) expect(canDecide(r.state, "s2-DEAL_DESK", dana, NOW)).toEqual({ ok: false, reason: "The request is rejected, so no step can be decided now" });
  });

  it("request changes sends the request back to the rep", () => {
    const r = applyDecision(combined(), { stepId: "s1-REGION_VP", actor: victor, kind: "REQUEST_CHANGES", now: NOW, reason: "Attach the competitor quote" });
    expect(r).toMatchObject({ ok: true, status: "CHANGES_REQUESTED" });
  });

  it("refuses a decision canDecide refuses", () => {
    expect(applyDecision(combined(), { ...approve("s3-FINANCE", fiona), now: NOW })).toEqual({ ok: false, reason: "Stage 1 must be approved first: stages are decided in order" });
  });
});

describe("counter offers (approve with conditions)", () => {
  const offer = { summary: "18% instead of 27%", discountPct: 18 };
  const countered = () => {
    const r = applyDecision(combined(), { stepId: "s1-REGION_VP", actor: victor, kind: "APPROVE_WITH_CONDITIONS", now: NOW, conditions: offer });
    if (!r.ok) throw new Error(r.reason);
    return r;
  };

  it("needs the counter offer in words", () => {
    const r = applyDecision(combined(), { stepId: "s1-REGION_VP", actor: victor, kind: "APPROVE_WITH_CONDITIONS", now: NOW });
    expect(r).toEqual({ ok: false, reason: "An approval with conditions needs the counter offer in words" });
  });

  it("waits for the requester; nobody decides meanwhile; only the requester answers", () => {
    const r = countered();
    expect(r.status).toBe("AWAITING_REQUESTER");
    expect(r.state.steps[0]).toMatchObject({ status: "APPROVED", conditions: offer });
    expect(canDecide(r.state, "s2-DEAL_DESK", dana, NOW)).toMatchObject({ ok: false });
    expect(respondToCounterOffer(r.state, { actorId: "victor", accept: true, now: NOW })).toEqual({ ok: false, reason: "Only the requester answers a counter offer" });
  });

  it("accepted: the next stage opens and the request ends approved with conditions", () => {
    const accepted = respondToCounterOffer(countered().state, { actorId: "rita", accept: true, now: NOW });
    expect(accepted).toMatchObject({ ok: true, status: "PENDING", summary: "Counter offer accepted: 18% instead of 27%; stage 2 is open" });
    if (!accepted.ok) return;
    const end = run(accepted.state, approve("s2-DEAL_DESK", dana), approve("s3-FINANCE", fiona), approve("s3-LEGAL", lea));
    expect(end.status).toBe("APPROVED_WITH_CONDITIONS");
    expect(end.acceptedConditions).toEqual([offer]);
  });

  it("declined: the request is rejected, saying why", () => {
    const declined = respondToCounterOffer(countered().state, { actorId: "rita", accept: false, now: NOW });
    expect(declined).toMatchObject({ ok: true, status: "REJECTED" });
    if (declined.ok) expect(declined.state.steps[0]!.reason).toBe("The requester declined the counter offer: 18% instead of 27%");
    expect(respondToCounterOffer(combined(), { actorId: "rita", accept: true, now: NOW })).toEqual({ ok: false, reason: "No counter offer is waiting for an answer" });
  });
});
