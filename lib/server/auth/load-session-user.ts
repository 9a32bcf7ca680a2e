import "server-only";
import { db } from "../db";
import { SESSION_USER_SELECT, type TSessionUser } from "./session-user";

/**
 * The user behind a session token, or null when they were deactivated or their session
 * version moved on (role change, password change, forced sign-out) since the token was issued.
 */
export async function loadSessionUser(userId: string, sessionVersion: number): Promise<TSessionUser | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { ...SESSION_USER_SELECT, active: true, sessionVersion: true } });
  if (!user || !user.active || user.sessionVersion !== sessionVersion) return null;
  const { active: _a, sessionVersion: _v, ...sessionUser } = user;
  return sessionUser;
}
