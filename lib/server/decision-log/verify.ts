import "server-only";
import type { Db } from "../db";
import { GENESIS_HASH, chainHash, contentHash, contentHashCanonical, linkHash } from "@/lib/engine/audit/hash-chain";
import { sealDecisionLog } from "./seal";

export type TVerifyResult =
  | { ok: true; checked: number; lastHash: string; pending: number }
  | { ok: false; checked: number; brokenId: bigint; problem: string };

type TLinkRow = {
  seq: bigint;
  entry_id: bigint;
  link_prev: string;
  link_hash: string;
  id: bigint | null;
  kind: string;
  subject_type: string;
  subject_id: string;
  actor_id: string | null;
  policy_version_id: string | null;
  corrects_id: bigint | null;
  /** The stored text of each (json columns keep it exactly). */
  input: string;
  output: string;
  reasons: string;
  created_at: Date;
  content_hash: string | null;
  content_hash_version: number;
  prev_hash: string | null;
  hash: string | null;
};

const LINKS = `
  SELECT c.seq, c.entry_id, c.prev_hash AS link_prev, c.hash AS link_hash,
         d.id, d.kind, d.subject_type, d.subject_id, d.actor_id::text, d.policy_version_id::text, d.corrects_id,
         d.input::text, d.output::text, d.reasons::text, d.created_at, d.content_hash, d.content_hash_version, d.prev_hash, d.hash
  FROM decision_chain c LEFT JOIN decision_log d ON d.id = c.entry_id
  WHERE c.seq > $1 ORDER BY c.seq LIMIT $2`;

/** What is wrong with one link and its entry, or null when both are as they were written. */
function problemOf(row: TLinkRow, expectedSeq: bigint, prevHash: string): string | null {
  if (row.seq !== expectedSeq) return `the chain jumps from link ${expectedSeq - 1n} to link ${row.seq} (links were removed)`;
  if (row.link_prev !== prevHash) return "its previous-hash does not match the hash of the link before it (a link was removed or reordered)";
  if (row.id === null) return "its entry is missing from the log (an entry was removed)";
  const envelope = {
    kind: row.kind,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    actorId: row.actor_id,
    policyVersionId: row.policy_version_id,
    correctsId: row.corrects_id,
    createdAt: row.created_at,
  };
  const stated = row.content_hash ?? row.hash;
  let actual: string | null = null;
  if (row.content_hash !== null && row.content_hash_version === 2) {
    // ADR 0026: the hash covers the exact text stored.
    actual = contentHashCanonical({ ...envelope, input: row.input, output: row.output, reasons: row.reasons });
  } else {
    // Earlier entries hashed the canonical JSON of the values: parse the text back into them.
    const record = { ...envelope, input: JSON.parse(row.input) as unknown, output: JSON.parse(row.output) as unknown, reasons: JSON.parse(row.reasons) as unknown };
    // Entries written before ADR 0023 carry the in-transaction chain's digest as their content hash.
    actual = row.content_hash !== null ? contentHash(record) : row.prev_hash !== null ? chainHash(row.prev_hash, { id: row.id, ...record }) : null;
  }
  if (stated === null || actual !== stated) return "its content does not match its hash (the entry was altered)";
  if (linkHash(prevHash, row.entry_id, stated) !== row.link_hash) return "its link's hash is not the hash of its content and the link before it (the chain was altered)";
  return null;
}

/**
 * Seals what is committed, then re-walks the whole chain in order and names the first entry
 * that does not fit; last, checks that no entry sits outside both the chain and the sealer's
 * queue. Entries committed while it walks stay queued and are counted as `pending`.
 */
export async function verifyDecisionLog(client: Db, options: { batchSize?: number } = {}): Promise<TVerifyResult> {
  const batchSize = options.batchSize ?? 5_000;
  await sealDecisionLog(client, { wait: true });
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let seq = 0n;
  for (;;) {
    const batch = await client.$queryRawUnsafe<TLinkRow[]>(LINKS, seq, batchSize);
    if (batch.length === 0) break;
    for (const row of batch) {
      const problem = problemOf(row, seq + 1n, prevHash);
      if (problem) return { ok: false, checked, brokenId: row.entry_id, problem };
      prevHash = row.link_hash;
      seq = row.seq;
      checked += 1;
    }
  }
  const [outside] = await client.$queryRaw<{ id: bigint | null; pending: bigint }[]>`
    SELECT min(d.id) FILTER (WHERE p.entry_id IS NULL) AS id, count(p.entry_id) AS pending
    FROM decision_log d LEFT JOIN decision_log_pending p ON p.entry_id = d.id
    WHERE NOT EXISTS (SELECT 1 FROM decision_chain c WHERE c.entry_id = d.id)`;
  if (outside?.id != null) return { ok: false, checked, brokenId: outside.id, problem: "it is neither in the chain nor waiting to be chained (the sealer's queue was altered)" };
  return { ok: true, checked, lastHash: prevHash, pending: Number(outside?.pending ?? 0) };
}
