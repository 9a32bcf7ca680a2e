import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";

export const INBOX_PAGE_SIZE = 30;

export async function listInbox(user: Pick<TSessionUser, "id">, options: { page: number; unreadOnly: boolean; kind?: string }) {
  const where: Prisma.NotificationWhereInput = { userId: user.id, ...(options.unreadOnly ? { readAt: null } : {}), ...(options.kind ? { kind: options.kind } : {}) };
  const [rows, total, kinds] = await Promise.all([
    db().notification.findMany({ where, orderBy: [{ createdAt: "desc" }, { id: "asc" }], skip: (options.page - 1) * INBOX_PAGE_SIZE, take: INBOX_PAGE_SIZE }),
    db().notification.count({ where }),
    db().notification.groupBy({ by: ["kind"], where: { userId: user.id }, orderBy: { kind: "asc" } }),
  ]);
  return { rows, total, kinds: kinds.map((k) => k.kind) };
}

export function unreadCount(user: Pick<TSessionUser, "id">): Promise<number> {
  return db().notification.count({ where: { userId: user.id, readAt: null } });
}
