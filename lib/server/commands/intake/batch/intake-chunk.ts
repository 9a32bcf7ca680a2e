import "server-only";
import { randomUUID } from "node:crypto";
import type { TLeadChannel } from "@/lib/schemas/leads";
import type { TLifecyclePolicy } from "@/lib/schemas/policies/lifecycle";
import type { TScoringPolicy } from "@/lib/schemas/policies/scoring";
import type { TSessionUser } from "../../../auth/session-user";
import { db } from "../../../db";
import { appendDecisions, prepareDecisions, type TPreparedDecision } from "../../../decision-log";
import { notify, type TNotification } from "../../../notifications/notify";
import type { TRoutingPolicyRef } from "../../../routing/route-lead";
import { identityKeys } from "../lead-row";
import { lockIdentities } from "../identity-locks";
import { intakeTransactionOptions } from "../transaction-options";
import { bulkQuery, withTransactionConnection } from "../../../transaction-connection";
import { chunkClocks, type TPlacedLead } from "./clock-starts";
import { loadChunkContext } from "./load-chunk";
import type { TValidItem } from "./parse-items";
import type { TPoolState } from "@/lib/engine/routing";
import { claimChunkItems, type TBusy, type TClaim } from "./claim-items";
import { ChunkPoolsMoved, ChunkYieldsToRedo, confirmChunkPools, placeChunk } from "./place-chunk";
import { planChunk } from "./plan-chunk";
import { writeLeadRows, writeTransitions } from "./write-chunk";

/** Items whose log entries are serialised between two looks at the network (see below). */
const PREPARE_SLICE = 50;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

export type TChunkItemResult = { index: number; status: "created" | "updated"; leadId: string } | { index: number; status: "error"; error: string };

/** What the lead.assigned webhook says about one lead, sent after commit. */
export type TAssignment = { leadId: string; ownerId: string | null; queueTeamId: string | null; policyVersionId: string; reason: string | null };

export type TChunkPolicies = {
  scoring: { id: string; body: TScoringPolicy };
  lifecycle: { id: string; body: TLifecyclePolicy };
  routing: TRoutingPolicyRef;
};

/** Milliseconds spent in each phase of one chunk (for the benchmark's breakdown); "confirm" includes waiting for the previous chunk of a pipeline. */
export type TChunkTimings = Record<"locks" | "load" | "plan" | "route" | "write" | "log" | "confirm" | "commit", number>;

/**
 * How a chunk takes part in a pipeline of chunks (ADR 0026): it claims its items without waiting
 * (deferring those someone holds), picks owners from the previous chunk's pools as that chunk
 * left them, and confirms those pools under their lock just before it commits.
 */
export type TPipelineLink = {
  /** "claim" (the pipelined way above), or "lock": a chunk redone after its pools moved waits for its locks as a chunk outside a pipeline does, and only reports its placement and its end. */
  mode: "claim" | "lock";
  busy: TBusy;
  /**
   * The chunk started before this one, while it may still be in flight: its pools after its
   * latest picks, the end of the transaction that made them, and whether it is being redone (then
   * it waits for its locks the blocking way, and this chunk must not wait for it holding locks).
   */
  previous: {
    placed: () => Promise<Record<string, TPoolState>>;
    settled: () => Promise<void>;
    isSettled: () => boolean;
    redoing: () => Promise<void>;
    isRedoing: () => boolean;
  } | null;
  onClaimed: (claim: TClaim) => void;
  onPlaced: (after: Record<string, TPoolState>) => void;
  /** The chunk's transaction ended (committed, or rolled back for good): the next chunk may confirm its pools. */
  onSettled: () => void;
  /** The chunk's pools moved and it is about to be redone: its first placement no longer counts. */
  onRedo: () => void;
};

