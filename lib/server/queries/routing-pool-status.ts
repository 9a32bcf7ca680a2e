import "server-only";
import { checkMember, localTime, type TSkipReason } from "@/lib/engine/routing";
import { currentCounts } from "@/lib/engine/routing/availability";
import { parsePolicyBody } from "@/lib/schemas/policies";
import type { TRoutingPolicy } from "@/lib/schemas/policies/routing";
import { db } from "../db";
import { createDirectoryLoader } from "../routing/load-directory";
import { readPoolStates } from "../routing/pool-state-store";

export type TPoolMemberStatus = {
  userId: string;
  name: string;
  weight: number;
  capPerDay: number | null;
  capPerWeek: number | null;
  /** Counted in the member's own timezone, as the caps are. */
  assignedToday: number;
  assignedThisWeek: number;
  assignedTotal: number;
  /** Leads owed to the member relative to their weight (positive: next in line). */
  lag: number;
  available: boolean;
  /** Why not, in plain words ("on PTO", "reached the daily cap of 5"); null when available. */
  reason: TSkipReason | null;
  detail: string | null;
};

export type TPoolStatus = {
  poolId: string;
  name: string;
  requiredSkills: string[];
  catchUpAfterAbsence: boolean;
  /** Assignments the pool has made since it was created. */
  assignments: number;
  usedByRows: number[];
  members: TPoolMemberStatus[];
  availableNow: number;
};

/**
 * The pools of the published routing matrix with their stored fairness counters and, for each
 * member, whether they could take a lead right now and why not, by the engine's own
 * availability check (the same order and words as routing explanations).
 */
export async function routingPoolStatus(now = new Date()): Promise<{ version: number; pools: TPoolStatus[] } | null> {
  const head = await db().policyVersion.findUnique({ where: { activeKind: "ROUTING" }, select: { version: true, body: true } });
  if (!head) return null;
  const parsed = parsePolicyBody("ROUTING", head.body);
  if (!parsed.success) return null;
  const policy: TRoutingPolicy = parsed.data;
  const userIds = policy.pools.flatMap((p) => p.members.map((m) => m.userId));
  const [directory, states] = await Promise.all([createDirectoryLoader(db(), now).load({ userIds, teamIds: [] }), readPoolStates(db(), policy.pools.map((p) => p.id))]);
  const nowMs = now.getTime();
  const pools = policy.pools.map((pool): TPoolStatus => {
    const state = states[pool.id];
    const members = pool.members.map((member): TPoolMemberStatus => {
      const user = directory.users[member.userId];
      const memberState = state?.members[member.userId];
      const check = checkMember(pool, member, user, memberState, nowMs);
      const counts = currentCounts(memberState, localTime(user?.timezone ?? "UTC", nowMs));
      return {
        userId: member.userId,
        name: user?.name ?? member.userId,
        weight: member.weight,
        capPerDay: member.capPerDay ?? null,
        capPerWeek: member.capPerWeek ?? null,
        assignedToday: counts.today,
        assignedThisWeek: counts.week,
        assignedTotal: memberState?.assignedTotal ?? 0,
        lag: memberState?.lag ?? 0,
        available: check.available,
        reason: check.available ? null : check.skipped.reason,
        detail: check.available ? null : check.skipped.detail,
      };
    });
    return {
      poolId: pool.id,
      name: pool.name,
      requiredSkills: pool.requiredSkills,
      catchUpAfterAbsence: pool.catchUpAfterAbsence,
      assignments: state?.seq ?? 0,
      usedByRows: policy.rows.flatMap((r, i) => (r.action.type === "POOL" && r.action.poolId === pool.id ? [i + 1] : [])),
      members,
      availableNow: members.filter((m) => m.available).length,
    };
  });
  return { version: head.version, pools };
}
