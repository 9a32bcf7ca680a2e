import "server-only";
import { applyPoolDelta, type TPoolMemberState, type TPoolState } from "@/lib/engine/routing";
import type { TLeadChannel } from "@/lib/schemas/leads";
import type { TSessionUser } from "../../../auth/session-user";
import type { Tx } from "../../../db";
import { createDirectoryLoader } from "../../../routing/load-directory";
import { lockPoolStates, persistPoolDelta } from "../../../routing/pool-state-store";
import { matchingRows, reachablePools, referencedIds } from "../../../routing/reachable-rows";
import { planRoute, type TRoutingPolicyRef } from "../../../routing/route-lead";
import { placementFromRoute, placementWithoutRouting, type TPlacement } from "../place-lead";
import type { TChunkPlan } from "./plan-chunk";

/** Thrown when an item cannot be placed (a matrix whose fallback can fail): the chunk is retried lead by lead, so that item alone is refused. */
export class ChunkNeedsSinglePath extends Error {}

const HISTORICAL: TPlacement = { ownerId: null, queueTeamId: null, reasons: ["Not routed: historical import"], entry: null, notification: null, assigned: false };

/**
 * Places every planned lead of a chunk, in the order sent, with the fairness state of every
 * pool the chunk can reach locked ONCE, in one statement, in pool-id order (ADR 0008 step 4,
 * for the union of the chunk's reachable pools). Each pick advances an in-memory copy of the
 * state, as the next single intake would read it after the previous one committed; at the end
 * one write per pool stores the net change, checked against the version read under the lock.
 * The picks are therefore the same sequence sequential single intakes would make.
 */
export async function placeChunk(
  tx: Tx,
  plan: TChunkPlan,
  args: { policy: TRoutingPolicyRef; channel: TLeadChannel; actor: Pick<TSessionUser, "id" | "role" | "name"> | null; now: Date; historical: boolean },
): Promise<Map<number, TPlacement>> {
  const { policy, now } = args;
  const placements = new Map<number, TPlacement>();
  const planned = plan.items.filter((i) => i.ok);
  const owner = new Map<string, { ownerId: string | null; queueTeamId: string | null }>();
  for (const [id, s] of plan.leads) owner.set(id, { ownerId: s.row.ownerId, queueTeamId: s.row.queueTeamId });
  const existingOf = (item: (typeof planned)[number]) => (item.existedBefore ? owner.get(item.leadId)! : null);

  // Which items may need the matrix: those whose lead has no owner or queue yet (a superset:
  // a lead routed by an earlier item of the chunk keeps that owner).
  const loader = createDirectoryLoader(tx, now);
  const candidates = args.historical ? [] : planned.filter((item) => !placementWithoutRouting({ ...args, existing: existingOf(item), routingLead: item.routingLead }));
  const rowsOf = candidates.map((item) => matchingRows(policy.body, item.routingLead));
  const userIds = new Set<string>();
  const teamIds = new Set<string>();
  candidates.forEach((item, i) => {
    const ids = referencedIds(policy.body, item.routingLead, rowsOf[i]!);
    for (const u of ids.userIds) userIds.add(u);
    for (const t of ids.teamIds) teamIds.add(t);
  });
  const directory = await loader.load({ userIds, teamIds });
  const poolIds = new Set<string>();
  candidates.forEach((item, i) => {
    for (const p of reachablePools(policy.body, item.routingLead, rowsOf[i]!, directory, now)) poolIds.add(p);
  });
  const locked = await lockPoolStates(tx, [...poolIds].sort());
  const states: Record<string, TPoolState> = { ...locked };
  const touched = new Map<string, Map<string, TPoolMemberState>>();

  for (const item of planned) {
    const existing = existingOf(item);
    // Historical rows (CSV import of past leads) are never routed: a stored owner is kept, a new lead stays unassigned.
    let placement = placementWithoutRouting({ ...args, existing, routingLead: item.routingLead }) ?? (args.historical ? HISTORICAL : null);
    if (!placement) {
      const { result, routed } = await planRoute(tx, { lead: item.routingLead, policy, now, directoryLoader: loader }, async (ids) => {
        const missing = ids.filter((id) => !states[id]);
        if (missing.length > 0) throw new Error(`Batch routing reached pools ${missing.join(", ")} that were not locked for the chunk`);
        return Object.fromEntries(ids.map((id) => [id, states[id]!]));
      });
      if (result.poolDelta) {
        const delta = result.poolDelta;
        states[delta.poolId] = applyPoolDelta(states[delta.poolId]!, delta);
        const members = touched.get(delta.poolId) ?? new Map<string, TPoolMemberState>();
        for (const m of delta.members) members.set(m.userId, m);
        touched.set(delta.poolId, members);
      }
      placement = placementFromRoute(routed, { leadId: item.leadId, policy, routingLead: item.routingLead, display: item.display });
      if (!placement.ownerId && !placement.queueTeamId) throw new ChunkNeedsSinglePath(`item ${item.index}: no row of the routing matrix could assign it`);
    }
    owner.set(item.leadId, { ownerId: placement.ownerId, queueTeamId: placement.queueTeamId });
    placements.set(item.index, placement);
  }

  // One write per pool: the net change since the locked read, guarded by that read's version.
  for (const [poolId, members] of [...touched].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const before = locked[poolId]!;
    const after = states[poolId]!;
    await persistPoolDelta(tx, { poolId, expectedVersion: before.version, version: after.version, seq: after.seq, members: [...members.values()] });
  }
  return placements;
}

