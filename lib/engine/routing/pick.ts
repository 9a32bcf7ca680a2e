// Weighted round robin over a pool's available members, deterministic given the state.
//
// Algorithm (earliest-due-first on lag): with W the total weight of the members taking part
// and r = weight / W each member's share, a member's lag is "leads it should have had minus
// leads it got". Each pick considers the members whose lag is >= 0 (their next lead is
// due) and takes the one whose next lead is due soonest, i.e. the smallest (1 - lag) / r;
// ties go to the member listed first. Then every participant's lag grows by r and the
// picked member's drops by 1. This is earliest-deadline-first over the windows
// [k-1, k] / r in which member's k-th lead is due; those windows are always schedulable
// (shares sum to 1), so while the available set is stable each member's count stays within
// one lead of its proportional share (|lag| < 1), and equal weights give plain rotation.
//
// Absence: a member who is unavailable does not take part, so their lag is frozen and they
// come back with at most the fraction of a lead they were owed: no catch-up flood. When the
// pool sets catchUpAfterAbsence, members on PTO keep taking part in the accrual, so they
// come back owed the leads they missed and get them first (still subject to their caps).
import type { TPoolMember, TRoutingPool } from "@/lib/schemas/policies/routing";
import { checkMember, currentCounts, type TDirectory, type TSkippedMember } from "./availability";
import type { TLocalTime } from "./local-time";
import { emptyMemberState, type TPoolMemberState, type TPoolState, type TPoolStateDelta } from "./pool-state";

const EPS = 1e-9;

export type TPoolPick =
  | { ok: true; userId: string; skipped: TSkippedMember[]; delta: TPoolStateDelta }
  | { ok: false; skipped: TSkippedMember[] };

type TCandidate = { member: TPoolMember; state: TPoolMemberState | undefined; local: TLocalTime | undefined; order: number };

function lagOf(c: TCandidate): number {
  return c.state?.lag ?? 0;
}

export function pickFromPool(pool: TRoutingPool, state: TPoolState | undefined, directory: TDirectory, nowMs: number): TPoolPick {
  const skipped: TSkippedMember[] = [];
  const eligible: TCandidate[] = [];
  const accruing: TCandidate[] = [];
  pool.members.forEach((member, order) => {
    const memberState = state?.members[member.userId];
    const check = checkMember(pool, member, directory.users[member.userId], memberState, nowMs);
    if (check.available) {
      const candidate = { member, state: memberState, local: check.local, order };
      eligible.push(candidate);
      accruing.push(candidate);
    } else {
      skipped.push(check.skipped);
      if (pool.catchUpAfterAbsence && check.skipped.reason === "ON_PTO") accruing.push({ member, state: memberState, local: undefined, order });
    }
  });
  if (eligible.length === 0) return { ok: false, skipped };

  // Members whose next lead is due; if none (the available set just changed), all of them.
  let pool_ = eligible.filter((c) => lagOf(c) >= -EPS);
  if (pool_.length === 0) pool_ = eligible;
  let best = pool_[0]!;
  let bestDue = (1 - lagOf(best)) / best.member.weight;
  for (let i = 1; i < pool_.length; i++) {
    const c = pool_[i]!;
    const due = (1 - lagOf(c)) / c.member.weight;
    if (due < bestDue - EPS) {
      best = c;
      bestDue = due;
    }
  }

  const seq = (state?.seq ?? 0) + 1;
  let totalWeight = 0;
  for (const c of accruing) totalWeight += c.member.weight;
  const members: TPoolMemberState[] = accruing.map((c) => {
    const prev = c.state ?? emptyMemberState(c.member.userId);
    const next: TPoolMemberState = { ...prev, lag: prev.lag + c.member.weight / totalWeight };
    if (c === best) {
      const local = c.local!;
      const counts = currentCounts(c.state, local);
      next.lag -= 1;
      next.assignedTotal = prev.assignedTotal + 1;
      next.assignedToday = counts.today + 1;
      next.dayKey = local.date;
      next.assignedThisWeek = counts.week + 1;
      next.weekKey = local.weekKey;
      next.lastAssignedSeq = seq;
    }
    return next;
  });
  const version = (state?.version ?? 0) + 1;
  return {
    ok: true,
    userId: best.member.userId,
    skipped,
    delta: { poolId: pool.id, expectedVersion: state?.version ?? 0, version, seq, members },
  };
}