/**
 * Set-based intake of one chunk of valid items, in ONE transaction: identity locks for all of
 * them (sorted; in a pipeline, tried instead, and the items someone holds handed back as
 * `deferred`) → four reads → match/merge/score/stage in memory → routing (every reachable pool
 * locked once; in a pipeline, picked from the previous chunk's pools) → two statements for the
 * lead rows, one each for stage history and inbox notifications → the decision log in one batch
 * → the pools' net changes, last (confirmed under their lock in a pipeline). All of it commits
 * or none of it does. Items refused for their own reason (two stored leads claim their e-mail
 * and external id) are reported and change nothing, as in the single path.
 */
export async function intakeChunk(args: {
  items: readonly TValidItem[];
  actor: Pick<TSessionUser, "id" | "role" | "name"> | null;
  channel: TLeadChannel;
  policies: TChunkPolicies;
  historical?: boolean;
  now?: Date;
  timings?: TChunkTimings;
  /** Absent: the chunk waits for the identities and pools it needs, as single intake does. */
  link?: TPipelineLink;
}): Promise<{ results: TChunkItemResult[]; assignments: TAssignment[]; deferred: TValidItem[] }> {
  const { actor, channel, policies, link } = args;
  const historical = args.historical ?? false;
  const now = args.now ?? new Date();
  const timings = args.timings;
  let mark = performance.now();
  const lap = (phase: keyof TChunkTimings) => {
    const at = performance.now();
    if (timings) timings[phase] += at - mark;
    mark = at;
  };

  // A chunk never waits for its predecessor while holding locks if that predecessor is being
  // redone: the redo waits for its locks the blocking way, perhaps behind another process's
  // chunk that waits for this one's — a cycle through this process that PostgreSQL cannot see
  // (one side waits in the application), which only the 60 s timeout ended. So a chunk whose
  // predecessor is redoing waits for it before taking any lock, and a chunk already holding locks
  // when its predecessor starts a redo gives them back and is redone itself (ChunkYieldsToRedo).
  const previous = link?.mode === "claim" ? link.previous : null;
  if (previous?.isRedoing()) await previous.settled();
  const unlessRedoing = async <T,>(waited: Promise<T>): Promise<T> => {
    const outcome = await Promise.race([waited.then((value) => ({ value })), previous!.redoing().then(() => null)]);
    if (outcome === null && !previous!.isSettled()) throw new ChunkYieldsToRedo("The previous chunk of the pipeline is being redone: this one gives its locks back rather than wait for it holding them");
    return outcome ? outcome.value : waited;
  };

  const transaction = withTransactionConnection(() =>
    db().$transaction(
      async (tx) => {
        lap("commit"); // waiting for a connection counts as commit overhead
        // The chunk's lead rows and log rows are megabytes of JSON: they go over the transaction's
        // own connection rather than through Prisma's parameter encoding (ADR 0020).
        const bulk = await bulkQuery(tx);
        let items = args.items;
        let deferred: TValidItem[] = [];
        const claiming = link?.mode === "claim";
        if (claiming) {
          const claim = await claimChunkItems(tx, bulk, items, link.busy);
          link.onClaimed(claim);
          ({ runnable: items, deferred } = claim);
        } else {
          await lockIdentities(tx, items.flatMap((i) => identityKeys(i.lead)));
        }
        lap("locks");
        const context = await loadChunkContext(tx, items.map((i) => i.lead), now, { leadsLocked: claiming, bulk });
        lap("load");
        const plan = planChunk({ items, context, channel, now, historical, scoring: policies.scoring, lifecycle: policies.lifecycle, newId: randomUUID });
        lap("plan");
        // The previous chunk's picks while it is in flight; once it has ended, what is committed
        // (it, or anyone since) is what counts.
        const base = previous && !previous.isSettled() ? await unlessRedoing(previous.placed()) : {};
        const { placements, pools } = await placeChunk(tx, plan, { policy: policies.routing, channel, actor, now, historical, pools: claiming ? { base } : "lock" });
        link?.onPlaced(pools.after);
        lap("route");

        const notifications: TNotification[] = [];
        const transitions: Parameters<typeof writeTransitions>[1][number][] = [];
        const placed: (TPlacedLead & { index: number; existedBefore: boolean })[] = [];
        const assignments: TAssignment[] = [];
        const results: TChunkItemResult[] = [];
        for (const item of plan.items) {
          if (!item.ok) {
            results.push({ index: item.index, status: "error", error: item.error });
            continue;
          }
          const placement = placements.get(item.index)!;
          const state = plan.leads.get(item.leadId)!;
          state.row = { ...state.row, ownerId: placement.ownerId, queueTeamId: placement.queueTeamId };
          if (item.stageTransition) transitions.push({ leadId: item.leadId, ...item.stageTransition });
          if (placement.notification) notifications.push(placement.notification);
          const { index, leadId, existedBefore, becameMql } = item;
          placed.push({ index, leadId, existedBefore, becameMql, assigned: placement.assigned, ownerId: placement.ownerId, queueTeamId: placement.queueTeamId, region: item.routingLead.region ?? null, historical });
          if (placement.assigned) {
            assignments.push({ leadId: item.leadId, ownerId: placement.ownerId, queueTeamId: placement.queueTeamId, policyVersionId: policies.routing.id, reason: placement.reasons[0] ?? null });
          }
          results.push({ index: item.index, status: item.status, leadId: item.leadId });
        }
        const changed = [...plan.leads.values()].filter((s) => s.changed);
        const writing = (async () => {
          await writeLeadRows(tx, { inserts: changed.filter((s) => s.isNew).map((s) => s.row), updates: changed.filter((s) => !s.isNew).map((s) => s.row) }, bulk);
          await writeTransitions(tx, transitions, bulk);
          await notify(tx, notifications);
          // SLA clocks after the lead rows exist, as single intake starts them after its lead update.
          return chunkClocks(tx, placed);
        })();
        writing.catch(() => {}); // awaited below; this only keeps a failure from counting as unhandled meanwhile

        // Per item, the single path's entries in its order: created/merged, scored, stage, routed —
        // then its clocks, known once they are written. The first ones are serialised while the
        // writes run in Postgres: Node would otherwise wait for them with nothing to do.
        const own = new Map<number, TPreparedDecision[]>();
        for (const item of plan.items) {
          if (!item.ok) continue;
          const placement = placements.get(item.index)!;
          const entries = [...item.entries, ...(placement.entry ? [placement.entry] : [])].map((e) => ({ ...e, subjectId: item.leadId, actorId: actor?.id ?? null }));
          own.set(item.index, prepareDecisions(entries));
          if (own.size % PREPARE_SLICE === 0) await yieldToIo();
        }
        const clocks = await writing;
        lap("write");
        const entries: TPreparedDecision[] = [];
        for (const item of plan.items) {
          if (!item.ok) continue;
          entries.push(...own.get(item.index)!, ...prepareDecisions((clocks.get(item.index) ?? []).map((e) => ({ ...e, subjectId: item.leadId, actorId: actor?.id ?? null }))));
        }
        await appendDecisions(tx, entries, { bulk });
        lap("log");
        // Last, so the pools' row locks are held for as short a time as possible: a pipelined
        // chunk confirms the pools it picked from once the chunk before it has ended.
        if (previous) await unlessRedoing(previous.settled());
        await confirmChunkPools(tx, pools);
        lap("confirm");
        return { results, assignments, deferred };
      },
      // A chunk waits for a connection, and for pools or identities a concurrent intake holds,
      // as long as single intake does.
      intakeTransactionOptions(),
    ),
  );
  let movedOn = false;
  try {
    return await transaction;
  } catch (error) {
    movedOn = error instanceof ChunkPoolsMoved;
    throw error;
  } finally {
    // A chunk whose pools moved is redone at once (intake-batch.ts): its end is the redo's.
    if (!movedOn) link?.onSettled();
    lap("commit");
  }
}
