import "server-only";
import { db } from "../db";
import { env } from "../env";

// Failed sign-ins are counted per account (the e-mail as typed, whether or not it exists,
// so a lock-out never reveals which accounts exist) and per client address. Counters live
// in Postgres so every app replica sees the same numbers.
// An address gets more room than an account: offices share one address.
const IP_FACTOR = 5;

export type TThrottleKeys = { email: string; ip: string };

const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/** Seconds until sign-in is allowed again, or 0 when neither key is locked. */
export async function secondsUntilUnlocked(keys: TThrottleKeys): Promise<number> {
  const rows = await db().$queryRaw<{ wait: number }[]>`
    SELECT COALESCE(CEIL(MAX(EXTRACT(EPOCH FROM (locked_until - now())))), 0)::int AS wait
    FROM login_throttle
    WHERE key IN (${accountKey(keys.email)}, ${ipKey(keys.ip)}) AND locked_until > now()`;
  return Math.max(0, rows[0]?.wait ?? 0);
}

/** Counts one failure on both keys (atomically) and locks a key that reaches its limit. */
export async function recordFailure(keys: TThrottleKeys): Promise<void> {
  const e = env();
  const limits: [string, number][] = [
    [accountKey(keys.email), e.LOGIN_MAX_FAILURES],
    [ipKey(keys.ip), e.LOGIN_MAX_FAILURES * IP_FACTOR],
  ];
  for (const [key, max] of limits) {
    await db().$executeRaw`
      INSERT INTO login_throttle (key, failures, window_start_at, locked_until)
      VALUES (${key}, 1, now(), NULL)
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN login_throttle.window_start_at < now() - make_interval(mins => ${e.LOGIN_WINDOW_MINUTES}::int)
                        THEN 1 ELSE login_throttle.failures + 1 END,
        window_start_at = CASE WHEN login_throttle.window_start_at < now() - make_interval(mins => ${e.LOGIN_WINDOW_MINUTES}::int)
                        THEN now() ELSE login_throttle.window_start_at END,
        locked_until = CASE
          WHEN login_throttle.window_start_at >= now() - make_interval(mins => ${e.LOGIN_WINDOW_MINUTES}::int)
           AND login_throttle.failures + 1 >= ${max}::int
          THEN now() + make_interval(mins => ${e.LOGIN_LOCK_MINUTES}::int)
          ELSE login_throttle.locked_until END`;
  }
}

/** A successful sign-in clears the account's counter; the address keeps its count. */
export async function clearAccountFailures(email: string): Promise<void> {
  await db().loginThrottle.deleteMany({ where: { key: accountKey(email) } });
}
