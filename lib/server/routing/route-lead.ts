import "server-only";
import { route, type RoutingExplanation, type TPoolState, type TRouteResult, type TRoutingLead, type TSkippedInPool } from "@/lib/engine/routing";
import type { TRoutingPolicy } from "@/lib/schemas/policies/routing";
import type { TSqlTx } from "../transaction-connection";
import { createDirectoryLoader, type TDirectoryLoader } from "./load-directory";
import { lockPoolStates, persistPoolDelta } from "./pool-state-store";
import { matchingRows, reachablePools, referencedIds } from "./reachable-rows";
import { routingReasons } from "./routing-reasons";

export type TRoutingPolicyRef = { id: string; version: number; body: TRoutingPolicy };

export type TRouteLeadInput = {
  lead: TRoutingLead;
  policy: TRoutingPolicyRef;
  now: Date;
  /** Share one across the leads of a request; by default one per call. */
  directoryLoader?: TDirectoryLoader;
};

export type TRoutedLead = {
  ownerId: string | null;
  queueTeamId: string | null;
  rowId: string | null;
  /** 1-based, as the matrix editor numbers rows; null when no row could assign. */
  rowNumber: number | null;
  sentence: string;
  skipped: readonly TSkippedInPool[];
  explanation: RoutingExplanation;
  /** Plain sentences for the decision log and the lead page. */
  reasons: string[];
};

/**
 * Routes one lead with the fairness state `loadStates` supplies for the pools it can reach.
 * The reachable pools are worked out first, from the matrix and the directory alone
 * (reachable-rows.ts), so the caller locks or reads exactly those; route() then runs once.
 */
export async function planRoute(
  client: TSqlTx,
  input: TRouteLeadInput,
  loadStates: (poolIds: string[]) => Promise<Record<string, TPoolState>>,
): Promise<{ result: TRouteResult; routed: TRoutedLead }> {
  const { lead, policy, now } = input;
  const rows = matchingRows(policy.body, lead);
  const directory = await (input.directoryLoader ?? createDirectoryLoader(client, now)).load(referencedIds(policy.body, lead, rows));
  const pools = reachablePools(policy.body, lead, rows, directory, now);
  const poolStates = await loadStates(pools);
  const result = route(policy.body, lead, { directory, poolStates }, now, { policyVersion: policy.version });
  // reachablePools proves this cannot happen; if it ever did, the pick would rest on an
  // unlocked state, so refuse rather than risk a double assignment.
  if (result.poolDelta && !pools.includes(result.poolDelta.poolId)) {
    throw new Error(`Routing picked from pool ${result.poolDelta.poolId}, which was not among the pools locked for this lead (${pools.join(", ")})`);
  }
  const explanation = result.explanation;
  return {
    result,
    routed: {
      ownerId: result.ownerId,
      queueTeamId: result.queueTeamId,
      rowId: result.rowId,
      rowNumber: result.rowIndex >= 0 ? result.rowIndex + 1 : null,
      sentence: explanation.sentence,
      skipped: explanation.skipped,
      explanation,
      reasons: routingReasons(policy.body, explanation),
    },
  };
}

/**
 * Routes a lead inside the caller's transaction and persists the pool's fairness state.
 *
 * Concurrency (docs/decisions/0008-routing-persistence.md): the pools the lead can reach are
 * row-locked (created if new) in pool-id order before their state is read, and stay locked
 * until the caller commits. Two intakes that can reach the same pool therefore run their
 * read → pick → write one after the other, each seeing the other's committed pick: no lead
 * is assigned twice, no turn is skipped, and the sorted lock order rules out deadlocks
 * between pools. Leads that cannot reach a common pool do not wait for each other here.
 * A failed transaction rolls the state back with everything else, so a pick never
 * survives without its lead.
 */
export async function routeLeadInTx(tx: TSqlTx, input: TRouteLeadInput): Promise<TRoutedLead> {
  const { result, routed } = await planRoute(tx, input, (poolIds) => lockPoolStates(tx, poolIds));
  if (result.poolDelta) await persistPoolDelta(tx, result.poolDelta);
  return routed;
}
