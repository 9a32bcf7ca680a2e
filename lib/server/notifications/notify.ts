import "server-only";
import type { Tx } from "../db";

export type TNotification = {
  userId: string;
  kind: string;
  title: string;
  body?: string;
  link?: string;
  /** Same key twice → one notification (retried jobs, repeated escalations). */
  dedupeKey?: string;
};

/** Adds in-app notifications inside the caller's transaction, so they commit with the decision. */
export async function notify(tx: Tx, notifications: TNotification[]): Promise<number> {
  if (notifications.length === 0) return 0;
  const { count } = await tx.notification.createMany({
    data: notifications.map((n) => ({ userId: n.userId, kind: n.kind, title: n.title, body: n.body ?? "", link: n.link ?? null, dedupeKey: n.dedupeKey ?? null })),
    skipDuplicates: true,
  });
  return count;
}
