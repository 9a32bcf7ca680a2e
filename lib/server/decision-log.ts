import "server-only";
import type { Db, Tx } from "./db";
import { contentHashCanonical, exactJson } from "@/lib/engine/audit/hash-chain";
import type { TDecisionKind } from "@/lib/engine/audit/decision-kinds";
import { queryRows, type TBulkQuery, type TSqlTx } from "./transaction-connection";
import { APPLIED_STATUS, idempotencyClaimInScope } from "./api/idempotency";

// The only module that writes decision_log. A writer inserts its entries with their content
// hash in its own transaction and takes no lock; after commit, a sealer links them into the
// hash chain (decision_chain) one batch at a time (docs/decisions/0023-decision-log-chained-after-commit.md).
// So the state change and the entry that explains it still commit together, and writers no
// longer queue behind one another's commits.
export { sealDecisionLog, startDecisionLogSealer } from "./decision-log/seal";
export { verifyDecisionLog, type TVerifyResult } from "./decision-log/verify";

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

/** An entry whose input, output and reasons were already turned into the text stored (prepareDecisions). */
export type TPreparedDecision = TDecisionEntry & { text: { input: string; output: string; reasons: string } };

/**
 * Serialises entries ahead of appendDecisions — the largest part of its CPU work — so a caller
 * can do it while its own statements run in Postgres (batch intake does, ADR 0020).
 */
export function prepareDecisions(entries: readonly TDecisionEntry[]): TPreparedDecision[] {
  return entries.map((entry) => ({ ...entry, text: { input: exactJson(entry.input), output: exactJson(entry.output), reasons: exactJson(entry.reasons) } }));
}

// Ids come from the table's sequence as the sorted rows are inserted, so they rise in `ord`
// order (other writers may take ids in between: they are not contiguous). A trigger queues
// every inserted entry for the sealer. The rows travel as one json (not jsonb) parameter:
// json_to_recordset hands each json field on as its exact text, which the json columns keep.
const INSERT_ROWS = `
    INSERT INTO decision_log (kind, subject_type, subject_id, actor_id, policy_version_id, corrects_id, input, output, reasons, created_at, content_hash)
    SELECT kind, subject_type, subject_id, actor_id, policy_version_id, corrects_id, input, output, reasons, created_at, content_hash
    FROM json_to_recordset($1::json) AS r(ord int, kind text, subject_type text, subject_id text, actor_id uuid, policy_version_id uuid,
      corrects_id bigint, input json, output json, reasons json, created_at timestamptz, content_hash text)
    ORDER BY ord
    RETURNING id`;

const MARK_APPLIED = `
    WITH applied AS (UPDATE idempotency_records SET response_status = $4 WHERE user_id = $2::uuid AND key = $3 AND response_status = 0)`;

/**
 * Appends entries to the log, in order, in the caller's transaction, and returns their ids.
 * `bulk` (batch intake's megabyte-sized batches) sends the rows straight over the transaction's
 * connection instead of through Prisma's parameter encoding (ADR 0020).
 */
export async function appendDecisions(tx: Pick<TSqlTx, "$queryRawUnsafe">, entries: readonly (TDecisionEntry | TPreparedDecision)[], options: { bulk?: TBulkQuery | null } = {}): Promise<bigint[]> {
  if (entries.length === 0) return [];
  // Each entry's input, output and reasons are serialised ONCE: that text is hashed (inside the
  // content's envelope, version 2) and sent and stored as is (ADR 0026; walking them three
  // times was the largest CPU cost of batch intake, docs/decisions/0012-set-based-intake.md).
  const texts = entries.map((entry) => ("text" in entry ? entry : prepareDecisions([entry])[0]!).text);
  // The app's clock, to the millisecond (what timestamptz(3) and JS Dates both hold): the
  // content hash covers the time, and it is computed before the row reaches the database.
  const createdAt = new Date();
  const text = (v: string | null) => JSON.stringify(v);
  const at = text(createdAt.toISOString());
  const rows = entries.map((entry, i) => {
    const content = {
      kind: entry.kind,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      actorId: entry.actorId ?? null,
      policyVersionId: entry.policyVersionId ?? null,
      correctsId: entry.correctsId ?? null,
      ...texts[i]!,
      createdAt,
    };
    return (
      `{"ord":${i},"kind":${text(content.kind)},"subject_type":${text(content.subjectType)},"subject_id":${text(content.subjectId)},` +
      `"actor_id":${text(content.actorId)},"policy_version_id":${text(content.policyVersionId)},"corrects_id":${text(content.correctsId === null ? null : content.correctsId.toString())},` +
      `"input":${content.input},"output":${content.output},"reasons":${content.reasons},"created_at":${at},"content_hash":${text(contentHashCanonical(content))}}`
    );
  });
  // One statement for the whole batch: the rows travel as one jsonb parameter. Under an API
  // request's Idempotency-Key, the same statement marks the key applied (api/idempotency.ts).
  const payload = `[${rows.join(",")}]`;
  const claim = idempotencyClaimInScope();
  const inserted = claim
    ? await queryRows<{ id: bigint | string }>(tx, options.bulk, MARK_APPLIED + INSERT_ROWS, [payload, claim.userId, claim.key, APPLIED_STATUS])
    : await queryRows<{ id: bigint | string }>(tx, options.bulk, INSERT_ROWS, [payload]);
  return inserted.map((r) => BigInt(r.id)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
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
