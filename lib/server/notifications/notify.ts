import "server-only";
import { randomUUID } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { outboxRows, queueNotificationEmails, type TRecipient } from "../email/outbox";
import { bulkQuery, queryRows, type PgTransaction, type TBulkQuery, type TSqlTx } from "../transaction-connection";

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

// When the caller read the recipients already (recipientsColumn), the notices, their mails and
// the mails' approve / reject tokens are ONE statement: ids are made here, mails are rendered
// for every notice, and a mail or token is written only if its notice was (a repeated dedupe
// key writes none of the three).
const INSERT_NOTIFICATIONS_WITH_MAILS = `
  WITH inserted AS (
    INSERT INTO notifications (id, user_id, kind, title, body, link, dedupe_key)
    SELECT id, user_id, kind, title, body, link, dedupe_key
    FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, user_id uuid, kind text, title text, body text, link text, dedupe_key text)
    ON CONFLICT DO NOTHING
    RETURNING id
  ), tokens AS (
    INSERT INTO action_tokens (id, purpose, user_id, subject_id, action, expires_at)
    SELECT t.id, t.purpose, t.user_id, t.subject_id, t.action, t.expires_at
    FROM jsonb_to_recordset($2::jsonb) AS t(id uuid, purpose text, user_id uuid, subject_id uuid, action text, expires_at timestamptz, notification_id uuid)
    WHERE t.notification_id IN (SELECT id FROM inserted)
  ), mails AS (
    INSERT INTO email_messages (user_id, to_address, template, subject, text, html, dedupe_key)
    SELECT m.user_id, m.to_address, m.template, m.subject, m.text, m.html, m.dedupe_key
    FROM jsonb_to_recordset($3::jsonb) AS m(user_id uuid, to_address text, template text, subject text, text text, html text, dedupe_key text, notification_id uuid)
    WHERE m.notification_id IN (SELECT id FROM inserted)
    ON CONFLICT DO NOTHING
  )
  SELECT count(*)::int AS n FROM inserted`;

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
 * Recipients a caller read ahead with a statement of its own: every user it asked about
 * (`covered`), and among them the active ones with their address and e-mail choices.
 */
export type TKnownRecipients = {
  covered: ReadonlySet<string>;
  active: ReadonlyMap<string, TRecipient>;
  /** Queue role → its active members, for the queues whose members the read included (all of them). */
  members: ReadonlyMap<string, readonly string[]>;
};

/**
 * A column for a caller's statement (`notify_recipients`): the users of the subquery `userIds`,
 * with what notify needs to know of them. Read it back with recipientsFrom.
 */
export function recipientsColumn(userIds: Prisma.Sql): Prisma.Sql {
  // One key lookup per id (a correlated subquery), never a scan of users: `u.id IN (…)` let the
  // planner hash the ids and scan the whole table on every decision.
  return Prisma.sql`(SELECT json_agg(r) FROM (
      SELECT (SELECT json_build_object('id', u.id, 'active', u.active, 'email', u.email, 'name', u.name, 'role', u.role,
                'chosen', (SELECT json_object_agg(p.kind, p.email) FROM notification_preferences p WHERE p.user_id = u.id))
              FROM users u WHERE u.id = ids.id) AS r
      FROM (SELECT DISTINCT id FROM (${userIds}) AS x(id) WHERE id IS NOT NULL) ids) people
    WHERE r IS NOT NULL) AS notify_recipients`;
}

export type TRecipientsRow = { notify_recipients: { id: string; active: boolean; email: string; name: string; role: string; chosen: Record<string, string> | null }[] | null };

/**
 * The recipients a caller read. `queues`: the queue roles whose active members the caller's
 * subquery included, every one of them (approverNotices then needs no read of its own).
 */
export function recipientsFrom(row: TRecipientsRow, queues: Iterable<string> = []): TKnownRecipients {
  const users = row.notify_recipients ?? [];
  const active = users.filter((u) => u.active);
  return {
    covered: new Set(users.map((u) => u.id)),
    active: new Map(active.map((u) => [u.id, { id: u.id, email: u.email, name: u.name, chosen: new Map(Object.entries(u.chosen ?? {})) }])),
    members: new Map([...new Set(queues)].map((queue) => [queue, active.filter((u) => u.role === queue).map((u) => u.id)])),
  };
}

/**
 * Adds in-app notifications inside the caller's transaction, so they commit with the
 * decision — and, for the ones actually inserted (a repeated dedupe key adds nothing), the
 * e-mails their owners chose to get at once, in the same transaction (the outbox). Two
 * statements whatever the number: the insert (with the owners' addresses and choices), then
 * one write for the mails and their approve / reject tokens; one statement when the caller
 * passes `recipients` covering every notice's owner.
 */
export async function notify(tx: TSqlTx, notifications: TNotification[], options: { recipients?: TKnownRecipients } = {}): Promise<number> {
  if (notifications.length === 0) return 0;
  const known = options.recipients;
  if (noticesCovered(known, notifications)) return notifyKnown(tx, notifications, known.active, await bulkQuery(tx));
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

/** Whether the recipients a caller read ahead cover every notice's owner (notify then needs one statement). */
export const noticesCovered = (known: TKnownRecipients | undefined, notifications: readonly TNotification[]): known is TKnownRecipients =>
  known !== undefined && notifications.every((n) => known.covered.has(n.userId));

/**
 * notify for a transaction's last flight (ADR 0029): its one statement (notices, mails, tokens)
 * is sent before this returns. Null, and nothing sent, when a notice's owner was not read ahead
 * (the caller then calls notify before its flight: that path needs the insert's answer).
 */
export function sendKnownNotices(tx: PgTransaction, notifications: readonly TNotification[], recipients: TKnownRecipients | undefined): Promise<number> | null {
  if (notifications.length === 0) return Promise.resolve(0);
  return noticesCovered(recipients, notifications) ? notifyKnown(tx, notifications, recipients.active, tx.query) : null;
}

/** Notices, their mails and tokens in one statement, sent before this returns. */
function notifyKnown(tx: TSqlTx, notifications: readonly TNotification[], active: ReadonlyMap<string, TRecipient>, bulk: TBulkQuery | null): Promise<number> {
  const rows = notifications.map((n) => ({ id: randomUUID(), user_id: n.userId, kind: n.kind, title: n.title, body: n.body ?? "", link: n.link ?? null, dedupe_key: n.dedupeKey ?? null, approvalStepId: n.approvalStepId }));
  const mails = outboxRows(rows.map((r) => ({ id: r.id, userId: r.user_id, kind: r.kind, title: r.title, body: r.body, link: r.link, approvalStepId: r.approvalStepId })), new Date(), active);
  const values = [JSON.stringify(rows), JSON.stringify(mails.tokens), JSON.stringify(mails.rows)];
  return queryRows<{ n: number }>(tx, bulk, INSERT_NOTIFICATIONS_WITH_MAILS, values).then(([written]) => written!.n);
}

/** Pairs an inserted row with its input (rows come back without the input's extra fields). */
function matchKey(n: { userId: string; kind: string; title: string; dedupeKey?: string }): string {
  return [n.userId, n.kind, n.dedupeKey ?? n.title].join("\u0000");
}
