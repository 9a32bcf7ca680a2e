import "server-only";
import type { TRoutingLead } from "@/lib/engine/routing";
import type { TLeadChannel } from "@/lib/schemas/leads";
import type { TSessionUser } from "../../auth/session-user";
import type { Tx } from "../../db";
import type { TDecisionEntry } from "../../decision-log";
import type { TNotification } from "../../notifications/notify";
import { routeLeadInTx, type TRoutedLead, type TRoutingPolicyRef } from "../../routing/route-lead";

export type TPlacement = {
  ownerId: string | null;
  queueTeamId: string | null;
  reasons: string[];
  /** The lead.routed entry, when intake decided the placement (not when it kept one). */
  entry: Omit<TDecisionEntry, "subjectId"> | null;
  /** The new owner's inbox item, when the routing engine picked a person. */
  notification: TNotification | null;
  /** True when this intake set the owner or queue: the after-commit webhook goes out. */
  assigned: boolean;
};

type TExisting = { ownerId: string | null; queueTeamId: string | null } | null;

type TPlaceArgs = {
  leadId: string;
  existing: TExisting;
  channel: TLeadChannel;
  actor: Pick<TSessionUser, "id" | "role" | "name"> | null;
  routingLead: TRoutingLead;
  policy: TRoutingPolicyRef;
  now: Date;
  display: { name: string; company: string | null };
};

/**
 * Where intake puts the lead, in this order:
 * 1. an owned (or queued) lead keeps its owner: intake never reassigns;
 * 2. a rep's hand-made lead is theirs (self-sourced);
 * 3. otherwise the routing matrix decides, with the pool's fairness state locked and
 *    updated in this transaction, and the new owner is told in their inbox.
 */
export async function placeLead(tx: Tx, args: TPlaceArgs): Promise<TPlacement> {
  const decided = placementWithoutRouting(args);
  if (decided) return decided;
  const routed = await routeLeadInTx(tx, { lead: args.routingLead, policy: args.policy, now: args.now });
  return placementFromRoute(routed, args);
}

/** Rules 1 and 2 (pure): the placement when no routing is needed, else null. Shared with the batch path. */
export function placementWithoutRouting(args: Pick<TPlaceArgs, "existing" | "channel" | "actor" | "policy" | "routingLead">): TPlacement | null {
  const { existing, actor, policy } = args;
  if (existing?.ownerId || existing?.queueTeamId) {
    return { ownerId: existing.ownerId, queueTeamId: existing.queueTeamId, reasons: ["Kept its current owner: intake never reassigns an owned lead"], entry: null, notification: null, assigned: false };
  }
  if (args.channel === "MANUAL" && actor?.role === "REP") {
    const reasons = [`Self-sourced: ${actor.name} created this lead by hand and owns it`];
    return {
      ownerId: actor.id,
      queueTeamId: null,
      reasons,
      entry: { kind: "lead.routed", subjectType: "lead", policyVersionId: policy.id, input: { selfSourced: true, lead: args.routingLead }, output: { ownerId: actor.id, queueTeamId: null, rowId: null, skipped: [] }, reasons },
      notification: null,
      assigned: true,
    };
  }
  return null;
}

/** Rule 3's result as a placement (pure): the lead.routed entry and the new owner's inbox item. Shared with the batch path. */
export function placementFromRoute(routed: TRoutedLead, args: Pick<TPlaceArgs, "leadId" | "policy" | "routingLead" | "display">): TPlacement {
  const { policy } = args;
  const entry: Omit<TDecisionEntry, "subjectId"> = {
    kind: "lead.routed",
    subjectType: "lead",
    policyVersionId: policy.id,
    // The facts the matrix tested, and the lead as route() saw it (enough to replay the match).
    input: { facts: routed.explanation.facts, lead: args.routingLead },
    output: {
      ownerId: routed.ownerId,
      queueTeamId: routed.queueTeamId,
      rowId: routed.rowId,
      rowNumber: routed.rowNumber,
      policyVersion: policy.version,
      fellThrough: routed.explanation.fellThrough,
      skipped: routed.skipped,
    },
    reasons: routed.reasons,
  };
  const { name, company } = args.display;
  const notification: TNotification | null = routed.ownerId
    ? { userId: routed.ownerId, kind: "lead.assigned", title: `New lead: ${name}${company ? ` (${company})` : ""}`, body: routed.sentence, link: `/leads/${args.leadId}` }
    : null;
  return {
    ownerId: routed.ownerId,
    queueTeamId: routed.queueTeamId,
    reasons: routed.reasons,
    entry,
    notification,
    assigned: routed.ownerId !== null || routed.queueTeamId !== null,
  };
}
