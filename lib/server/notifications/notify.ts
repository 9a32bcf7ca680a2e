import "server-only";
import type { Tx } from "../db";
import { queueNotificationEmails } from "../email/outbox";
import { bulkQuery } from "../transaction-connection";

// One statement, not Prisma's createManyAndReturn: batch intake notifies hundreds of owners per
// chunk, and Prisma's query building for that cost more than the insert itself. A repeated dedupe
// key (also within one call) adds nothing, as skipDuplicates did.
const INSERT_NOTIFICATIONS = `
  INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key)
  SELECT user_id, kind, title, body, link, dedupe_key
  FROM jsonb_to_recordset($1::jsonb) AS r(user_id uuid, kind text, title text, body text, link text, dedupe_key text)
  ON CONFLICT DO NOTHING
  RETURNING id::text AS id, user_id::text AS "userId", kind, title, body, link, dedupe_key AS "dedupeKey"`;
type TInserted = { id: string; userId: string; kind: string; title: string; body: string; link: string | null; dedupeKey: string | null };

export type TNotification = {
  userId: string;
  kind: string;
  title: string;
  body?: string;
  link?: string;
  /** Same key twice → one notification (retried jobs, repeated escalations). */
  dedupeKey?: string;
  /** For "approval.requested": the step, so the e-mail can carry approve / reject links. */
  approvalStepId?: string;
};

/**
 * Adds in-app notifications inside the caller's transaction, so they commit with the
 * decision — and, for the ones actually inserted (a repeated dedupe key adds nothing), the
 * e-mails their owners chose to get at once, in the same transaction (the outbox).
 */
export async function notify(tx: Tx, notifications: TNotification[]): Promise<number> {
  if (notifications.length === 0) return 0;
  const json = JSON.stringify(notifications.map((n) => ({ user_id: n.userId, kind: n.kind, title: n.title, body: n.body ?? "", link: n.link ?? null, dedupe_key: n.dedupeKey ?? null })));
  const bulk = await bulkQuery(tx);
  const created: TInserted[] = bulk ? (await bulk(INSERT_NOTIFICATIONS, [json])).rows : await tx.$queryRawUnsafe<TInserted[]>(INSERT_NOTIFICATIONS, json);
  const steps = new Map(notifications.filter((n) => n.approvalStepId).map((n) => [matchKey(n), n.approvalStepId!]));
  await queueNotificationEmails(
    tx,
    created.map((row) => ({ ...row, approvalStepId: steps.get(matchKey({ ...row, dedupeKey: row.dedupeKey ?? undefined })) })),
  );
  return created.length;
}

/** Pairs an inserted row with its input (rows come back without the input's extra fields). */
function matchKey(n: { userId: string; kind: string; title: string; dedupeKey?: string }): string {
  return [n.userId, n.kind, n.dedupeKey ?? n.title].join("\u0000");
}
