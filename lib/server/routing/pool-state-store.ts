import "server-only";
import type { TPoolMemberState, TPoolState, TPoolStateDelta } from "@/lib/engine/routing";
import type { Db, Tx } from "../db";
import type { TSqlTx } from "../transaction-connection";

// Round-robin fairness state in routing_pools / routing_pool_members, keyed by the policy's
// pool id and the member's user id (never by position or policy version), so publishing a new
// matrix or editing a pool's members keeps everyone's standing. Concurrency argument:
// docs/decisions/0008-routing-persistence.md.

/** A routing_pool_members row: the engine's member state plus its pool. */
type TMemberRow = TPoolMemberState & { poolId: string };

function assemble(pools: readonly { poolId: string; version: number; seq: number }[], members: readonly TMemberRow[]): Record<string, TPoolState> {
  const states: Record<string, TPoolState> = {};
  const byPool: Record<string, Record<string, TPoolMemberState>> = {};
  for (const p of pools) byPool[p.poolId] = {};
  for (const { poolId, ...member } of members) {
    const target = byPool[poolId];
    if (target) target[member.userId] = member;
  }
  for (const p of pools) states[p.poolId] = { poolId: p.poolId, version: p.version, seq: p.seq, members: byPool[p.poolId] ?? {} };
  return states;
}

/**
 * Creates missing pool rows and locks all of them, in one statement, in pool-id order (the
 * "C" collation, so every transaction agrees on it): `INSERT … ON CONFLICT DO UPDATE` takes
 * the row lock of an existing row, waiting for a holder to commit, and returns the row as
 * that holder left it. The member rows are read by a SEPARATE, later statement: a statement
 * reads the snapshot taken when it began, which would predate the holder's commit.
 */
export async function lockPoolStates(tx: TSqlTx, poolIds: readonly string[]): Promise<Record<string, TPoolState>> {
  if (poolIds.length === 0) return {};
  const ids = [...new Set(poolIds)];
  const pools = await lockPoolRows(tx, ids);
  const members = await tx.$queryRaw<TMemberRow[]>`
    SELECT pool_id AS "poolId", user_id AS "userId", lag, assigned_total AS "assignedTotal", assigned_today AS "assignedToday", day_key AS "dayKey",
      assigned_this_week AS "assignedThisWeek", week_key AS "weekKey", last_assigned_seq AS "lastAssignedSeq"
    FROM routing_pool_members WHERE pool_id = ANY(${ids}::text[])`;
  return assemble(pools, members);
}

/** Locks the pools exactly as lockPoolStates does, and returns only their versions: to confirm a pick made on an unlocked read. */
export async function lockPoolVersions(tx: TSqlTx, poolIds: readonly string[]): Promise<Record<string, number>> {
  if (poolIds.length === 0) return {};
  const pools = await lockPoolRows(tx, [...new Set(poolIds)]);
  return Object.fromEntries(pools.map((p) => [p.poolId, p.version]));
}

function lockPoolRows(tx: TSqlTx, ids: readonly string[]) {
  return tx.$queryRaw<{ poolId: string; version: number; seq: number }[]>`
    INSERT INTO routing_pools (pool_id, version, seq, updated_at)
    SELECT id, 0, 0, now() FROM unnest(${ids}::text[]) AS id ORDER BY id COLLATE "C"
    ON CONFLICT (pool_id) DO UPDATE SET pool_id = EXCLUDED.pool_id
    RETURNING pool_id AS "poolId", version, seq`;
}

/**
 * The committed state, unlocked, for a pick that lockPoolVersions confirms afterwards: pool
 * rows and their members in ONE statement, so from one snapshot (the version read vouches for
 * exactly the members read). Missing pools start fresh, at version 0.
 */
