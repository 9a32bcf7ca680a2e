// Routing simulation: replay a draft matrix on past leads and compare with who owns them now.
// Pure: the caller supplies the leads, the directory, the starting pool state and each lead's
// decision time. Pool picks advance an in-memory copy of the state only; nothing is persisted.
// Semantics and choices: docs/decisions/0013-routing-simulation.md.
import { isFallbackRow, type TRoutingPolicy } from "@/lib/schemas/policies/routing";
import type { TDirectory } from "./availability";
import type { TRoutingLead } from "./facts";
import { applyPoolDelta, emptyPoolState, type TPoolState } from "./pool-state";
import { route } from "./route";

export type TSimulationLead = {
  lead: TRoutingLead & { id: string };
  /** How the lead is named in drill-downs ("Vera Lang (Northwind)"). */
  label: string;
  /** When the decision is replayed: working hours, PTO and caps are judged at this instant. */
  at: Date;
  currentOwnerId: string | null;
  currentQueueTeamId: string | null;
};

export type TSimulationOutcome = {
  leadId: string;
  label: string;
  beforeOwnerId: string | null;
  beforeQueueTeamId: string | null;
  afterOwnerId: string | null;
  afterQueueTeamId: string | null;
  rowId: string | null;
  /** 1-based, as the editor numbers rows; null when no row could assign. */
  rowNumber: number | null;
  /** The draft's last row (every column "any") took the lead. */
  fallback: boolean;
  changed: boolean;
  sentence: string;
};

/**
 * Routes the leads in order, each pick advancing the in-memory pool state the next lead sees.
 * Returns the state after the last lead so a caller replaying in batches can carry it on.
 */
export function replayRouting(
  policy: TRoutingPolicy,
  leads: readonly TSimulationLead[],
  context: { directory: TDirectory; poolStates: Readonly<Record<string, TPoolState | undefined>> },
): { outcomes: TSimulationOutcome[]; poolStates: Record<string, TPoolState | undefined> } {
  const states: Record<string, TPoolState | undefined> = { ...context.poolStates };
  const last = policy.rows.length - 1;
  const fallbackIndex = last >= 0 && isFallbackRow(policy.rows[last]!) ? last : -1;
  const outcomes = leads.map((item): TSimulationOutcome => {
    const result = route(policy, item.lead, { directory: context.directory, poolStates: states }, item.at);
    if (result.poolDelta) {
      const { poolId } = result.poolDelta;
      states[poolId] = applyPoolDelta(states[poolId] ?? emptyPoolState(poolId), result.poolDelta);
    }
    const changed = result.ownerId !== item.currentOwnerId || (result.ownerId === null && result.queueTeamId !== item.currentQueueTeamId);
    return {
      leadId: item.lead.id,
      label: item.label,
      beforeOwnerId: item.currentOwnerId,
      beforeQueueTeamId: item.currentQueueTeamId,
      afterOwnerId: result.ownerId,
      afterQueueTeamId: result.queueTeamId,
      rowId: result.rowId,
      rowNumber: result.rowIndex >= 0 ? result.rowIndex + 1 : null,
      fallback: fallbackIndex >= 0 && result.rowIndex === fallbackIndex,
      changed,
      sentence: result.explanation.sentence,
    };
  });
  return { outcomes, poolStates: states };
}

/** "user:<id>", "queue:<team id>" or "none": one bar of the load chart. */
export type TAssigneeKey = `user:${string}` | `queue:${string}` | "none";

export function assigneeKey(ownerId: string | null, queueTeamId: string | null): TAssigneeKey {
  if (ownerId) return `user:${ownerId}`;
  if (queueTeamId) return `queue:${queueTeamId}`;
  return "none";
}

export type TLoadRow = { key: TAssigneeKey; before: number; after: number };
export type TRowCount = { rowId: string | null; rowNumber: number | null; count: number };

export type TSimulationSummary = {
  total: number;
  changed: number;
  /** changed / total, 0 when there are no leads; rounded to 4 decimals. */
  changedShare: number;
  fallback: number;
  fallbackShare: number;
  /** Leads per owner or queue, now and under the draft, busiest after first. */
  load: TLoadRow[];
  /** How many leads each row would take, in row order (unassigned last). */
  byRow: TRowCount[];
  /** Up to `examplesPerCategory` leads of each category, for the drill-down. */
  examples: { changed: TSimulationOutcome[]; fallback: TSimulationOutcome[]; unchanged: TSimulationOutcome[] };
};

const share = (part: number, total: number): number => (total === 0 ? 0 : Math.round((part / total) * 10_000) / 10_000);

/**
 * Accumulates outcomes into the figures the simulation page shows, one batch at a time, so a
 * long window never holds every outcome in memory. Examples kept are the first ones added.
 */
export function simulationAccumulator(options: { examplesPerCategory?: number } = {}) {
  const keep = options.examplesPerCategory ?? 10;
  const load = new Map<TAssigneeKey, TLoadRow>();
  const rows = new Map<string, TRowCount>();
  const examples: TSimulationSummary["examples"] = { changed: [], fallback: [], unchanged: [] };
  let total = 0;
  let changed = 0;
  let fallback = 0;
  const bump = (key: TAssigneeKey, side: "before" | "after") => {
    const row = load.get(key) ?? { key, before: 0, after: 0 };
    row[side] += 1;
    load.set(key, row);
  };
  return {
    add(outcomes: readonly TSimulationOutcome[]): void {
      for (const o of outcomes) {
        total += 1;
        bump(assigneeKey(o.beforeOwnerId, o.beforeQueueTeamId), "before");
        bump(assigneeKey(o.afterOwnerId, o.afterQueueTeamId), "after");
        const rowKey = o.rowId ?? "";
        const count = rows.get(rowKey) ?? { rowId: o.rowId, rowNumber: o.rowNumber, count: 0 };
        count.count += 1;
        rows.set(rowKey, count);
        if (o.changed) changed += 1;
        if (o.fallback) fallback += 1;
        const bucket = o.changed ? examples.changed : examples.unchanged;
        if (bucket.length < keep) bucket.push(o);
        if (o.fallback && examples.fallback.length < keep) examples.fallback.push(o);
      }
    },
    get count(): number {
      return total;
    },
    summary(): TSimulationSummary {
      return {
        total,
        changed,
        changedShare: share(changed, total),
        fallback,
        fallbackShare: share(fallback, total),
        load: [...load.values()].sort((a, b) => b.after - a.after || b.before - a.before || a.key.localeCompare(b.key)),
        byRow: [...rows.values()].sort((a, b) => (a.rowNumber ?? Infinity) - (b.rowNumber ?? Infinity)),
        examples,
      };
    },
  };
}

/** All outcomes at once (see simulationAccumulator). */
export function summariseSimulation(outcomes: readonly TSimulationOutcome[], options: { examplesPerCategory?: number } = {}): TSimulationSummary {
  const acc = simulationAccumulator(options);
  acc.add(outcomes);
  return acc.summary();
}
