import "server-only";
import { effectiveChoice } from "@/lib/engine/email/kinds";
import { renderNotificationEmail } from "@/lib/engine/email/templates";
import { env } from "../env";
import { bulkQuery, queryRows, type TSqlTx } from "../transaction-connection";
import { newApprovalLinks, type TActionTokenRow } from "./action-links";

export type TNewNotification = { id: string; userId: string; kind: string; title: string; body: string; link: string | null; approvalStepId?: string };

export const SETTINGS_PATH = "/settings/notifications";

export function absoluteUrl(path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  return `${env().APP_URL.replace(/\/$/, "")}${path.startsWith("/") ? "" : "/"}${path}`;
}

/** A recipient of new notifications: address, name and their e-mail choice per kind. */
export type TRecipient = { id: string; email: string; name: string; chosen: ReadonlyMap<string, string> };

/**
 * Writes the outbox rows for notifications that were just inserted, in the same transaction:
 * one EmailMessage per notification whose owner wants that kind by e-mail at once (active
 * users only). The dedupe key ties the mail to its notification, so it is written once.
 * The worker sends PENDING rows (see send-outbox.ts); nothing here talks to SMTP. A caller
 * that read the (active) recipients already passes them; the approve / reject tokens and the
 * mails are then written by ONE statement: this runs inside intake's and approvals' transactions.
 */
export async function queueNotificationEmails(tx: TSqlTx, created: readonly TNewNotification[], now = new Date(), known?: ReadonlyMap<string, TRecipient>): Promise<number> {
  if (created.length === 0) return 0;
  const byUser = known ?? (await readRecipients(tx, created));
  const { tokens, rows } = outboxRows(created, now, byUser);
  if (rows.length === 0) return 0;
  // One raw statement for the approve / reject tokens and the mails (as for the notifications
  // themselves, notify.ts), on the transaction's own connection when the caller has one (ADR 0020).
  const insert = `
    WITH tokens AS (
      INSERT INTO action_tokens (id, purpose, user_id, subject_id, action, expires_at)
      SELECT t.id, t.purpose, t.user_id, t.subject_id, t.action, t.expires_at
      FROM jsonb_to_recordset($1::jsonb) AS t(id uuid, purpose text, user_id uuid, subject_id uuid, action text, expires_at timestamptz)
    ), mails AS (
      INSERT INTO email_messages (user_id, to_address, template, subject, text, html, dedupe_key)
      SELECT m.user_id, m.to_address, m.template, m.subject, m.text, m.html, m.dedupe_key
      FROM jsonb_to_recordset($2::jsonb) AS m(user_id uuid, to_address text, template text, subject text, text text, html text, dedupe_key text)
      ON CONFLICT DO NOTHING
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM mails`;
  const values = [JSON.stringify(tokens), JSON.stringify(rows)];
  const [written] = await queryRows<{ n: number }>(tx, await bulkQuery(tx), insert, values);
  return written!.n;
}

/** An approve / reject token row, and the notification whose mail carries its link. */
export type TOutboxToken = TActionTokenRow & { notification_id: string };
/** An outbox row (email_messages columns), and the notification it was written for. */
export type TOutboxMail = { notification_id: string; user_id: string; to_address: string; template: string; subject: string; text: string; html: string; dedupe_key: string };

/**
 * The mails (rendered) and approve / reject tokens for notifications whose owners want that kind
 * by e-mail at once: no database work, so a caller may write them in a statement of its own
 * (notify.ts writes them with the notifications themselves when it knows the recipients).
 */
export function outboxRows(created: readonly TNewNotification[], now: Date, byUser: ReadonlyMap<string, TRecipient>): { tokens: TOutboxToken[]; rows: TOutboxMail[] } {
  const tokens: TOutboxToken[] = [];
  const rows: TOutboxMail[] = [];
  for (const n of created) {
    const user = byUser.get(n.userId);
    if (!user || effectiveChoice(n.kind, user.chosen) !== "IMMEDIATE") continue;
    const links = n.kind === "approval.requested" && n.approvalStepId ? newApprovalLinks({ userId: user.id, stepId: n.approvalStepId, now }) : undefined;
    if (links) tokens.push(...links.rows.map((t) => ({ ...t, notification_id: n.id })));
    const mail = renderNotificationEmail({
      kind: n.kind,
      recipientName: user.name,
      title: n.title,
      body: n.body,
      url: n.link ? absoluteUrl(n.link) : null,
      settingsUrl: absoluteUrl(SETTINGS_PATH),
      approvalLinks: links?.links,
    });
    rows.push({ notification_id: n.id, user_id: user.id, to_address: user.email, ...mail, dedupe_key: `notification:${n.id}` });
  }
  return { tokens, rows };
}

/** Active recipients and their choices for these kinds, in one round trip. */
async function readRecipients(tx: TSqlTx, created: readonly TNewNotification[]): Promise<Map<string, TRecipient>> {
  const userIds = [...new Set(created.map((n) => n.userId))];
  const recipients = await tx.$queryRaw<{ id: string; email: string; name: string; chosen: Record<string, string> }[]>`
    SELECT u.id, u.email, u.name,
           COALESCE(jsonb_object_agg(p.kind, p.email) FILTER (WHERE p.kind IS NOT NULL), '{}'::jsonb) AS chosen
    FROM users u
    LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.kind = ANY(${[...new Set(created.map((n) => n.kind))]}::text[])
    WHERE u.id = ANY(${userIds}::uuid[]) AND u.active
    GROUP BY u.id`;
  return new Map(recipients.map((u) => [u.id, { id: u.id, email: u.email, name: u.name, chosen: new Map(Object.entries(u.chosen)) }]));
}
