import "server-only";
import type { Db, Tx } from "./db";
import { GENESIS_HASH, chainHash, toStorableJson, type THashedRecord } from "@/lib/engine/audit/hash-chain";
import type { TDecisionKind } from "@/lib/engine/audit/decision-kinds";

// The only module that writes decision_log. Writers take a transaction-scoped advisory
// lock, so the chain is strictly ordered; the lock is held until commit, so callers append
// log rows LAST in their transaction, and in one batch per transaction.
const CHAIN_LOCK_KEY = 4_242_001;

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

export type TDecisionRow = THashedRecord & { id: bigint; prevHash: string; hash: string };

export async function appendDecisions(tx: Tx, entries: TDecisionEntry[]): Promise<bigint[]> {
  if (entries.length === 0) return [];
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`;
  const [last] = await tx.$queryRaw<{ hash: string }[]>`SELECT hash FROM decision_log ORDER BY id DESC LIMIT 1`;
  // Time comes from the database, truncated to what timestamptz(3) and JS Dates both hold.
  const [clock] = await tx.$queryRaw<{ now: Date }[]>`SELECT date_trunc('milliseconds', clock_timestamp()) AS now`;
  const ids = await tx.$queryRaw<{ id: bigint }[]>`
    SELECT nextval(pg_get_serial_sequence('decision_log', 'id')) AS id FROM generate_series(1, ${entries.length}::int)`;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = entries.map((entry, i) => {
    const record: THashedRecord = {
      id: ids[i]!.id,
      kind: entry.kind,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      actorId: entry.actorId ?? null,
      policyVersionId: entry.policyVersionId ?? null,
      correctsId: entry.correctsId ?? null,
      input: toStorableJson(entry.input),
      output: toStorableJson(entry.output),
      reasons: toStorableJson(entry.reasons),
      createdAt: clock!.now,
    };
    const hash = chainHash(prevHash, record);
    const row = { ...record, id: ids[i]!.id, correctsId: entry.correctsId ?? null, prevHash, hash };
    prevHash = hash;
    return row;
  });
  await tx.decisionLog.createMany({
    data: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      actorId: r.actorId,
      policyVersionId: r.policyVersionId,
      correctsId: r.correctsId,
      input: r.input as object,
      output: r.output as object,
      reasons: r.reasons as object,
      createdAt: r.createdAt,
      prevHash: r.prevHash,
      hash: r.hash,
    })),
  });
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
