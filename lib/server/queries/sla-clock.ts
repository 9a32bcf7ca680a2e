import "server-only";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { notFound } from "../errors";
import { slaClockScope } from "./sla-scope";

/**
 * One clock with its whole event history (warnings, breach, escalations), for a user who may
 * see it. A clock outside the user's scope is reported as not found, the same as a missing
 * one, so ids of other people's clocks reveal nothing.
 */
export async function getSlaClock(user: TSessionUser, clockId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(clockId)) throw notFound("That SLA clock");
  const [clock] = await db().$queryRaw<{ id: string }[]>`SELECT c.id FROM sla_clocks c WHERE c.id = ${clockId}::uuid AND ${slaClockScope(user)}`;
  if (!clock) throw notFound("That SLA clock");
  const row = await db().slaClock.findUniqueOrThrow({ where: { id: clock.id }, include: { events: { orderBy: [{ firedAt: "asc" }, { id: "asc" }] } } });
  const userIds = [...new Set([...(row.ownerId ? [row.ownerId] : []), ...row.events.flatMap((e) => e.notifiedUserIds)])];
  const users = await db().user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  return {
    ...row,
    ownerName: row.ownerId ? (nameOf.get(row.ownerId) ?? null) : null,
    events: row.events.map((e) => ({ id: String(e.id), type: e.type, level: e.level, firedAt: e.firedAt, notified: e.notifiedUserIds.map((id) => nameOf.get(id) ?? "a former user") })),
  };
}
