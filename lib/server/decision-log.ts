import "server-only";
import type { Db, Tx } from "./db";
import { GENESIS_HASH, canonicalJson, chainHash, chainHashCanonical, type TCanonicalRecord, type THashedRecord } from "@/lib/engine/audit/hash-chain";
import type { TDecisionKind } from "@/lib/engine/audit/decision-kinds";
import { executeCount, type TBulkQuery } from "./transaction-connection";

// The only module that writes decision_log. Writers take a transaction-scoped advisory
// lock (key 4242001, in the database function arbiter_decision_log_claim), so the chain is
// strictly ordered; the lock is held until commit, so callers append log rows LAST in their
// transaction, and in one batch per transaction.

export type TDecisionEntry = {
  kind: TDecisionKind;
  subjectType: string;
  subjectId: string;
  actorId?: string | null;
  policyVersionId?: string | null;
  correctsId?: bigint | null;
  input: unknown;
  output: unknown;
  /** Plain-language reasons, shown to users as they are. */
  reasons: string[];
};

/** An entry whose input, output and reasons were already canonicalised (prepareDecisions). */
export type TPreparedDecision = TDecisionEntry & { canonical: { input: string; output: string; reasons: string } };

/**
 * Canonicalises entries ahead of appendDecisions — the largest part of its CPU work — so a
 * caller can do it while its own statements run in Postgres (batch intake does, ADR 0020).
 */
export function prepareDecisions(entries: readonly TDecisionEntry[]): TPreparedDecision[] {
  return entries.map((entry) => ({ ...entry, canonical: { input: canonicalJson(entry.input), output: canonicalJson(entry.output), reasons: canonicalJson(entry.reasons) } }));
}

export type TDecisionRow = THashedRecord & { id: bigint; prevHash: string; hash: string };

const INSERT_ROWS = `
    INSERT INTO decision_log (id, kind, subject_type, subject_id, actor_id, policy_version_id, corrects_id, input, output, reasons, created_at, prev_hash, hash)
    SELECT id, kind, subject_type, subject_id, actor_id, policy_version_id, corrects_id, input, output, reasons, created_at, prev_hash, hash
    FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, kind text, subject_type text, subject_id text, actor_id uuid, policy_version_id uuid,
      corrects_id bigint, input jsonb, output jsonb, reasons jsonb, created_at timestamptz, prev_hash text, hash text)
    ORDER BY id`;

/**
 * Appends entries to the chain, in order, in the caller's transaction. `bulk` (batch intake's
 * megabyte-sized batches) sends the rows straight over the transaction's connection instead of
 * through Prisma's parameter encoding (ADR 0020).
 */
export async function appendDecisions(tx: Tx, entries: readonly (TDecisionEntry | TPreparedDecision)[], options: { bulk?: TBulkQuery | null } = {}): Promise<bigint[]> {
  if (entries.length === 0) return [];
  // Each entry's input, output and reasons are canonicalised ONCE: that text is hashed (inside
  // the record's canonical JSON) and sent as is. Walking them three times (store, hash, send)
  // was the largest CPU cost of batch intake (docs/decisions/0012-set-based-intake.md). It is
  // done before the chain lock is taken: every other writer waits while the lock is held.
  const canonical = entries.map((entry) => ("canonical" in entry ? entry : prepareDecisions([entry])[0]!).canonical);
  // Chain lock, chain head, the time and a range of ids in one round trip: a database function
  // takes the lock, then reads the head with a snapshot taken after the grant (ADR 0022). Time
  // comes from the database, truncated to what timestamptz(3) and JS Dates both hold.
  const [head] = await tx.$queryRaw<{ last: string | null; now: Date; last_id: bigint }[]>`
    SELECT last_hash AS last, claimed_at AS now, last_id FROM arbiter_decision_log_claim(${entries.length}::int)`;
  const firstId = BigInt(head!.last_id) - BigInt(entries.length - 1);
  let prevHash = head!.last ?? GENESIS_HASH;
  const text = (v: string | null) => JSON.stringify(v);
  const createdAt = text(head!.now.toISOString());
  const rows = entries.map((entry, i) => {
    const id = firstId + BigInt(i);
    const record: TCanonicalRecord = {
      id,
      kind: entry.kind,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      actorId: entry.actorId ?? null,
      policyVersionId: entry.policyVersionId ?? null,
      correctsId: entry.correctsId ?? null,
      ...canonical[i]!,
      createdAt: head!.now,
    };
    const hash = chainHashCanonical(prevHash, record);
    const row =
      `{"id":${text(record.id.toString())},"kind":${text(record.kind)},"subject_type":${text(record.subjectType)},"subject_id":${text(record.subjectId)},` +
      `"actor_id":${text(record.actorId)},"policy_version_id":${text(record.policyVersionId)},"corrects_id":${text(record.correctsId === null ? null : record.correctsId.toString())},` +
      `"input":${record.input},"output":${record.output},"reasons":${record.reasons},"created_at":${createdAt},` +
      `"prev_hash":${text(prevHash)},"hash":${text(hash)}}`;
    prevHash = hash;
    return { id, json: row };
  });
  // One statement for the whole batch: the rows travel as one jsonb parameter.
  const payload = `[${rows.map((r) => r.json).join(",")}]`;
  await executeCount(tx, options.bulk, INSERT_ROWS, [payload]);
  return rows.map((r) => r.id);
}

export async function appendDecision(tx: Tx, entry: TDecisionEntry): Promise<bigint> {
  const [id] = await appendDecisions(tx, [entry]);
  return id!;
}

export async function readDecisionsFor(
  client: Db | Tx,
  subject: { subjectType: string; subjectId: string },
  options: { limit?: number } = {},
) {
  return client.decisionLog.findMany({
    where: { subjectType: subject.subjectType, subjectId: subject.subjectId },
    orderBy: { id: "desc" },
    take: options.limit ?? 100,
  });
}

export async function readRecentDecisions(client: Db | Tx, options: { limit?: number; beforeId?: bigint; kind?: string } = {}) {
  return client.decisionLog.findMany({
    where: { ...(options.beforeId ? { id: { lt: options.beforeId } } : {}), ...(options.kind ? { kind: options.kind } : {}) },
    orderBy: { id: "desc" },
    take: options.limit ?? 50,
  });
}

export type TVerifyResult =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; brokenId: bigint; problem: string };

/** Re-walks the whole chain in id order and names the first row that does not fit. */
export async function verifyDecisionLog(client: Db, options: { batchSize?: number } = {}): Promise<TVerifyResult> {
  const batchSize = options.batchSize ?? 5_000;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let afterId = -1n;
  for (;;) {
    const batch = await client.decisionLog.findMany({ where: { id: { gt: afterId } }, orderBy: { id: "asc" }, take: batchSize });
    if (batch.length === 0) return { ok: true, checked, lastHash: prevHash };
    for (const row of batch) {
      if (row.prevHash !== prevHash) {
        return { ok: false, checked, brokenId: row.id, problem: "its previous-hash does not match the hash of the row before it (a row was removed or reordered)" };
      }
      const expected = chainHash(prevHash, {
        id: row.id,
        kind: row.kind,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        actorId: row.actorId,
        policyVersionId: row.policyVersionId,
        correctsId: row.correctsId,
        input: row.input,
        output: row.output,
        reasons: row.reasons,
        createdAt: row.createdAt,
      });
      if (expected !== row.hash) {
        return { ok: false, checked, brokenId: row.id, problem: "its content does not match its hash (the row was altered)" };
      }
      prevHash = row.hash;
      checked += 1;
    }
    afterId = batch[batch.length - 1]!.id;
  }
}
