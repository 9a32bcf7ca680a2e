// Step transitions, pure: the commands load the state, ask canDecide/applyDecision, and
// persist what comes back (one decision per step is the database's job: a conditional
// update on status = PENDING). Rules always checked:
// - the step exists, the request awaits decisions, the step is still open;
// - nobody decides on their own request;
// - nobody decides two steps of one request (nor takes a step while holding another);
// - the actor is the assignee, the assignee's delegate in force now, or a member of the
//   step's group queue;
// - tier order: every step of earlier stages is approved.
import { covers } from "./org-index";
import { groupName } from "./reasons";
import { FINAL_STEP_STATUSES, type TActor, type TApprovalState, type TCounterOffer, type TRequestStatus, type TStepState } from "./state";

export type TDecisionKind = "APPROVE" | "REJECT" | "REQUEST_CHANGES" | "APPROVE_WITH_CONDITIONS";
export type TDecision = { stepId: string; actor: TActor; now: Date; kind: TDecisionKind; reason?: string; conditions?: TCounterOffer };
export type TCanDecide = { ok: true; as: "assignee" | "delegate" | "group member" } | { ok: false; reason: string };
export type TDecisionResult = { ok: true; state: TApprovalState; status: TRequestStatus; summary: string } | { ok: false; reason: string };

const no = (reason: string) => ({ ok: false as const, reason });

const words = (status: string) => status.toLowerCase().replaceAll("_", " ");

function stageText(other: TStepState, step: TStepState): string {
  return other.stageIndex === step.stageIndex ? "another step of this stage" : `stage ${other.stageIndex + 1}`;
}

export function canDecide(state: TApprovalState, stepId: string, actor: TActor, now: Date): TCanDecide {
  const step = state.steps.find((s) => s.id === stepId);
  if (!step) return no("This step is not part of the request");
  if (state.status !== "PENDING") {
    const why = state.status === "AWAITING_REQUESTER" ? "waits for the requester to answer a counter offer" : `is ${words(state.status)}`;
    return no(`The request ${why}, so no step can be decided now`);
  }
  if (FINAL_STEP_STATUSES.includes(step.status)) return no(`This step was already decided (${words(step.status)})`);
  if (actor.id === state.requesterId) return no("Nobody approves their own request");
  for (const other of state.steps) {
    if (other === step) continue;
    if (other.decidedById === actor.id) return no(`You already decided ${stageText(other, step)}; nobody decides two steps of one request`);
    if (other.assigneeId === actor.id && !FINAL_STEP_STATUSES.includes(other.status)) {
      return no(`You are the approver of ${stageText(other, step)}; nobody decides two steps of one request`);
    }
  }
  let as: "assignee" | "delegate" | "group member";
  const nowMs = now.getTime();
  if (step.assigneeId !== null) {
    if (step.assigneeId === actor.id) as = "assignee";
    else if (actor.delegationsToMe.some((d) => d.delegatorId === step.assigneeId && covers({ from: d.startsAt.getTime(), to: d.endsAt.getTime() }, nowMs))) as = "delegate";
    else return no("Only the assigned approver, or their delegate while the delegation runs, decides this step");
  } else if (step.groupRole !== null && actor.groups.includes(step.groupRole)) as = "group member";
  else return no(`Only a member of ${step.groupRole === null ? "the step's group" : groupName(step.groupRole)} decides this step`);
  const blocking = state.steps.find((s) => s.stageIndex < step.stageIndex && s.status !== "APPROVED");
  if (blocking) return no(`Stage ${blocking.stageIndex + 1} must be approved first: stages are decided in order`);
  if (step.status !== "PENDING") return no("This step is not open yet");
  return { ok: true, as };
}

