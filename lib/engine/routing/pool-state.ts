// The fairness state of one round-robin pool, shaped to live in the database: one row per
// pool (version, seq) and one per member. It is keyed by user id, never by position, so
// editing the pool (adding, removing, reweighting members) keeps everyone's standing.

export type TPoolMemberState = {
  userId: string;
  /**
   * Leads owed to this member, in leads: grows by weight / (total weight of the members
   * taking part) with every pick, drops by 1 when the member is picked. See pick.ts.
   */
  lag: number;
  assignedTotal: number;
  /** Assignments on the local day `dayKey` (the member's timezone), for capPerDay. */
  assignedToday: number;
  dayKey: string;
  /** Assignments in the local week starting Monday `weekKey`, for capPerWeek. */
  assignedThisWeek: number;
  weekKey: string;
  /** The pool's seq at this member's last assignment (0: never). */
  lastAssignedSeq: number;
};

export type TPoolState = {
  poolId: string;
  /** Optimistic-concurrency token: persist a delta only if the stored version is still expectedVersion. */
  version: number;
  /** Number of assignments the pool has made. */
  seq: number;
  members: Readonly<Record<string, TPoolMemberState | undefined>>;
};

/** What the caller persists after a pick: pool counters plus the member rows that changed. */
export type TPoolStateDelta = {
  poolId: string;
  expectedVersion: number;
  version: number;
  seq: number;
  members: readonly TPoolMemberState[];
};

export function emptyPoolState(poolId: string): TPoolState {
  return { poolId, version: 0, seq: 0, members: {} };
}

export function emptyMemberState(userId: string): TPoolMemberState {
  return { userId, lag: 0, assignedTotal: 0, assignedToday: 0, dayKey: "", assignedThisWeek: 0, weekKey: "", lastAssignedSeq: 0 };
}

/** Applies a delta (e.g. for in-memory simulation); refuses one computed from another version. */
export function applyPoolDelta(state: TPoolState, delta: TPoolStateDelta): TPoolState {
  if (state.poolId !== delta.poolId) throw new Error(`Delta for pool ${delta.poolId} applied to pool ${state.poolId}`);
  if (state.version !== delta.expectedVersion) {
    throw new Error(`Pool ${state.poolId} is at version ${state.version}, the delta expects ${delta.expectedVersion}: re-route`);
  }
  const members: Record<string, TPoolMemberState | undefined> = { ...state.members };
  for (const m of delta.members) members[m.userId] = m;
  return { poolId: state.poolId, version: delta.version, seq: delta.seq, members };
}
