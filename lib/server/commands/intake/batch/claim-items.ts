import "server-only";
import type { Tx } from "../../../db";
import { queryRows, type TBulkQuery } from "../../../transaction-connection";
import { identityKeys } from "../lead-row";
import { splitDeferred, type TItemKeys } from "./defer-items";
import type { TValidItem } from "./parse-items";
import { listIn, unique } from "./collect";

/** Identities and stored leads that other chunks of the pipeline hold (in memory, until they end). */
export type TBusy = { has: (key: string) => boolean; leadIds: () => string[] };

export type TClaim = {
  runnable: TValidItem[];
  deferred: TValidItem[];
  /** What the runnable items hold now: their identity keys ("email:…", "ext:…") and the stored leads they match ("lead-id:…"). */
  held: string[];
};

const LEAD = "lead-id:";
const leadKey = (id: string) => `${LEAD}${id}`;
/** The stored-lead ids among held keys. */
export const leadIdsOf = (keys: Iterable<string>) => [...keys].filter((k) => k.startsWith(LEAD)).map((k) => k.slice(LEAD.length));

/**
 * A pipelined chunk's claim on its items, without waiting for anyone (ADR 0026): the same two
 * locks single and batch intake take — the identities' advisory locks, then the row locks of
 * the stored leads they match — but tried, not awaited. An item whose identity or matched lead
 * another transaction holds (or another chunk of this pipeline, `busy`) is deferred to a later
 * chunk, with every later item tied to it (defer-items.ts). Two statements, as the blocking
 * path: the match is read by a statement that starts after the identity locks are taken, so it
 * sees whatever their previous holder committed.
 */
export async function claimChunkItems(tx: Tx, bulk: TBulkQuery | null, items: readonly TValidItem[], busy: TBusy): Promise<TClaim> {
  const withKeys: TItemKeys[] = items.map((item) => ({ item, keys: identityKeys(item.lead) }));
  // 1. The identities' advisory locks, tried (the same lock ids as lockIdentities) — not for
  //    items that already wait for a chunk of this pipeline: that chunk holds them.
  const candidates = splitDeferred(withKeys, busy.has).runnable;
  const keys = [...new Set(candidates.flatMap((e) => e.keys))];
  const tried = keys.length === 0 ? [] : await queryRows<{ k: string; ok: boolean }>(tx, bulk, `SELECT k, pg_try_advisory_xact_lock(hashtext('lead:' || k)) AS ok FROM unnest($1::text[]) AS k`, [keys]);
  const refused = new Set(tried.filter((r) => !r.ok).map((r) => r.k));
  // 2. The stored leads the items match — all items', waiting or not: an item tied to a waiting
  //    one only through a stored lead must wait too. Row-locked unless another transaction has
  //    them (lock-matching-leads.ts says why they are locked), but only for the candidates and
  //    never a lead a chunk of this pipeline holds: that chunk may be redone, waiting for its
  //    leads' locks, while this chunk waits for it to end (ADR 0026).
  const emails = unique(items.map((i) => i.lead.email));
  const externalIds = unique(items.map((i) => i.lead.externalId));
  const lockEmails = unique(candidates.map((e) => e.item.lead.email));
  const lockExternalIds = unique(candidates.map((e) => e.item.lead.externalId));
  const matched =
    emails.length + externalIds.length === 0
      ? []
      : await queryRows<{ id: string; email: string | null; external_id: string | null; refused: boolean }>(
          tx,
          bulk,
          `SELECT m.id, m.email, m.external_id, t.try AND l.id IS NULL AS refused
           FROM leads m
           CROSS JOIN LATERAL (SELECT (m.email = ANY($3::text[]) OR m.external_id = ANY($4::text[])) AND m.id <> ALL($5::uuid[]) AS try) t
           LEFT JOIN LATERAL (SELECT x.id FROM leads x WHERE t.try AND x.id = m.id FOR UPDATE SKIP LOCKED) l ON true
           WHERE m.email = ANY($1::text[]) OR m.external_id = ANY($2::text[])`,
          [emails, externalIds, lockEmails, lockExternalIds, busy.leadIds()],
        );
  const leadsOf = new Map<string, string[]>();
  for (const row of matched) {
    if (row.email) listIn(leadsOf, `email:${row.email}`).push(leadKey(row.id));
    if (row.external_id) listIn(leadsOf, `ext:${row.external_id}`).push(leadKey(row.id));
  }
  const notMine = new Set(matched.filter((r) => r.refused).map((r) => leadKey(r.id)));
  // 3. One pass in the order sent, over identities and matched leads together.
  const { runnable, deferred } = splitDeferred(
    withKeys.map((e) => ({ ...e, keys: [...e.keys, ...e.keys.flatMap((k) => leadsOf.get(k) ?? [])] })),
    (k) => busy.has(k) || refused.has(k) || notMine.has(k),
  );
  return { runnable: runnable.map((e) => e.item), deferred: deferred.map((e) => e.item), held: [...new Set(runnable.flatMap((e) => e.keys))] };
}