export function applyDecision(state: TApprovalState, decision: TDecision): TDecisionResult {
  const reason = decision.reason?.trim() ?? "";
  if ((decision.kind === "REJECT" || decision.kind === "REQUEST_CHANGES") && reason === "") {
    return no(decision.kind === "REJECT" ? "A rejection needs a reason" : "Say what has to change");
  }
  const conditions = decision.conditions;
  if (decision.kind === "APPROVE_WITH_CONDITIONS") {
    const problem = counterOfferProblem(conditions);
    if (problem !== undefined) return no(problem);
  }
  const allowed = canDecide(state, decision.stepId, decision.actor, decision.now);
  if (!allowed.ok) return allowed;

  const decided = (s: TStepState, status: TStepState["status"]): TStepState => ({
    ...s,
    status,
    decidedById: decision.actor.id,
    decidedAt: decision.now,
    reason: reason === "" ? null : reason,
    conditions: decision.kind === "APPROVE_WITH_CONDITIONS" ? (conditions ?? null) : null,
  });
  const by = allowed.as === "assignee" ? "" : ` (as ${allowed.as})`;
  switch (decision.kind) {
    case "APPROVE": {
      const steps = state.steps.map((s) => (s.id === decision.stepId ? decided(s, "APPROVED") : s));
      return advance({ ...state, steps }, `Approved${by}`);
    }
    case "REJECT": {
      const steps = state.steps.map((s) => (s.id === decision.stepId ? decided(s, "REJECTED") : closeOpen(s)));
      return done({ ...state, steps, status: "REJECTED" }, `Rejected${by}: ${reason}`);
    }
    case "REQUEST_CHANGES": {
      const steps = state.steps.map((s) => (s.id === decision.stepId ? decided(s, "CHANGES_REQUESTED") : s));
      return done({ ...state, steps, status: "CHANGES_REQUESTED" }, `Changes requested${by}: ${reason}`);
    }
    case "APPROVE_WITH_CONDITIONS": {
      const steps = state.steps.map((s) => (s.id === decision.stepId ? decided(s, "APPROVED") : s));
      const offer = { stepId: decision.stepId, conditions: conditions! };
      return done({ ...state, steps, status: "AWAITING_REQUESTER", openCounterOffer: offer }, `Approved with conditions${by}: ${offer.conditions.summary}; waiting for the requester`);
    }
  }
}

/**
 * The requester accepts or declines an open counter offer. Accepting resumes the approval
 * under the new terms (the request ends APPROVED_WITH_CONDITIONS); declining rejects the
 * request, because the approver refused the original terms.
 */
export function respondToCounterOffer(state: TApprovalState, answer: { actorId: string; accept: boolean; now: Date }): TDecisionResult {
  const offer = state.openCounterOffer;
  if (state.status !== "AWAITING_REQUESTER" || offer === null) return no("No counter offer is waiting for an answer");
  if (answer.actorId !== state.requesterId) return no("Only the requester answers a counter offer");
  if (answer.accept) {
    const accepted = { ...state, status: "PENDING" as const, openCounterOffer: null, acceptedConditions: [...state.acceptedConditions, offer.conditions] };
    return advance(accepted, `Counter offer accepted: ${offer.conditions.summary}`);
  }
  const steps = state.steps.map((s) =>
    s.id === offer.stepId ? { ...s, status: "REJECTED" as const, reason: `The requester declined the counter offer: ${offer.conditions.summary}` } : closeOpen(s),
  );
  return done({ ...state, steps, status: "REJECTED", openCounterOffer: null }, `Counter offer declined: ${offer.conditions.summary}`);
}

/** After an approval: open the next stage when this one is complete, or finish. */
function advance(state: TApprovalState, summary: string): TDecisionResult {
  const open = state.steps.filter((s) => s.status === "PENDING");
  if (open.length > 0) return done(state, `${summary}; waiting for ${open.length} more approver${open.length === 1 ? "" : "s"} in this stage`);
  const next = Math.min(...state.steps.filter((s) => s.status === "WAITING").map((s) => s.stageIndex));
  if (Number.isFinite(next)) {
    const steps = state.steps.map((s) => (s.stageIndex === next && s.status === "WAITING" ? { ...s, status: "PENDING" as const } : s));
    return done({ ...state, steps }, `${summary}; stage ${next + 1} is open`);
  }
  const status = state.acceptedConditions.length > 0 ? "APPROVED_WITH_CONDITIONS" : "APPROVED";
  return done({ ...state, status }, `${summary}; every stage approved`);
}

function closeOpen(s: TStepState): TStepState {
  return s.status === "PENDING" || s.status === "WAITING" ? { ...s, status: "SKIPPED" } : s;
}

function done(state: TApprovalState, summary: string): TDecisionResult {
  return { ok: true, state, status: state.status, summary };
}

function counterOfferProblem(c: TCounterOffer | undefined): string | undefined {
  if (!c || c.summary.trim() === "") return "An approval with conditions needs the counter offer in words";
  if (c.discountPct !== undefined && !(c.discountPct >= 0 && c.discountPct <= 100)) return "A counter-offer discount is 0 to 100%";
  if (c.paymentTermsDays !== undefined && !(Number.isInteger(c.paymentTermsDays) && c.paymentTermsDays >= 0)) return "Counter-offer payment terms are whole days";
  if (c.termMonths !== undefined && !(Number.isInteger(c.termMonths) && c.termMonths >= 1)) return "A counter-offer term is whole months";
  return undefined;
}
