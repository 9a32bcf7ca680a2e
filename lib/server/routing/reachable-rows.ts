import "server-only";
import { checkMember, compileMatrix, type TDirectory, type TRoutingLead } from "@/lib/engine/routing";
import { matchState, nextMatch } from "@/lib/engine/routing/compile";
import type { TRoutingAction, TRoutingPolicy } from "@/lib/schemas/policies/routing";

// What routing a lead can touch, worked out before any fairness state is read, so that
// route-lead.ts locks exactly the pools the lead can reach (and loads only the users it can
// reach). Both walks follow the engine's own order: matching rows, first to last.

/**
 * Indexes of the rows the lead matches, up to and including the first QUEUE row: a queue
 * always assigns, so routing never looks past it, whoever is available.
 */
export function matchingRows(policy: TRoutingPolicy, lead: TRoutingLead): number[] {
  const matrix = compileMatrix(policy);
  const state = matchState(matrix, lead);
  const rows: number[] = [];
  for (let row = nextMatch(matrix, state, 0); row >= 0; row = nextMatch(matrix, state, row + 1)) {
    rows.push(row);
    if (matrix.rows[row]!.action.type === "QUEUE") break;
  }
  return rows;
}

/** The users and teams those rows' actions name: the directory routing needs for this lead. */
export function referencedIds(policy: TRoutingPolicy, lead: TRoutingLead, rows: readonly number[]): { userIds: Set<string>; teamIds: Set<string> } {
  const matrix = compileMatrix(policy);
  const userIds = new Set<string>();
  const teamIds = new Set<string>();
  for (const row of rows) {
    const action = matrix.rows[row]!.action;
    if (action.type === "USER") userIds.add(action.userId);
    else if (action.type === "QUEUE") teamIds.add(action.teamId);
    else if (action.type === "ACCOUNT_OWNER") {
      if (lead.account?.ownerId) userIds.add(lead.account.ownerId);
    } else for (const m of matrix.pools.get(action.poolId)?.members ?? []) userIds.add(m.userId);
  }
  return { userIds, teamIds };
}

/**
 * True when the action assigns whatever the pools' fairness state says. For a pool that is
 * "some member is available now and has no cap": availability depends on the state only
 * through the daily/weekly caps (checked with no state, counts are 0), so an uncapped
 * available member can always be picked.
 */
function surelyAssigns(policy: TRoutingPolicy, action: TRoutingAction, lead: TRoutingLead, directory: TDirectory, nowMs: number): boolean {
  switch (action.type) {
    case "QUEUE":
      return true;
    case "USER":
      return directory.users[action.userId]?.active === true;
    case "ACCOUNT_OWNER": {
      const ownerId = lead.account?.ownerId;
      return ownerId ? directory.users[ownerId]?.active === true : false;
    }
    case "POOL": {
      const pool = compileMatrix(policy).pools.get(action.poolId);
      if (!pool) return false;
      return pool.members.some(
        (m) => m.capPerDay === undefined && m.capPerWeek === undefined && checkMember(pool, m, directory.users[m.userId], undefined, nowMs).available,
      );
    }
  }
}

/**
 * The pools route() may visit for this lead, whatever their state: the POOL rows among the
 * matching rows up to the first row that surely assigns. route() can only pass a row whose
 * action failed, and a row that surely assigns never fails, so no pool outside this set is
 * ever read or changed. Sorted, so every transaction locks in the same order.
 */
export function reachablePools(policy: TRoutingPolicy, lead: TRoutingLead, rows: readonly number[], directory: TDirectory, now: Date): string[] {
  const matrix = compileMatrix(policy);
  const pools = new Set<string>();
  for (const row of rows) {
    const action = matrix.rows[row]!.action;
    if (action.type === "POOL" && matrix.pools.has(action.poolId)) pools.add(action.poolId);
    if (surelyAssigns(policy, action, lead, directory, now.getTime())) break;
  }
  return [...pools].sort();
}
