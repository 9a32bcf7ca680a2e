import { describe, expect, it, vi } from "vitest";
import { db, dbPool, warmDbPool } from "@/lib/server/db";
import { superuserQuery } from "./support/database";

// The pool opens DATABASE_POOL_MIN sessions at server start (instrumentation.ts) and keeps them
// however idle; connections above it close after DATABASE_POOL_IDLE_MS. Set before the first
// db() call of this file (the environment is read once, lazily).
process.env.DATABASE_POOL_MIN = "3";
process.env.DATABASE_POOL_IDLE_MS = "1000";

const sessions = async () => {
  const [row] = await db().$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`;
  return row!.n;
};
const databaseName = async () => (await db().$queryRaw<{ name: string }[]>`SELECT current_database() AS name`)[0]!.name;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("warmDbPool", () => {
  it("opens the minimum number of sessions at once, and keeps them while the ones above it close when idle", async () => {
    expect(await warmDbPool()).toBe(3);
    expect(dbPool().totalCount).toBe(3);
    expect(dbPool().idleCount).toBe(3);
    expect(await sessions()).toBe(3); // the count itself runs on one of them: no new session

    // A burst needs more: the pool grows to 6, then closes the three above the minimum.
    await Promise.all(Array.from({ length: 6 }, () => db().$executeRaw`SELECT pg_sleep(0.05)`));
    expect(dbPool().totalCount).toBe(6);
    const deadline = Date.now() + 10_000;
    while (dbPool().totalCount > 3 && Date.now() < deadline) await sleep(100);
    expect(dbPool().totalCount).toBe(3);
    await sleep(1_500); // well past the idle time: the minimum stays open
    expect(dbPool().totalCount).toBe(3);
    expect(await sessions()).toBe(3);
  });
});

describe("an idle session the server ends", () => {
  it("is dropped from the pool without crashing the process, and the next query gets a new one", async () => {
    await warmDbPool();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const before = dbPool().totalCount;
      // What a restart or an administrator does to the app's idle sessions (not this test's own).
      await superuserQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND state = 'idle'`, [await databaseName()]);
      const deadline = Date.now() + 10_000;
      while (dbPool().totalCount >= before && Date.now() < deadline) await sleep(50);
      expect(dbPool().totalCount).toBeLessThan(before);
      expect(logged.mock.calls.flat().join(" ")).toContain("an idle database connection failed and was dropped");
      expect(await db().user.count()).toBeGreaterThanOrEqual(0);
    } finally {
      logged.mockRestore();
    }
  });
});
