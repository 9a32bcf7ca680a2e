import "server-only";
import { effectiveChoice } from "@/lib/engine/email/kinds";
import { renderNotificationEmail } from "@/lib/engine/email/templates";
import type { Tx } from "../db";
import { env } from "../env";
import { bulkQuery } from "../transaction-connection";
import { createApprovalLinks } from "./action-links";

export type TNewNotification = { id: string; userId: string; kind: string; title: string; body: string; link: string | null; approvalStepId?: string };

export const SETTINGS_PATH = "/settings/notifications";

export function absoluteUrl(path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  return `${env().APP_URL.replace(/\/$/, "")}${path.startsWith("/") ? "" : "/"}${path}`;
}

/**
 * Writes the outbox rows for notifications that were just inserted, in the same transaction:
 * one EmailMessage per notification whose owner wants that kind by e-mail at once (active
 * users only). The dedupe key ties the mail to its notification, so it is written once.
 * The worker sends PENDING rows (see send-outbox.ts); nothing here talks to SMTP.
 */
export async function queueNotificationEmails(tx: Tx, created: readonly TNewNotification[], now = new Date()): Promise<number> {
  if (created.length === 0) return 0;
  const userIds = [...new Set(created.map((n) => n.userId))];
  // Recipients and their choices for these kinds in one round trip: this runs inside
  // intake's and approvals' transactions.
  const recipients = await tx.$queryRaw<{ id: string; email: string; name: string; chosen: Record<string, string> }[]>`
    SELECT u.id, u.email, u.name,
           COALESCE(jsonb_object_agg(p.kind, p.email) FILTER (WHERE p.kind IS NOT NULL), '{}'::jsonb) AS chosen
    FROM users u
    LEFT JOIN notification_preferences p ON p.user_id = u.id AND p.kind = ANY(${[...new Set(created.map((n) => n.kind))]}::text[])
    WHERE u.id = ANY(${userIds}::uuid[]) AND u.active
    GROUP BY u.id`;
  const byUser = new Map(recipients.map((u) => [u.id, u]));
  const chosen = new Map(recipients.map((u) => [u.id, new Map(Object.entries(u.chosen))]));

  const rows = [];
  for (const n of created) {
    const user = byUser.get(n.userId);
    if (!user || effectiveChoice(n.kind, chosen.get(n.userId)) !== "IMMEDIATE") continue;
    const approvalLinks = n.kind === "approval.requested" && n.approvalStepId ? await createApprovalLinks(tx, { userId: user.id, stepId: n.approvalStepId, now }) : undefined;
    const mail = renderNotificationEmail({
      kind: n.kind,
      recipientName: user.name,
      title: n.title,
      body: n.body,
      url: n.link ? absoluteUrl(n.link) : null,
      settingsUrl: absoluteUrl(SETTINGS_PATH),
      approvalLinks,
    });
    rows.push({ userId: user.id, toAddress: user.email, ...mail, dedupeKey: `notification:${n.id}` });
  }
  if (rows.length === 0) return 0;
  // One raw statement, as for the notifications themselves (notify.ts).
  const json = JSON.stringify(rows.map((r) => ({ user_id: r.userId, to_address: r.toAddress, template: r.template, subject: r.subject, text: r.text, html: r.html, dedupe_key: r.dedupeKey })));
  const insert = `INSERT INTO email_messages (user_id, to_address, template, subject, text, html, dedupe_key)
    SELECT user_id, to_address, template, subject, text, html, dedupe_key
    FROM jsonb_to_recordset($1::jsonb) AS r(user_id uuid, to_address text, template text, subject text, text text, html text, dedupe_key text)
    ON CONFLICT DO NOTHING`;
  const bulk = await bulkQuery(tx);
  return bulk ? ((await bulk(insert, [json])).rowCount ?? 0) : tx.$executeRawUnsafe(insert, json);
}
