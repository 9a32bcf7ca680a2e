// Plans one lifecycle transition against the lifecycle policy: allowed or refused, with the
// reasons the decision log stores. The caller applies it (stage write, SLA clocks, alerts).
// Rules, in order:
// - the move must be listed in the policy, from the lead's current stage;
// - AUTOMATIC moves are made by the system (no actor), MANUAL ones by a person whose role
//   owns the current stage (when the stage names an owner role) or an ADMIN;
// - a move that requires a reason needs a code from the policy's list, and that code must
//   send the lead where it is going (NO_BUDGET recycles, COMPETITOR disqualifies);
// - moves into MQL need the lead's current score to say MQL;
// - RECYCLED → MQL also needs requalifying switched on and new high-intent activity at least
//   `minDaysBeforeRequalify` days after the lead was recycled.
import type { ROLES } from "@/lib/schemas/policies/common";
import { LIFECYCLE_STAGES, type TLifecyclePolicy, type TLifecycleStage } from "@/lib/schemas/policies/lifecycle";

type TRole = (typeof ROLES)[number];

const DAY_MS = 86_400_000;
const OVERRIDE_ROLE: TRole = "ADMIN";

export type TLifecycleLead = {
  stage: TLifecycleStage;
  /** The lead's score under the active model, re-scored before an automatic move. */
  score?: { total: number; isMql: boolean };
  /** When the lead entered RECYCLED (needed to requalify it). */
  recycledAt?: Date;
  /** Activities since it was recycled (older ones may be included; they are ignored). */
  activities?: readonly { type: string; occurredAt: Date }[];
};

export type TTransitionRequest = {
  to: TLifecycleStage;
  reasonCode?: string;
  /** The person's role; absent when the system moves the lead. */
  actorRole?: TRole;
  now: Date;
};

export type TTransitionPlan =
  | { ok: true; from: TLifecycleStage; to: TLifecycleStage; trigger: "AUTOMATIC" | "MANUAL"; reasonCode?: string; notifyLastOwner: boolean; reasons: string[] }
  | { ok: false; error: string };

const refuse = (error: string): TTransitionPlan => ({ ok: false, error });

export function planTransition(policy: TLifecyclePolicy, lead: TLifecycleLead, request: TTransitionRequest): TTransitionPlan {
  const { stage: from } = lead;
  const { to } = request;
  if (!(LIFECYCLE_STAGES as readonly string[]).includes(to)) return refuse(`"${to}" is not a lifecycle stage`);
  if (from === to) return refuse(`The lead is already in ${to}`);
  const transition = policy.transitions.find((t) => t.from === from && t.to === to);
  if (!transition) {
    const allowed = policy.transitions.filter((t) => t.from === from).map((t) => t.to);
    return refuse(
      `The lifecycle policy does not allow moving a lead from ${from} to ${to}. ` +
        (allowed.length ? `From ${from} it allows: ${allowed.join(", ")}.` : `${from} is final: no move out of it is allowed.`),
    );
  }

  const reasons: string[] = [];
  if (transition.trigger === "AUTOMATIC") {
    if (request.actorRole !== undefined) {
      return refuse(`${from} → ${to} happens automatically (when its conditions are met); a person cannot make it by hand`);
    }
    reasons.push(`${from} → ${to} is automatic`);
  } else {
    if (request.actorRole === undefined) return refuse(`${from} → ${to} is a manual step: a person has to make it`);
    const ownerRole = policy.stages.find((s) => s.stage === from)?.ownerRole;
    if (ownerRole && request.actorRole !== ownerRole && request.actorRole !== OVERRIDE_ROLE) {
      return refuse(`Only the ${from} stage's owner (${ownerRole}) can move a lead out of ${from}; you act as ${request.actorRole}`);
    }
    reasons.push(`${from} → ${to} by ${request.actorRole}`);
  }

  if (transition.requiresReason) {
    const codes = policy.rejectReasons.map((r) => r.code);
    if (!request.reasonCode) return refuse(`${from} → ${to} needs a reason code: one of ${codes.join(", ")}`);
    const reason = policy.rejectReasons.find((r) => r.code === request.reasonCode);
    if (!reason) return refuse(`Unknown reason code "${request.reasonCode}": use one of ${codes.join(", ")}`);
    if ((to === "RECYCLED" || to === "DISQUALIFIED") && reason.outcome !== to) {
      return refuse(`Reason ${reason.code} (${reason.label}) sends a lead to ${reason.outcome}, not ${to}`);
    }
    reasons.push(`Reason ${reason.code}: ${reason.label}`);
  }

  // Recycled leads first need new intent; only then does their re-score matter.
  let notifyLastOwner = false;
  if (from === "RECYCLED" && to === "MQL") {
    const problem = requalifyProblem(policy, lead, request.now);
    if (problem) return refuse(problem);
    reasons.push(requalifyReason(policy, lead));
    notifyLastOwner = policy.recycle.notifyLastOwner;
  }

  if (to === "MQL") {
    if (!lead.score) return refuse(`Score the lead before moving it to MQL`);
    if (!lead.score.isMql) return refuse(`The lead's score (${lead.score.total}) does not qualify it as an MQL`);
    reasons.push(`The score (${lead.score.total}) qualifies the lead as an MQL`);
  }
  if (notifyLastOwner) reasons.push("Alert the last owner: their recycled lead is back");

  return {
    ok: true,
    from,
    to,
    trigger: transition.trigger,
    ...(transition.requiresReason && request.reasonCode ? { reasonCode: request.reasonCode } : {}),
    notifyLastOwner,
    reasons,
  };
}

function newIntent(policy: TLifecyclePolicy, lead: TLifecycleLead) {
  const since = (lead.recycledAt?.getTime() ?? 0) + policy.recycle.minDaysBeforeRequalify * DAY_MS;
  return (lead.activities ?? []).filter((a) => policy.recycle.highIntentActivityTypes.includes(a.type) && a.occurredAt.getTime() >= since);
}

function requalifyProblem(policy: TLifecyclePolicy, lead: TLifecycleLead, now: Date): string | undefined {
  const { recycle } = policy;
  if (!recycle.requalifyOnNewIntent) return "The lifecycle policy does not requalify recycled leads";
  if (!lead.recycledAt) return "The lead has no recycling date, so new intent cannot be told from old";
  const readyAt = lead.recycledAt.getTime() + recycle.minDaysBeforeRequalify * DAY_MS;
  if (now.getTime() < readyAt) {
    const days = Math.floor((now.getTime() - lead.recycledAt.getTime()) / DAY_MS);
    return `Recycled ${days} days ago: a recycled lead can requalify after ${recycle.minDaysBeforeRequalify} days (from ${new Date(readyAt).toISOString().slice(0, 10)})`;
  }
  if (newIntent(policy, lead).length === 0) {
    return `No new high-intent activity (${recycle.highIntentActivityTypes.join(", ")}) since the lead became eligible to requalify`;
  }
  return undefined;
}

function requalifyReason(policy: TLifecyclePolicy, lead: TLifecycleLead): string {
  const intent = newIntent(policy, lead);
  const types = [...new Set(intent.map((a) => a.type))].join(", ");
  return `New high-intent activity since recycling (${intent.length} × ${types}) requalifies the lead`;
}
