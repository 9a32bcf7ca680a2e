import { describe, expect, it } from "vitest";
import { db, dbPool } from "@/lib/server/db";
import { appendDecisions, verifyDecisionLog, type TDecisionEntry } from "@/lib/server/decision-log";
import { conflict, DomainError } from "@/lib/server/errors";
import { notify } from "@/lib/server/notifications/notify";
import { TransactionTimeoutError, withPgTransaction } from "@/lib/server/pg-transaction";
import { PgTransaction, sqlRows } from "@/lib/server/transaction-connection";
import { Prisma } from "@/lib/generated/prisma/client";
import { makeUser } from "./fixtures/users";

// Submit and decide run their transaction on a pg client directly (ADR 0025). These tests prove
// it is one transaction with the guarantees of db().$transaction: it commits, any throw rolls it
// back and reaches the caller as thrown, a statement after its end is refused, a timeout rolls it
// back (also while a statement runs, and at once while the app dawdles), and the helpers that
// take a Prisma transaction work on it.

const entry = (n: number): TDecisionEntry => ({
  kind: "policy.published",
  subjectType: "pg-tx-test",
  subjectId: `subject-${n}`,
  input: { n, text: "é \" \\ ünïcode" },
  output: { ok: true },
  reasons: [`reason ${n}`],
});
const logged = (n: number) => db().decisionLog.count({ where: { subjectType: "pg-tx-test", subjectId: `subject-${n}` } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("withPgTransaction", () => {
  it("commits the work's statements as one transaction, and the shared helpers run on it", async () => {
    const user = await makeUser("REP");
    const result = await withPgTransaction(async (tx) => {
      const [a] = await tx.$queryRaw<{ id: string; pid: number }[]>`SELECT txid_current()::text AS id, pg_backend_pid() AS pid`;
      const [b] = await sqlRows<{ id: string; pid: number }>(tx, Prisma.sql`SELECT txid_current()::text AS id, pg_backend_pid() AS pid`);
      expect(b).toEqual(a); // one transaction, one session
      await appendDecisions(tx, [entry(1), entry(2)], { bulk: tx.query });
      await notify(tx, [{ userId: user.id, kind: "approval.update", title: "From a pg transaction" }]);
      // Inside, its own writes are visible to it and not yet to anyone else.
      expect((await tx.$queryRawUnsafe<{ n: number }[]>("SELECT count(*)::int AS n FROM decision_log WHERE subject_type = $1", "pg-tx-test"))[0]!.n).toBe(2);
      expect(await logged(1)).toBe(0);
      return "done";
    }, { timeoutMs: 5_000 });
    expect(result).toBe("done");
    expect(await logged(1)).toBe(1);
    expect(await logged(2)).toBe(1);
    expect(await db().notification.count({ where: { userId: user.id, title: "From a pg transaction" } })).toBe(1);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("rolls back on any throw and hands the caller the thrown error itself", async () => {
    const thrown = conflict("already decided");
    const failure = await withPgTransaction(async (tx) => {
      await appendDecisions(tx, [entry(3)], { bulk: tx.query });
      throw thrown;
    }, { timeoutMs: 5_000 }).catch((e: unknown) => e);
    expect(failure).toBe(thrown);
    expect(failure).toBeInstanceOf(DomainError);
    expect(await logged(3)).toBe(0);

    // A failing statement too: the transaction is aborted, rolled back, and the pg error reaches the caller.
    await expect(withPgTransaction(async (tx) => {
      await appendDecisions(tx, [entry(4)], { bulk: tx.query });
      await tx.$executeRawUnsafe("SELECT 1/0");
    }, { timeoutMs: 5_000 })).rejects.toThrow(/division by zero/);
    expect(await logged(4)).toBe(0);
  });

  it("runs statements sent together (pipelined) in order; one failure fails the transaction, and nothing of it commits", async () => {
    const order = await withPgTransaction(async (tx) => {
      const rows = await Promise.all([1, 2, 3].map((n) => tx.$queryRawUnsafe<{ n: number; at: string }[]>("SELECT $1::int AS n, clock_timestamp()::text AS at", n)));
      return rows.map((r) => r[0]!);
    }, { timeoutMs: 5_000 });
    expect(order.map((r) => r.n)).toEqual([1, 2, 3]);
    expect([...order].sort((a, b) => a.at.localeCompare(b.at)).map((r) => r.n)).toEqual([1, 2, 3]);

    await expect(withPgTransaction(async (tx) => {
      await Promise.all([
        appendDecisions(tx, [entry(10)], { bulk: tx.query }),
        tx.$executeRawUnsafe("SELECT 1/0"),
        appendDecisions(tx, [entry(11)], { bulk: tx.query }),
      ]);
    }, { timeoutMs: 5_000 })).rejects.toThrow(/division by zero/);
    expect([await logged(10), await logged(11)]).toEqual([0, 0]);
  });

  it("refuses a statement sent after the transaction ended, whichever way it ended", async () => {
    const committed = await withPgTransaction(async (tx) => tx, { timeoutMs: 5_000 });
    await expect(committed.$queryRawUnsafe("SELECT 1")).rejects.toThrow(/transaction is over \(committed\)/);
    let rolledBack: PgTransaction | null = null;
    await withPgTransaction(async (tx) => {
      rolledBack = tx;
      throw new Error("fail");
    }, { timeoutMs: 5_000 }).catch(() => {});
    await expect(rolledBack!.query("INSERT INTO decision_log_pending (entry_id, content_hash) VALUES (0, 'x')", [])).rejects.toThrow(/transaction is over \(rolled back\)/);
  });

  it("rolls back at once when the time is up, even while the app still holds on, and refuses what follows", async () => {
    const user = await makeUser("REP");
    const started = Date.now();
    const running = withPgTransaction(async (tx) => {
      await tx.$executeRaw`UPDATE users SET name = 'changed in a timed-out transaction' WHERE id = ${user.id}::uuid`;
      await sleep(1_500); // the app dawdles, holding the row lock
      await tx.$executeRaw`SELECT 1`;
      return "never";
    }, { timeoutMs: 300 });
    // The lock is given up at the deadline, long before the work returns.
    await sleep(100);
    const other = await db().$transaction(async (t) => {
      await t.$executeRawUnsafe("SET LOCAL lock_timeout = '3s'");
      return t.$executeRaw`UPDATE users SET active = active WHERE id = ${user.id}::uuid`;
    });
    expect(other).toBe(1);
    expect(Date.now() - started).toBeLessThan(1_200);
    await expect(running).rejects.toBeInstanceOf(TransactionTimeoutError);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).name).not.toBe("changed in a timed-out transaction");
  });

  it("survives the server ending the session while the app holds the transaction, and hands out a fresh connection after", async () => {
    const user = await makeUser("REP");
    const running = withPgTransaction(async (tx) => {
      const [{ pid }] = (await tx.$queryRawUnsafe<{ pid: number }[]>("SELECT pg_backend_pid() AS pid")) as [{ pid: number }];
      await tx.$executeRaw`UPDATE users SET name = 'changed in a killed session' WHERE id = ${user.id}::uuid`;
      // An administrator (or idle_in_transaction_session_timeout) ends the session between statements:
      // pg then emits 'error' on a client nobody listens to, which would crash the process.
      await db().$queryRawUnsafe("SELECT pg_terminate_backend($1::int)", pid);
      await sleep(200);
      await tx.$executeRaw`SELECT 1`;
    }, { timeoutMs: 5_000 });
    await expect(running).rejects.toThrow();
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).name).not.toBe("changed in a killed session");
    expect(await withPgTransaction(async (tx) => (await tx.$queryRawUnsafe<{ one: number }[]>("SELECT 1 AS one"))[0]!.one, { timeoutMs: 5_000 })).toBe(1);
  });

  it("ends a statement that runs past the time, rolls back and says it timed out", async () => {
    await db().decisionLog.count(); // a connection for the check below
    const started = Date.now();
    await expect(withPgTransaction(async (tx) => {
      await appendDecisions(tx, [entry(5)], { bulk: tx.query });
      await tx.$queryRawUnsafe("SELECT pg_sleep(3)");
    }, { timeoutMs: 400 })).rejects.toBeInstanceOf(TransactionTimeoutError);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(await logged(5)).toBe(0);
  });

  it("sends COMMIT right behind the last statement (last), and a failing last statement commits nothing", async () => {
    const done = await withPgTransaction(async (tx) => {
      await appendDecisions(tx, [entry(6)], { bulk: tx.query });
      const ids = await tx.last(() => appendDecisions(tx, [entry(7)], { bulk: tx.query }));
      expect(tx.commitSent).not.toBeNull();
      // Nothing may follow the last statement: a later one is refused.
      await expect(tx.$queryRawUnsafe("SELECT 1")).rejects.toThrow(/transaction is over \(committed\)/);
      return ids.length;
    }, { timeoutMs: 5_000 });
    expect(done).toBe(1);
    expect([await logged(6), await logged(7)]).toEqual([1, 1]);

    await expect(withPgTransaction(async (tx) => {
      await appendDecisions(tx, [entry(8)], { bulk: tx.query });
      await tx.last(() => tx.$executeRawUnsafe("SELECT 1/0"));
    }, { timeoutMs: 5_000 })).rejects.toThrow(/division by zero/);
    expect(await logged(8)).toBe(0);

    // A work that swallows its last statement's failure is not committed either: COMMIT of an aborted transaction is a ROLLBACK.
    await expect(withPgTransaction(async (tx) => {
      await appendDecisions(tx, [entry(9)], { bulk: tx.query });
      await tx.last(() => tx.$executeRawUnsafe("SELECT 1/0")).catch(() => {});
    }, { timeoutMs: 5_000 })).rejects.toThrow(/not committed \(ROLLBACK\)/);
    expect(await logged(9)).toBe(0);
  });

  it("gives every connection back: more transactions than the pool holds, in parallel, in a row", async () => {
    const pool = dbPool();
    const pids = await Promise.all(Array.from({ length: 3 * (pool.options.max ?? 10) }, (_, i) =>
      withPgTransaction(async (tx) => {
        const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        if (i % 3 === 0) throw new Error(`failure ${i}`);
        return row!.pid;
      }, { timeoutMs: 5_000 }).catch(() => null),
    ));
    expect(pids.filter((p) => p !== null).length).toBe(2 * (pool.options.max ?? 10));
    expect(pool.waitingCount).toBe(0);
    expect(pool.idleCount).toBe(pool.totalCount); // none left checked out
    // And none left inside a transaction.
    const [open] = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`;
    expect(open!.n).toBe(0);
  });
});
