import "server-only";
import type { TRoutingLead } from "@/lib/engine/routing";
import type { TLeadChannel } from "@/lib/schemas/leads";
import type { TSessionUser } from "../../auth/session-user";
import type { TSqlTx } from "../../transaction-connection";
import type { TDecisionEntry } from "../../decision-log";
import type { TNotification } from "../../notifications/notify";
import { createDirectoryLoader, type TDirectoryLoader } from "../../routing/load-directory";
import { lockPoolStates, lockPoolVersions, persistPoolDelta, readPoolStatesToConfirm } from "../../routing/pool-state-store";
import { planRoute, routeLeadInTx, type TRoutedLead, type TRoutingPolicyRef } from "../../routing/route-lead";
import type { TPoolState } from "@/lib/engine/routing";

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
export async function placeLead(tx: TSqlTx, args: TPlaceArgs, directoryLoader?: TDirectoryLoader): Promise<TPlacement> {
  const decided = placementWithoutRouting(args);
  if (decided) return decided;
  const routed = await routeLeadInTx(tx, { lead: args.routingLead, policy: args.policy, now: args.now, directoryLoader });
  return placementFromRoute(routed, args);
}

/**
 * Whether an optimistic pick is worth trying for a set of pools, from how often it was thrown
 * away lately in this process. When picks from the same pools keep landing in between (one hot
 * pool and a burst of intakes), each attempt is work done twice, and locking first is cheaper;
 * each locked placement lowers the score, so optimism is tried again once the burst is over.
 * A hint only: both ways place the lead correctly.
 */
const conflicts = (() => {
  const score = new Map<string, number>(); // pool set → recent share of thrown-away picks, 0..1
  return {
    worthTrying(poolSet: string): boolean {
      const s = score.get(poolSet) ?? 0;
      if (s < 0.5) return true;
      score.set(poolSet, s * 0.9);
      return false;
    },
    record(poolSet: string, conflicted: boolean): void {
      if (score.size > 1_000) score.clear();
      score.set(poolSet, (score.get(poolSet) ?? 0) * 0.8 + (conflicted ? 0.2 : 0));
    },
  };
})();

/**
 * placeLead, then `apply` (what follows from the placement: the owner on the lead, the inbox,
 * SLA clocks), holding the pools' row locks for as short a time as possible. Those locks are
 * held until commit, and every intake that can reach a pool queues behind them, so they are
 * taken AFTER `apply` rather than before it (docs/decisions/0019-api-intake-hot-path.md):
 *
 * 1. route on the pools' committed state, read without locks (one statement, one snapshot);
 * 2. SAVEPOINT, apply the placement;
 * 3. lock the pools (same statement and order as placeLead) and compare their versions with
 *    the ones read: every pick bumps a pool's version, so equal versions mean nobody picked
 *    from these pools since, and the pick stands exactly as if it had been made under the
 *    lock; persist it;
 * 4. otherwise roll back to the savepoint (which also drops the locks taken after it) and do
 *    it the locked way: placeLead, then apply again.
 * While picks from these pools are mostly thrown away (`conflicts`), it goes the locked way at once.
 */
export async function placeLeadAndApply<T>(tx: TSqlTx, args: TPlaceArgs, apply: (placement: TPlacement) => Promise<T>): Promise<{ placement: TPlacement; applied: T }> {
  const decided = placementWithoutRouting(args);
  if (decided) return { placement: decided, applied: await apply(decided) };
  const directoryLoader = createDirectoryLoader(tx, args.now);
  let seen: Record<string, TPoolState> | null = null; // null: the pools were locked before reading, as placeLead does
  let poolSet = "";
  const { result, routed } = await planRoute(tx, { lead: args.routingLead, policy: args.policy, now: args.now, directoryLoader }, async (poolIds) => {
    poolSet = [...new Set(poolIds)].sort().join("\u0000");
    if (poolIds.length > 0 && !conflicts.worthTrying(poolSet)) return lockPoolStates(tx, poolIds);
    return (seen = await readPoolStatesToConfirm(tx, poolIds));
  });
  const tentative = placementFromRoute(routed, args);
  const poolIds = seen ? Object.keys(seen) : null;
  // Locked before reading, or no pool state involved: the pick needs no confirmation.
  if (!poolIds || poolIds.length === 0) {
    if (result.poolDelta) await persistPoolDelta(tx, result.poolDelta);
    return { placement: tentative, applied: await apply(tentative) };
  }
  if (tentative.ownerId || tentative.queueTeamId) {
    await tx.$executeRaw`SAVEPOINT optimistic_placement`;
    const applied = await apply(tentative);
    const current = await lockPoolVersions(tx, poolIds);
    const stands = poolIds.every((id) => current[id] === seen![id]!.version);
    conflicts.record(poolSet, !stands);
    if (stands) {
      if (result.poolDelta) await persistPoolDelta(tx, result.poolDelta);
      return { placement: tentative, applied };
    }
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT optimistic_placement`;
  }
  // Someone picked from these pools meanwhile (or nothing could assign the lead: that refusal
  // is only made on the locked state): route again, under the lock.
  const placement = await placeLead(tx, args, directoryLoader);
  return { placement, applied: await apply(placement) };
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
      entry: { kind: "lead.routed", subjectType: "lead", policyVersionId: policy.id, input: { selfSourced: true, channel: args.channel, actor: { id: actor.id, role: actor.role } }, output: { ownerId: actor.id, queueTeamId: null, rowId: null, skipped: [] }, reasons },
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
    // What the decision read from the lead, once (docs/decisions/0031-lead-entries-state-each-fact-once.md):
    // the facts of the matrix's columns, and the matched account's owner (the one lead value a
    // row's action reads). The lead's other attributes are the same intake's lead.scored facts.
    input: { facts: routed.explanation.facts, account: routedAccount(args.routingLead) },
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

function routedAccount(lead: TRoutingLead): { id: string; ownerId: string | null } | null {
  return lead.account ? { id: lead.account.id, ownerId: lead.account.ownerId ?? null } : null;
}

/** History is not routed (single and batch path): the lead keeps whatever owner it had, or stays unowned. */
export function historicalPlacement(existing: TExisting): TPlacement {
  return { ownerId: existing?.ownerId ?? null, queueTeamId: existing?.queueTeamId ?? null, reasons: ["Historical import: not routed"], entry: null, notification: null, assigned: false };
}
