import "server-only";
import { effectiveChoice } from "@/lib/engine/email/kinds";
import { renderNotificationEmail } from "@/lib/engine/email/templates";
import type { Tx } from "../db";
import { env } from "../env";
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
  // One after the other: a transaction is one connection.
  const users = await tx.user.findMany({ where: { id: { in: userIds }, active: true }, select: { id: true, email: true, name: true } });
  const preferences = await tx.notificationPreference.findMany({ where: { userId: { in: userIds }, kind: { in: [...new Set(created.map((n) => n.kind))] } } });
  const byUser = new Map(users.map((u) => [u.id, u]));
  const chosen = new Map<string, Map<string, string>>();
  for (const p of preferences) chosen.set(p.userId, (chosen.get(p.userId) ?? new Map()).set(p.kind, p.email));

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
  const { count } = await tx.emailMessage.createMany({ data: rows, skipDuplicates: true });
  return count;
}
