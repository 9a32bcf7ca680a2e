// API-key authentication: one statement per request resolves the key, its user and the
// last-used stamp. What must never change with it: revoked or expired keys and inactive users
// are refused at once, and the user comes back exactly as a session user would.
import { describe, expect, it } from "vitest";
import { GET as meRoute } from "@/app/api/v1/me/route";
import { createApiKey, userForApiKey } from "@/lib/server/api-keys";
import { SESSION_USER_SELECT } from "@/lib/server/auth/session-user";
import { db } from "@/lib/server/db";
import { makeUser } from "./fixtures/users";

async function keyFor(role: "REVOPS" | "ADMIN" | "REP", expiresAt?: Date) {
  const user = await makeUser(role);
  const { key, id } = await createApiKey({ actorId: null, userEmail: user.email, name: "test", expiresAt });
  return { user, key, id };
}

describe("userForApiKey", () => {
  it("returns the key's user with exactly the session user's fields", async () => {
    const { user, key } = await keyFor("REVOPS");
    const expected = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: SESSION_USER_SELECT });
    expect(await userForApiKey(key)).toEqual(expected);
  });

  it("refuses unknown, malformed, revoked and expired keys and inactive users", async () => {
    const { key } = await keyFor("REVOPS");
    expect(await userForApiKey(`${key}x`)).toBeNull();
    expect(await userForApiKey("not-an-arbiter-key")).toBeNull();

    const revoked = await keyFor("REVOPS");
    await db().apiKey.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    expect(await userForApiKey(revoked.key)).toBeNull();

    const expired = await keyFor("REVOPS", new Date(Date.now() - 1000));
    expect(await userForApiKey(expired.key)).toBeNull();
    const notYet = await keyFor("REVOPS", new Date(Date.now() + 60_000));
    expect(await userForApiKey(notYet.key)).not.toBeNull();

    const deactivated = await keyFor("ADMIN");
    expect(await userForApiKey(deactivated.key)).not.toBeNull();
    await db().user.update({ where: { id: deactivated.user.id }, data: { active: false } });
    expect(await userForApiKey(deactivated.key)).toBeNull();
  });

  it("stamps the last-used time at most once a minute", async () => {
    const { key, id } = await keyFor("REVOPS");
    expect((await db().apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toBeNull();
    await userForApiKey(key);
    const first = (await db().apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(first).not.toBeNull();
    await userForApiKey(key);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(first);

    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await db().apiKey.update({ where: { id }, data: { lastUsedAt: twoMinutesAgo } });
    await userForApiKey(key);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt!.getTime()).toBeGreaterThan(twoMinutesAgo.getTime());
  });

  it("a revoked key is refused by the API on the very next request (no cache in between)", async () => {
    const { user, key, id } = await keyFor("REVOPS");
    const me = () => meRoute(new Request("http://arbiter.test/api/v1/me", { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve<Record<string, string>>({}) });
    const ok = await me();
    expect(ok.status).toBe(200);
    expect((await ok.json()).data).toMatchObject({ id: user.id, role: "REVOPS" });
    await db().apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
    const refused = await me();
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toMatch(/Bearer/);
  });
});
