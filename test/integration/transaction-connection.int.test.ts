import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { appendDecisions, verifyDecisionLog, type TDecisionEntry } from "@/lib/server/decision-log";
import { BACKEND_PID_COLUMN, bulkQuery, proveTransactionConnection, provenQuery, withTransactionConnection } from "@/lib/server/transaction-connection";

// Bulk statements run on the Prisma transaction's own connection (ADR 0020): these tests prove
// it is that transaction — its writes are visible to it, commit with it and roll back with it —
// and that without the scope nobody gets a connection.

const entry = (n: number): TDecisionEntry => ({
  kind: "policy.published",
  subjectType: "bulk-test",
  subjectId: `subject-${n}`,
  input: { n, text: "é \" \\ ünïcode" },
  output: { ok: true },
  reasons: [`reason ${n}`],
});

describe("bulk statements on the transaction's connection", () => {
  it("run inside the caller's transaction and commit with it", async () => {
    const seen = await withTransactionConnection(() =>
      db().$transaction(async (tx) => {
        const bulk = await bulkQuery(tx);
        expect(bulk).not.toBeNull();
        const viaBulk = await bulk!("SELECT txid_current()::text AS id", []);
        const [viaPrisma] = await tx.$queryRaw<{ id: string }[]>`SELECT txid_current()::text AS id`;
        expect(viaBulk.rows[0].id).toBe(viaPrisma!.id);
        await appendDecisions(tx, [entry(1), entry(2)], { bulk });
        return tx.decisionLog.count({ where: { subjectType: "bulk-test" } });
      }),
    );
    expect(seen).toBe(2);
    expect(await db().decisionLog.count({ where: { subjectType: "bulk-test" } })).toBe(2);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("roll back with the transaction", async () => {
    const before = await db().decisionLog.count();
    await expect(
      withTransactionConnection(() =>
        db().$transaction(async (tx) => {
          await appendDecisions(tx, [entry(3)], { bulk: await bulkQuery(tx) });
          throw new Error("the command failed after logging");
        }),
      ),
    ).rejects.toThrow(/failed after logging/);
    expect(await db().decisionLog.count()).toBe(before);
  });

  it("are refused outside the scope: the caller falls back to Prisma", async () => {
    await db().$transaction(async (tx) => expect(await bulkQuery(tx)).toBeNull());
  });

  it("keep each of many concurrent transactions on its own connection", async () => {
    const pids = await Promise.all(
      Array.from({ length: 8 }, () =>
        withTransactionConnection(() =>
          db().$transaction(async (tx) => {
            const bulk = await bulkQuery(tx);
            const [own] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
            const viaBulk = await bulk!("SELECT pg_backend_pid() AS pid", []);
            await appendDecisions(tx, [entry(10)], { bulk });
            return [own!.pid, viaBulk.rows[0].pid as number];
          }),
        ),
      ),
    );
    for (const [own, viaBulk] of pids) expect(viaBulk).toBe(own);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("are proven by a pid the transaction's own statement returned, with no statement of their own", async () => {
    const result = await withTransactionConnection(() =>
      db().$transaction(async (tx) => {
        expect(provenQuery(tx)).toBeNull(); // nothing proven yet, and provenQuery never asks
        const [row] = await tx.$queryRawUnsafe<{ id: string; backend_pid: number }[]>(`SELECT txid_current()::text AS id, ${BACKEND_PID_COLUMN}`);
        const query = proveTransactionConnection(tx, row!.backend_pid);
        expect(query).not.toBeNull();
        // Later askers get the same function without a round trip.
        expect(provenQuery(tx)).toBe(query);
        expect(await bulkQuery(tx)).toBe(query);
        const viaBulk = await query!("SELECT txid_current()::text AS id", []);
        expect(viaBulk.rows[0].id).toBe(row!.id);
        await appendDecisions(tx, [entry(20)], { bulk: query });
        return query!;
      }),
    );
    // Once the transaction is over, its connection is back in the pool: nothing more is sent on it.
    await expect(result("SELECT 1", [])).rejects.toThrow(/transaction this statement belongs to is over/);
    expect(await db().decisionLog.count({ where: { subjectType: "bulk-test", subjectId: "subject-20" } })).toBe(1);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("are refused for a pid that is not the noted connection's, and the answer is kept", async () => {
    await withTransactionConnection(() =>
      db().$transaction(async (tx) => {
        const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        expect(proveTransactionConnection(tx, row!.pid + 1)).toBeNull();
        expect(await bulkQuery(tx)).toBeNull();
        expect(proveTransactionConnection(tx, row!.pid)).toBeNull(); // decided once per transaction
      }),
    );
    await db().$transaction(async (tx) => expect(proveTransactionConnection(tx, 1)).toBeNull()); // no scope
  });
});
