import "server-only";
import { db } from "../db";
import { appendDecision } from "../decision-log";
import { dummyPasswordHash, verifyPassword } from "../password";
import { clearAccountFailures, recordFailure, secondsUntilUnlocked } from "./login-throttle";
import { SESSION_USER_SELECT, type TSessionUser } from "./session-user";

export type TPasswordAuthResult =
  | { ok: true; user: TSessionUser & { sessionVersion: number } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks e-mail + password with throttling. Unknown e-mail, inactive user and wrong
 * password all answer "invalid" after the same amount of work, so the answer does not
 * reveal whether an account exists.
 */
export async function authenticateWithPassword(input: { email: string; password: string; ip: string }): Promise<TPasswordAuthResult> {
  const email = input.email.trim().toLowerCase();
  const keys = { email, ip: input.ip };
  const wait = await secondsUntilUnlocked(keys);
  if (wait > 0) {
    await logFailure(email, input.ip, "throttled");
    return { ok: false, reason: "throttled", retryAfterSeconds: wait };
  }
  const user = await db().user.findUnique({ where: { email }, select: { ...SESSION_USER_SELECT, passwordHash: true, active: true, sessionVersion: true } });
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password);
  if (!user || !user.active || !passwordOk) {
    await recordFailure(keys);
    await logFailure(email, input.ip, "invalid");
    return { ok: false, reason: "invalid" };
  }
  await clearAccountFailures(email);
  await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  const { passwordHash: _hash, active: _active, ...sessionUser } = user;
  return { ok: true, user: sessionUser };
}

async function logFailure(email: string, ip: string, outcome: "invalid" | "throttled") {
  await db().$transaction((tx) =>
    appendDecision(tx, {
      kind: outcome === "throttled" ? "auth.login_throttled" : "auth.login_failed",
      subjectType: "login",
      subjectId: email,
      input: { email, ip },
      output: { outcome },
      reasons: [outcome === "throttled" ? "Too many failed sign-ins for this account or address; sign-in is paused." : "E-mail or password did not match an active user."],
    }),
  );
}
