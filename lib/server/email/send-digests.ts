import "server-only";
import { effectiveChoice } from "@/lib/engine/email/kinds";
import { renderDigestEmail } from "@/lib/engine/email/templates";
import { db } from "../db";
import { absoluteUrl, SETTINGS_PATH } from "./outbox";

type TRow = { id: string; kind: string; title: string; body: string; link: string | null; created_at: Date };

/**
 * The daily digest: for each active user, the notifications of the last 24 hours not yet in
 * a digest whose kind they get as DIGEST, in one e-mail. Per user, one transaction locks
 * those notifications (FOR UPDATE), writes the outbox row and sets digestedAt: a second run,
 * or two workers at once, finds nothing left to digest.
 */
export async function sendDailyDigests(): Promise<{ users: number; notifications: number }> {
  const candidates = await db().$queryRaw<{ user_id: string }[]>`
    SELECT DISTINCT n.user_id FROM notifications n JOIN users u ON u.id = n.user_id
    WHERE n.digested_at IS NULL AND n.created_at > now() - interval '1 day' AND u.active`;
  let users = 0;
  let notifications = 0;
  for (const { user_id: userId } of candidates) {
    const count = await digestFor(userId);
    if (count > 0) {
      users++;
      notifications += count;
    }
  }
  return { users, notifications };
}

async function digestFor(userId: string): Promise<number> {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, active: true } });
    if (!user?.active) return 0;
    const chosen = new Map((await tx.notificationPreference.findMany({ where: { userId } })).map((p) => [p.kind, p.email]));
    const rows = await tx.$queryRaw<TRow[]>`
      SELECT id, kind, title, body, link, created_at FROM notifications
      WHERE user_id = ${userId}::uuid AND digested_at IS NULL AND created_at > now() - interval '1 day'
      ORDER BY created_at
      FOR UPDATE`;
    const items = rows.filter((r) => effectiveChoice(r.kind, chosen) === "DIGEST");
    if (items.length === 0) return 0;
    const mail = renderDigestEmail({
      recipientName: user.name,
      settingsUrl: absoluteUrl(SETTINGS_PATH),
      items: items.map((r) => ({ kind: r.kind, title: r.title, body: r.body, url: r.link ? absoluteUrl(r.link) : null, createdAt: r.created_at })),
    });
    await tx.emailMessage.create({ data: { userId, toAddress: user.email, ...mail, dedupeKey: `digest:${items[0]!.id}` } });
    await tx.notification.updateMany({ where: { id: { in: items.map((r) => r.id) } }, data: { digestedAt: new Date() } });
    return items.length;
  });
}
