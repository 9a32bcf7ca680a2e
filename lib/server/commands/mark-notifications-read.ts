import "server-only";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";

/**
 * Marks the user's own notifications read: the listed ones, or all of them. Ids that are not
 * the user's are ignored, never touched — the where clause carries the owner.
 */
export async function markNotificationsRead(options: { user: Pick<TSessionUser, "id">; ids?: string[] }) {
  const { count } = await db().notification.updateMany({
    where: { userId: options.user.id, readAt: null, ...(options.ids ? { id: { in: options.ids } } : {}) },
    data: { readAt: new Date() },
  });
  return { marked: count };
}
