// route(): the first matching row whose action can assign wins. A matching row whose action
// cannot assign (no account owner, inactive user, nobody available in the pool) is recorded
// as fallen through and evaluation continues with the next matching row. A published
// matrix ends in a fallback row that always assigns (lint enforces it); a draft that does
// not is reported as unassigned rather than thrown, so simulation can show it.
import type { TRoutingAction, TRoutingPolicy } from "@/lib/schemas/policies/routing";
import type { TDirectory } from "./availability";
import { compileMatrix, matchState, nextMatch, type TCompiledMatrix } from "./compile";
import { RoutingExplanation, rowRef, routingSentence, type TFellThrough, type TSkippedInPool } from "./explain";
import type { TRoutingLead } from "./facts";
import { pickFromPool } from "./pick";
import type { TPoolState, TPoolStateDelta } from "./pool-state";

export type TRoutingContext = {
  directory: TDirectory;
  /** Fairness state per pool id; a pool without state starts fresh. */
  poolStates?: Readonly<Record<string, TPoolState | undefined>>;
};

export type TRouteOptions = {
  policyVersion?: number;
};

export type TAssignee = { kind: "USER"; userId: string } | { kind: "QUEUE"; teamId: string } | { kind: "NONE" };

export type TRouteResult = {
  assignee: TAssignee;
  /** The user who owns the lead now, or null for a queue / no assignment. */
  ownerId: string | null;
  queueTeamId: string | null;
  rowId: string | null;
  /** 0-based; -1 when no row could assign. */
  rowIndex: number;
  action: TRoutingAction | null;
  /** For POOL assignments: the fairness state change the caller must persist (optimistically, by version). */
  poolDelta?: TPoolStateDelta;
  explanation: RoutingExplanation;
};

type TAttempt = { ok: true; assignee: TAssignee; poolDelta?: TPoolStateDelta } | { ok: false; why: string };

function attempt(
  matrix: TCompiledMatrix,
  action: TRoutingAction,
  lead: TRoutingLead,
  context: TRoutingContext,
  nowMs: number,
  skipped: TSkippedInPool[],
): TAttempt {
  const users = context.directory.users;
  switch (action.type) {
    case "QUEUE":
      return { ok: true, assignee: { kind: "QUEUE", teamId: action.teamId } };
    case "USER": {
      const user = users[action.userId];
      if (!user) return { ok: false, why: `user ${action.userId} is not a known user` };
      if (!user.active) return { ok: false, why: `${user.name} is inactive` };
      return { ok: true, assignee: { kind: "USER", userId: user.id } };
    }
    case "ACCOUNT_OWNER": {
      const account = lead.account;
      if (!account) return { ok: false, why: "the lead has no matched account" };
      if (!account.ownerId) return { ok: false, why: "the account has no owner" };
      const owner = users[account.ownerId];
      if (!owner) return { ok: false, why: "the account owner is not a known user" };
      if (!owner.active) return { ok: false, why: `the account owner ${owner.name} is inactive` };
      return { ok: true, assignee: { kind: "USER", userId: owner.id } };
    }
    case "POOL": {
      const pool = matrix.pools.get(action.poolId);
      if (!pool) return { ok: false, why: `pool ${action.poolId} does not exist` };
      if (pool.members.length === 0) return { ok: false, why: `pool ${pool.name} has no members` };
      const pick = pickFromPool(pool, context.poolStates?.[pool.id], context.directory, nowMs);
      for (const s of pick.skipped) skipped.push({ ...s, poolId: pool.id });
      if (!pick.ok) return { ok: false, why: `nobody in pool ${pool.name} is available` };
      return { ok: true, assignee: { kind: "USER", userId: pick.userId }, poolDelta: pick.delta };
    }
  }
}

export function route(
  policy: TRoutingPolicy,
  lead: TRoutingLead,
  context: TRoutingContext,
  now: Date,
  options: TRouteOptions = {},
): TRouteResult {
  const matrix = compileMatrix(policy);
  const state = matchState(matrix, lead);
  const nowMs = now.getTime();
  const fellThrough: TFellThrough[] = [];
  const skipped: TSkippedInPool[] = [];

  let row = nextMatch(matrix, state, 0);
  while (row >= 0) {
    const action = matrix.rows[row]!.action;
    const result = attempt(matrix, action, lead, context, nowMs, skipped);
    if (result.ok) {
      const assignee = result.assignee;
      const sentence = routingSentence({ matrix, directory: context.directory, rowIndex: row, assignee, fellThrough, skipped });
      return {
        assignee,
        ownerId: assignee.kind === "USER" ? assignee.userId : null,
        queueTeamId: assignee.kind === "QUEUE" ? assignee.teamId : null,
        rowId: matrix.rows[row]!.id,
        rowIndex: row,
        action,
        ...(result.poolDelta ? { poolDelta: result.poolDelta } : {}),
        explanation: new RoutingExplanation(matrix, state, row, rowRef(matrix, row), fellThrough, skipped, sentence, options.policyVersion),
      };
    }
    fellThrough.push({ ...rowRef(matrix, row), why: result.why });
    row = nextMatch(matrix, state, row + 1);
  }

  const assignee: TAssignee = { kind: "NONE" };
  const sentence = routingSentence({ matrix, directory: context.directory, rowIndex: -1, assignee, fellThrough, skipped });
  return {
    assignee,
    ownerId: null,
    queueTeamId: null,
    rowId: null,
    rowIndex: -1,
    action: null,
    explanation: new RoutingExplanation(matrix, state, matrix.rows.length, null, fellThrough, skipped, sentence, options.policyVersion),
  };
}

/** The index of the first row whose conditions hold, ignoring whether its action can assign. */
export function firstMatchingRow(policy: TRoutingPolicy, lead: TRoutingLead): number {
  const matrix = compileMatrix(policy);
  return nextMatch(matrix, matchState(matrix, lead), 0);
}
