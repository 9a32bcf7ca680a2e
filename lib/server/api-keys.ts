import "server-only";
import { createHash, randomBytes } from "node:crypto";
import type { TSessionUser } from "./auth/session-user";
import { SESSION_USER_SELECT } from "./auth/session-user";
import { db } from "./db";
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

/** Resolves a bearer key to its (active) user, or null. */
export async function userForApiKey(key: string): Promise<TSessionUser | null> {
  if (!key.startsWith(`${KEY_PREFIX}_`)) return null;
  const found = await db().apiKey.findUnique({
    where: { hash: hashApiKey(key) },
    select: { id: true, revokedAt: true, expiresAt: true, user: { select: { ...SESSION_USER_SELECT, active: true } } },
  });
  if (!found || found.revokedAt || (found.expiresAt && found.expiresAt < new Date()) || !found.user.active) return null;
  // Best effort; a lost update of last-used time is harmless.
  void db().apiKey.update({ where: { id: found.id }, data: { lastUsedAt: new Date() } }).catch(() => undefined);
  const { active: _active, ...user } = found.user;
  return user;
}
