import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { TSessionUser } from "./auth/session-user";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";
import { pgRows } from "./pg-transaction";
import { appendDecision } from "./decision-log";
import { notFound } from "./errors";

// Keys look like `arb_<prefix>_<secret>`. Only a SHA-256 of the whole key is stored: keys are
// long random strings, so a fast hash is enough (unlike passwords) and lookup stays O(1).
const KEY_PREFIX = "arb";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export async function createApiKey(options: { actorId: string | null; userEmail: string; name: string; expiresAt?: Date }) {
  const user = await db().user.findUnique({ where: { email: options.userEmail.trim().toLowerCase() }, select: { id: true, active: true, name: true } });
  if (!user || !user.active) throw notFound(`An active user with the e-mail ${options.userEmail}`);
  const prefix = randomBytes(6).toString("hex");
  const key = `${KEY_PREFIX}_${prefix}_${randomBytes(32).toString("base64url")}`;
  const record = await db().$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { userId: user.id, name: options.name, prefix, hash: hashApiKey(key), expiresAt: options.expiresAt ?? null },
      select: { id: true, prefix: true, name: true, createdAt: true },
    });
    await appendDecision(tx, {
      kind: "apikey.created",
      subjectType: "api_key",
      subjectId: created.id,
      actorId: options.actorId,
      input: { userId: user.id, name: options.name },
      output: { prefix },
      reasons: [`API key "${options.name}" was created for ${user.name}; it acts with their permissions.`],
    });
    return created;
  });
  return { ...record, key };
}

// Last-used time is for people deciding which keys to revoke: to the minute is enough, and
// writing it on every request would add a row write (and a round trip) to every API call.
const LAST_USED_RESOLUTION = "1 minute";

/**
 * Resolves a bearer key to its user, or null when the key is unknown, revoked or expired, or
 * its user is inactive. Checked against the database on every request (a revoked key or a
 * deactivated user stops working at once), in ONE statement: the key, its user, and the
 * last-used stamp, which is written only when it is over a minute old.
 */
export async function userForApiKey(key: string): Promise<TSessionUser | null> {
  if (!key.startsWith(`${KEY_PREFIX}_`)) return null;
  // Over pg rather than Prisma's raw-query path: every API request runs it (ADR 0027).
  const [user] = await pgRows<TSessionUser>(Prisma.sql`
    WITH found AS (
      SELECT k.id AS key_id, k.last_used_at, u.id, u.email, u.name, u.role::text AS role, u.team_id, u.manager_id, u.timezone
      FROM api_keys k JOIN users u ON u.id = k.user_id
      WHERE k.hash = ${hashApiKey(key)} AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now()) AND u.active
    ), touched AS (
      UPDATE api_keys SET last_used_at = now() FROM found
      WHERE api_keys.id = found.key_id AND (found.last_used_at IS NULL OR found.last_used_at < now() - ${LAST_USED_RESOLUTION}::interval)
    )
    SELECT id, email, name, role, team_id AS "teamId", manager_id AS "managerId", timezone FROM found`);
  return user ?? null;
}
