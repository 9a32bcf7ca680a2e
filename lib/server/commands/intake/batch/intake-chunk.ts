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
import { placeChunk } from "./place-chunk";
import { planChunk } from "./plan-chunk";
import { writeLeadRows, writeTransitions } from "./write-chunk";

/** Items whose log entries are canonicalised between two looks at the network (see below). */
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

/** Milliseconds spent in each phase of one chunk (for the benchmark's breakdown). */
export type TChunkTimings = Record<"locks" | "load" | "plan" | "route" | "write" | "log" | "commit", number>;

/**
 * Set-based intake of one chunk of valid items, in ONE transaction: identity locks for all of
 * them (sorted) → four reads → match/merge/score/stage in memory → routing with every
 * reachable pool locked once → two statements for the lead rows, one each for stage history
 * and inbox notifications → the decision log, last, in one batch. All of it commits or none
 * of it does. Items refused for their own reason (two stored leads claim their e-mail and
 * external id) are reported and change nothing, as in the single path.
 */
export async function intakeChunk(args: {
  items: readonly TValidItem[];
  actor: Pick<TSessionUser, "id" | "role" | "name"> | null;
  channel: TLeadChannel;
  policies: TChunkPolicies;
  historical?: boolean;
  now?: Date;
  timings?: TChunkTimings;
}): Promise<{ results: TChunkItemResult[]; assignments: TAssignment[] }> {
  const { items, actor, channel, policies } = args;
  const historical = args.historical ?? false;
  const now = args.now ?? new Date();
  const timings = args.timings;
  let mark = performance.now();
  const lap = (phase: keyof TChunkTimings) => {
    const at = performance.now();
    if (timings) timings[phase] += at - mark;
    mark = at;
  };

  const outcome = await withTransactionConnection(() =>
    db().$transaction(
      async (tx) => {
        lap("commit"); // waiting for a connection counts as commit overhead
        // The chunk's lead rows and log rows are megabytes of JSON: they go over the transaction's
        // own connection rather than through Prisma's parameter encoding (ADR 0020).
        const bulk = await bulkQuery(tx);
        await lockIdentities(tx, items.flatMap((i) => identityKeys(i.lead)));
        lap("locks");
        const context = await loadChunkContext(tx, items.map((i) => i.lead), now);
        lap("load");
        const plan = planChunk({ items, context, channel, now, historical, scoring: policies.scoring, lifecycle: policies.lifecycle, newId: randomUUID });
        lap("plan");
        const placements = await placeChunk(tx, plan, { policy: policies.routing, channel, actor, now, historical });
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
        // then its clocks, known once they are written. The first ones are canonicalised while the
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
        // The log goes last: its lock is held until commit.
        await appendDecisions(tx, entries, { bulk });
        lap("log");
        return { results, assignments };
      },
      // A chunk waits for a connection, and for pools or identities a concurrent intake holds,
      // as long as single intake does.
      intakeTransactionOptions(),
    ),
  );
  lap("commit");
  return outcome;
}
