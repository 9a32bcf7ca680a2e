import { describe, expect, it } from "vitest";
import { authenticateWithPassword } from "@/lib/server/auth/authenticate-password";
import { db } from "@/lib/server/db";
import { makeUser, TEST_PASSWORD } from "./fixtures/users";

// Defaults from lib/server/env.ts: 10 failures per account, 50 per address, within 15 minutes.
const ACCOUNT_LIMIT = 10;

describe("sign-in throttling", () => {
  it("accepts the right password and clears the account's failures", async () => {
    const user = await makeUser("REP");
    for (let i = 0; i < 3; i++) expect(await authenticateWithPassword({ email: user.email, password: "wrong", ip: "10.0.0.1" })).toEqual({ ok: false, reason: "invalid" });
    const ok = await authenticateWithPassword({ email: user.email.toUpperCase(), password: TEST_PASSWORD, ip: "10.0.0.1" });
    expect(ok).toMatchObject({ ok: true, user: { id: user.id, role: "REP" } });
    expect(await db().loginThrottle.findUnique({ where: { key: `account:${user.email}` } })).toBeNull();
  });

  it(`locks an account after ${ACCOUNT_LIMIT} failures, even for the right password`, async () => {
    const user = await makeUser("SALES_MANAGER");
    for (let i = 0; i < ACCOUNT_LIMIT; i++) {
      expect(await authenticateWithPassword({ email: user.email, password: `guess-${i}`, ip: `10.1.0.${i}` })).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD, ip: "10.1.1.1" });
    expect(locked).toMatchObject({ ok: false, reason: "throttled" });
    if (!locked.ok && locked.reason === "throttled") expect(locked.retryAfterSeconds).toBeGreaterThan(14 * 60);
  });

  it("treats an unknown e-mail exactly like a known one, so lock-outs reveal nothing", async () => {
    const ghost = "nobody-here@test.example";
    const answers = [];
    for (let i = 0; i < ACCOUNT_LIMIT + 1; i++) answers.push(await authenticateWithPassword({ email: ghost, password: "x", ip: `10.2.0.${i}` }));
    expect(answers.slice(0, ACCOUNT_LIMIT).every((a) => !a.ok && a.reason === "invalid")).toBe(true);
    expect(answers[ACCOUNT_LIMIT]).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("locks a client address that sprays many accounts", async () => {
    const ip = "203.0.113.7";
    for (let i = 0; i < ACCOUNT_LIMIT * 5; i++) await authenticateWithPassword({ email: `spray-${i}@test.example`, password: "x", ip });
    const user = await makeUser("REP");
    expect(await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD, ip })).toMatchObject({ ok: false, reason: "throttled" });
    expect(await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD, ip: "198.51.100.1" })).toMatchObject({ ok: true });
  });

  it("counts concurrent failures exactly (no lost updates)", async () => {
    const email = "burst@test.example";
    await Promise.all(Array.from({ length: 8 }, (_, i) => authenticateWithPassword({ email, password: "x", ip: `10.3.0.${i}` })));
    const row = await db().loginThrottle.findUniqueOrThrow({ where: { key: `account:${email}` } });
    expect(row.failures).toBe(8);
    expect(row.lockedUntil).toBeNull();
  });

  it("refuses deactivated users with the same answer as a wrong password", async () => {
    const user = await makeUser("REP");
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await authenticateWithPassword({ email: user.email, password: TEST_PASSWORD, ip: "10.4.0.1" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("records failed and throttled sign-ins in the decision log", async () => {
    const kinds = await db().decisionLog.groupBy({ by: ["kind"], _count: { _all: true } });
    const byKind = Object.fromEntries(kinds.map((k) => [k.kind, k._count._all]));
    expect(byKind["auth.login_failed"]).toBeGreaterThan(20);
    expect(byKind["auth.login_throttled"]).toBeGreaterThanOrEqual(3);
  });
});
