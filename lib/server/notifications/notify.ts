import "server-only";
import type { Tx } from "../db";
import { queueNotificationEmails, type TRecipient } from "../email/outbox";
import { bulkQuery, queryRows } from "../transaction-connection";

// One statement, not Prisma's createManyAndReturn: batch intake notifies hundreds of owners per
// chunk, and Prisma's query building for that cost more than the insert itself. A repeated dedupe
// key (also within one call) adds nothing, as skipDuplicates did. The same statement returns each
// new notice with its owner's address and e-mail choice for that kind (inactive owners: none),
// so the outbox needs no read of its own (approval commands count their round trips, ADR 0017).
const INSERT_NOTIFICATIONS = `
  WITH inserted AS (
    INSERT INTO notifications (user_id, kind, title, body, link, dedupe_key)
    SELECT user_id, kind, title, body, link, dedupe_key
    FROM jsonb_to_recordset($1::jsonb) AS r(user_id uuid, kind text, title text, body text, link text, dedupe_key text)
    ON CONFLICT DO NOTHING
    RETURNING id, user_id, kind, title, body, link, dedupe_key
  )
  SELECT n.id::text AS id, n.user_id::text AS "userId", n.kind, n.title, n.body, n.link, n.dedupe_key AS "dedupeKey", u.email, u.name,
         (SELECT p.email FROM notification_preferences p WHERE p.user_id = n.user_id AND p.kind = n.kind) AS choice
  FROM inserted n LEFT JOIN users u ON u.id = n.user_id AND u.active`;
type TInserted = { id: string; userId: string; kind: string; title: string; body: string; link: string | null; dedupeKey: string | null; email: string | null; name: string | null; choice: string | null };

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
 * e-mails their owners chose to get at once, in the same transaction (the outbox). Two
 * statements whatever the number: the insert (with the owners' addresses and choices), then
 * one write for the mails and their approve / reject tokens.
 */
export async function notify(tx: Tx, notifications: TNotification[]): Promise<number> {
  if (notifications.length === 0) return 0;
  const json = JSON.stringify(notifications.map((n) => ({ user_id: n.userId, kind: n.kind, title: n.title, body: n.body ?? "", link: n.link ?? null, dedupe_key: n.dedupeKey ?? null })));
  const created = await queryRows<TInserted>(tx, await bulkQuery(tx), INSERT_NOTIFICATIONS, [json]);
  const recipients = new Map<string, TRecipient & { chosen: Map<string, string> }>();
  for (const row of created) {
    if (row.email === null || row.name === null) continue;
    const r = recipients.get(row.userId) ?? recipients.set(row.userId, { id: row.userId, email: row.email, name: row.name, chosen: new Map() }).get(row.userId)!;
    if (row.choice !== null) r.chosen.set(row.kind, row.choice);
  }
  const steps = new Map(notifications.filter((n) => n.approvalStepId).map((n) => [matchKey(n), n.approvalStepId!]));
  await queueNotificationEmails(
    tx,
    created.map((row) => ({ id: row.id, userId: row.userId, kind: row.kind, title: row.title, body: row.body, link: row.link, approvalStepId: steps.get(matchKey({ ...row, dedupeKey: row.dedupeKey ?? undefined })) })),
    new Date(),
    recipients,
  );
  return created.length;
}

/** Pairs an inserted row with its input (rows come back without the input's extra fields). */
function matchKey(n: { userId: string; kind: string; title: string; dedupeKey?: string }): string {
  return [n.userId, n.kind, n.dedupeKey ?? n.title].join("\u0000");
}
