import { describe, expect, it } from "vitest";
import { db, dbPool, warmDbPool } from "@/lib/server/db";

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