export async function readPoolStatesToConfirm(tx: TSqlTx, poolIds: readonly string[]): Promise<Record<string, TPoolState>> {
  if (poolIds.length === 0) return {};
  const ids = [...new Set(poolIds)];
  const rows = await tx.$queryRaw<{ poolId: string; version: number; seq: number; members: TMemberRow[] }[]>`
    SELECT p.pool_id AS "poolId", p.version, p.seq,
      COALESCE((SELECT jsonb_agg(jsonb_build_object('poolId', m.pool_id, 'userId', m.user_id, 'lag', m.lag, 'assignedTotal', m.assigned_total,
        'assignedToday', m.assigned_today, 'dayKey', m.day_key, 'assignedThisWeek', m.assigned_this_week, 'weekKey', m.week_key,
        'lastAssignedSeq', m.last_assigned_seq)) FROM routing_pool_members m WHERE m.pool_id = p.pool_id), '[]'::jsonb) AS members
    FROM routing_pools p WHERE p.pool_id = ANY(${ids}::text[])`;
  const found = new Set(rows.map((p) => p.poolId));
  const pools = [...rows, ...ids.filter((id) => !found.has(id)).map((poolId) => ({ poolId, version: 0, seq: 0, members: [] }))];
  return assemble(pools, pools.flatMap((p) => p.members));
}

/** The committed state, unlocked: for previews, which never write. Missing pools start fresh. */
export async function readPoolStates(client: Db | Tx, poolIds: readonly string[]): Promise<Record<string, TPoolState>> {
  if (poolIds.length === 0) return {};
  const ids = [...new Set(poolIds)];
  const [pools, members] = await Promise.all([
    client.routingPool.findMany({ where: { poolId: { in: ids } }, select: { poolId: true, version: true, seq: true } }),
    client.routingPoolMember.findMany({ where: { poolId: { in: ids } } }),
  ]);
  const found = new Set(pools.map((p) => p.poolId));
  const all = [...pools, ...ids.filter((id) => !found.has(id)).map((poolId) => ({ poolId, version: 0, seq: 0 }))];
  return assemble(all, members);
}

/**
 * Persists a pick: bumps the pool's version and seq only if it is still at the version the
 * pick was computed from, and upserts the changed member rows, in one statement. Under the
 * row lock the version always matches; the check makes a missing lock fail loudly instead of
 * silently double-assigning.
 */
export async function persistPoolDelta(tx: TSqlTx, delta: TPoolStateDelta): Promise<void> {
  const members = JSON.stringify(
    delta.members.map((m) => ({
      user_id: m.userId,
      lag: m.lag,
      assigned_total: m.assignedTotal,
      assigned_today: m.assignedToday,
      day_key: m.dayKey,
      assigned_this_week: m.assignedThisWeek,
      week_key: m.weekKey,
      last_assigned_seq: m.lastAssignedSeq,
    })),
  );
  const written = await tx.$executeRaw`
    WITH bumped AS (
      UPDATE routing_pools SET version = ${delta.version}, seq = ${delta.seq}, updated_at = now()
      WHERE pool_id = ${delta.poolId} AND version = ${delta.expectedVersion}
      RETURNING pool_id)
    INSERT INTO routing_pool_members (pool_id, user_id, lag, assigned_total, assigned_today, day_key, assigned_this_week, week_key, last_assigned_seq)
    SELECT bumped.pool_id, m.user_id, m.lag, m.assigned_total, m.assigned_today, m.day_key, m.assigned_this_week, m.week_key, m.last_assigned_seq
    FROM bumped CROSS JOIN jsonb_to_recordset(${members}::jsonb) AS m(user_id uuid, lag float8, assigned_total int, assigned_today int, day_key text,
      assigned_this_week int, week_key text, last_assigned_seq int)
    ON CONFLICT (pool_id, user_id) DO UPDATE SET lag = EXCLUDED.lag, assigned_total = EXCLUDED.assigned_total, assigned_today = EXCLUDED.assigned_today,
      day_key = EXCLUDED.day_key, assigned_this_week = EXCLUDED.assigned_this_week, week_key = EXCLUDED.week_key, last_assigned_seq = EXCLUDED.last_assigned_seq`;
  if (written !== delta.members.length) {
    throw new Error(`Routing pool ${delta.poolId} moved past version ${delta.expectedVersion} while its lock was held; refusing to double-assign`);
  }
}
