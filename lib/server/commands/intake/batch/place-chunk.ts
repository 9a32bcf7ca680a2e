import "server-only";
import { applyPoolDelta, type TPoolMemberState, type TPoolState } from "@/lib/engine/routing";
import type { TLeadChannel } from "@/lib/schemas/leads";
import type { TSessionUser } from "../../../auth/session-user";
import type { Tx } from "../../../db";
import { createDirectoryLoader } from "../../../routing/load-directory";
import { lockPoolStates, lockPoolVersions, persistPoolDelta, readPoolStatesToConfirm } from "../../../routing/pool-state-store";
import { matchingRows, reachablePools, referencedIds } from "../../../routing/reachable-rows";
import { planRoute, type TRoutingPolicyRef } from "../../../routing/route-lead";
import { historicalPlacement, placementFromRoute, placementWithoutRouting, type TPlacement } from "../place-lead";
import type { TChunkPlan } from "./plan-chunk";

/** Thrown when an item cannot be placed (a matrix whose fallback can fail): the chunk is retried lead by lead, so that item alone is refused. */
export class ChunkNeedsSinglePath extends Error {}

/** Thrown by confirmChunkPools when a pool the chunk picked from moved on since the state it picked from: the chunk rolls back and is redone with its pools locked up front. */
export class ChunkPoolsMoved extends Error {}

/** A pipelined chunk gave its locks back because the chunk before it is being redone (intake-chunk.ts): it is redone as a chunk whose pools moved is. */
export class ChunkYieldsToRedo extends ChunkPoolsMoved {}

/** Where a chunk's picks came from, and what it will write: confirmed and persisted by confirmChunkPools just before commit. */
export type TChunkPools = {
  /** Each reached pool's version as the picks read it. */
  readVersions: Record<string, number>;
  /** The picks read unlocked state (a pipelined chunk): confirm it under the lock before writing. */
  confirm: boolean;
  /** Each reached pool's state after this chunk's picks: what the next chunk of a pipeline picks from. */
  after: Record<string, TPoolState>;
  /** The member rows the picks changed, by pool. */
  touched: Map<string, Map<string, TPoolMemberState>>;
};

/**
 * Places every planned lead of a chunk, in the order sent. Each pick advances an in-memory copy
 * of the fairness state of the pools the chunk can reach, as the next single intake would read
 * it after the previous one committed, so the picks are the same sequence sequential single
 * intakes would make. Where that state comes from:
 * - `pools: "lock"`: every reachable pool locked ONCE, in one statement, in pool-id order (ADR
 *   0008 step 4, for the union of the chunk's reachable pools), and held until commit;
 * - `pools: { base }` (a pipelined chunk, ADR 0026): no lock now. Pools the previous chunk of the
 *   pipeline reached start from that chunk's state after its picks (`base`, not yet committed);
 *   the others from their committed state. confirmChunkPools checks, under the lock, just before
 *   commit, that every one of them is still at the version the picks read.
 * Nothing is written here: confirmChunkPools stores one net change per pool.
 */
export async function placeChunk(
  tx: Tx,
  plan: TChunkPlan,
  args: {
    policy: TRoutingPolicyRef;
    channel: TLeadChannel;
    actor: Pick<TSessionUser, "id" | "role" | "name"> | null;
    now: Date;
    historical: boolean;
    pools: "lock" | { base: Record<string, TPoolState> };
  },
): Promise<{ placements: Map<number, TPlacement>; pools: TChunkPools }> {
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
  const reached = [...poolIds].sort();
  const locked = args.pools === "lock" ? await lockPoolStates(tx, reached) : await optimisticStates(tx, reached, args.pools.base);
  const states: Record<string, TPoolState> = { ...locked };
  const touched = new Map<string, Map<string, TPoolMemberState>>();

  for (const item of planned) {
    const existing = existingOf(item);
    // Historical rows (CSV import of past leads) are never routed: a stored owner is kept, a new lead stays unassigned.
    let placement = args.historical ? historicalPlacement(existing) : placementWithoutRouting({ ...args, existing, routingLead: item.routingLead });
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

  const readVersions = Object.fromEntries(reached.map((id) => [id, locked[id]!.version]));
  return { placements, pools: { readVersions, confirm: args.pools !== "lock", after: Object.fromEntries(reached.map((id) => [id, states[id]!])), touched } };
}

async function optimisticStates(tx: Tx, poolIds: readonly string[], base: Record<string, TPoolState>): Promise<Record<string, TPoolState>> {
  const fromBase = poolIds.filter((id) => base[id]);
  const committed = await readPoolStatesToConfirm(tx, poolIds.filter((id) => !base[id]));
  return { ...committed, ...Object.fromEntries(fromBase.map((id) => [id, base[id]!])) };
}

/**
 * Stores the chunk's picks: one write per pool, the net change, guarded by the version the picks
 * read. A pipelined chunk first locks its reached pools (pool-id order, as everyone) and checks
 * each is still at that version — else another intake picked from it in between, and the chunk
 * must roll back (ChunkPoolsMoved) rather than double-assign.
 */
export async function confirmChunkPools(tx: Tx, pools: TChunkPools): Promise<void> {
  if (pools.confirm) {
    const ids = Object.keys(pools.readVersions).sort();
    const now = await lockPoolVersions(tx, ids);
    const moved = ids.filter((id) => now[id] !== pools.readVersions[id]);
    if (moved.length > 0) throw new ChunkPoolsMoved(`Routing pools ${moved.join(", ")} moved on while the chunk picked from them`);
  }
  for (const [poolId, members] of [...pools.touched].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const after = pools.after[poolId]!;
    await persistPoolDelta(tx, { poolId, expectedVersion: pools.readVersions[poolId]!, version: after.version, seq: after.seq, members: [...members.values()] });
  }
}
