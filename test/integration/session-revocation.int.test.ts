import { describe, expect, it } from "vitest";
import { loadSessionUser } from "@/lib/server/auth/load-session-user";
import { setUserActive } from "@/lib/server/commands/set-user-active";
import { db } from "@/lib/server/db";
import { makeUser } from "./fixtures/users";

// A JWT carries the user id and the session version it was issued with; every request
// re-reads the user, so these checks are what make revocation immediate.
describe("session revocation", () => {
  it("loads an active user whose session version matches", async () => {
    const rep = await makeUser("REP");
    expect(await loadSessionUser(rep.id, rep.sessionVersion)).toMatchObject({ id: rep.id, role: "REP" });
  });

  it("ends every session of a deactivated user at once, and reactivation does not revive old tokens", async () => {
    const admin = await makeUser("ADMIN");
    const rep = await makeUser("REP");
    const issuedWith = rep.sessionVersion;
    await setUserActive({ actor: admin, userId: rep.id, active: false });
    expect(await loadSessionUser(rep.id, issuedWith)).toBeNull();
    await setUserActive({ actor: admin, userId: rep.id, active: true });
    expect(await loadSessionUser(rep.id, issuedWith)).toBeNull();
    const fresh = await db().user.findUniqueOrThrow({ where: { id: rep.id } });
    expect(await loadSessionUser(rep.id, fresh.sessionVersion)).not.toBeNull();
  });

  it("reads the role from the database, so a role change bites on the next request", async () => {
    const user = await makeUser("REP");
    await db().user.update({ where: { id: user.id }, data: { role: "EXEC" } });
    expect(await loadSessionUser(user.id, user.sessionVersion)).toMatchObject({ role: "EXEC" });
  });

  it("refuses an admin deactivating themself and logs each change", async () => {
    const admin = await makeUser("ADMIN");
    await expect(setUserActive({ actor: admin, userId: admin.id, active: false })).rejects.toThrow(/your own account/);
    const rep = await makeUser("REP");
    await setUserActive({ actor: admin, userId: rep.id, active: false });
    await expect(setUserActive({ actor: admin, userId: rep.id, active: false })).rejects.toThrow(/already deactivated/);
    const logged = await db().decisionLog.findMany({ where: { subjectType: "user", subjectId: rep.id, kind: "user.deactivated" } });
    expect(logged).toHaveLength(1);
    expect(logged[0]!.actorId).toBe(admin.id);
  });

  it("lets exactly one of many concurrent deactivations win", async () => {
    const admin = await makeUser("ADMIN");
    const rep = await makeUser("REP");
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => setUserActive({ actor: admin, userId: rep.id, active: false })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const after = await db().user.findUniqueOrThrow({ where: { id: rep.id } });
    expect(after.sessionVersion).toBe(rep.sessionVersion + 1);
  });
});
