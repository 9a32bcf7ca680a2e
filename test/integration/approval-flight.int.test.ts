// Submit and decide send their writes, their decision-log entry and COMMIT in ONE flight, before
// any of them has answered (ADR 0029). PostgreSQL answers the COMMIT of a transaction that a
// failed statement aborted with "ROLLBACK" and no error, so these tests prove what that design
// rests on: a write that fails in the flight (forced by a test trigger) fails the command and
// leaves nothing behind; a flight whose failure nobody awaited still fails its transaction (the
// COMMIT's command tag is checked); a send that is not synchronous is refused before COMMIT; and
// the commands' transactions really do travel in two socket writes each.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TSessionUser } from "@/lib/server/auth/session-user";
import { decideApprovalStep } from "@/lib/server/commands/exceptions/decide-approval-step";
import { submitExceptionRequest } from "@/lib/server/commands/exceptions/submit-exception-request";
import { appendDecisions, verifyDecisionLog, type TDecisionEntry } from "@/lib/server/decision-log";
import { withPgTransaction } from "@/lib/server/pg-transaction";
import { db, dbPool } from "@/lib/server/db";
import { seedDemo } from "@/prisma/seed";
import { newOpportunity, sessionUser } from "./support/deal-desk";

const WHY = { justification: "Competitive displacement; the customer signs this quarter", impactedKpi: "Win rate", evidenceLinks: [] };
const u: Record<string, TSessionUser> = {};
const entry = (n: number): TDecisionEntry => ({ kind: "policy.published", subjectType: "flight-test", subjectId: `subject-${n}`, input: { n }, output: {}, reasons: [`reason ${n}`] });
const logged = (n: number) => db().decisionLog.count({ where: { subjectType: "flight-test", subjectId: `subject-${n}` } });

/** Everything a submission or decision writes, counted, and the request's steps and status. */
async function footprint(requestId: string | null) {
  const [row] = await db().$queryRaw<{ requests: number; steps: number; notices: number; mails: number; tokens: number; timers: number; entries: number; clocks: number; stopped: number }[]>`
    SELECT (SELECT count(*)::int FROM exception_requests) AS requests, (SELECT count(*)::int FROM approval_steps) AS steps,
           (SELECT count(*)::int FROM notifications) AS notices, (SELECT count(*)::int FROM email_messages) AS mails,
           (SELECT count(*)::int FROM action_tokens) AS tokens, (SELECT count(*)::int FROM pgboss.job WHERE name = 'sla.timer') AS timers,
           (SELECT count(*)::int FROM decision_log) AS entries, (SELECT count(*)::int FROM sla_clocks) AS clocks,
           (SELECT count(*)::int FROM sla_clocks WHERE status = 'STOPPED') AS stopped`;
  const steps = requestId ? await db().approvalStep.findMany({ where: { requestId }, orderBy: [{ stageIndex: "asc" }, { approverRole: "asc" }], select: { status: true, decidedById: true, decisionSeconds: true } }) : [];
  const request = requestId ? await db().exceptionRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true, updatedAt: true } }) : null;
  return { ...row!, steps, request };
}

/** Test only: inserts into `table` fail while test_fail_writes names it. */
const failWritesTo = (table: string) => db().$executeRawUnsafe(`INSERT INTO test_fail_writes (name) VALUES ($1)`, table);
const stopFailing = () => db().$executeRawUnsafe(`DELETE FROM test_fail_writes`);

/**
 * The socket writes of the command's transaction (the connection that sent its BEGIN): with the
 * flight and corkFirst, each write is one wake-up of the server process and one wait for it.
 */
async function transactionWrites<T>(run: () => Promise<T>): Promise<{ result: T; writes: number }> {
  const events: { socket: net.Socket; text: string }[] = [];
  const proto = net.Socket.prototype as unknown as Record<"_write" | "_writev", (...args: unknown[]) => unknown>;
  const original = { _write: proto._write, _writev: proto._writev };
  proto._write = function (this: net.Socket, chunk: unknown, ...rest: unknown[]) {
    events.push({ socket: this, text: Buffer.from(chunk as Buffer).toString("latin1") });
    return original._write.call(this, chunk, ...rest);
  };
  proto._writev = function (this: net.Socket, chunks: unknown, ...rest: unknown[]) {
    events.push({ socket: this, text: (chunks as { chunk: Buffer }[]).map((c) => Buffer.from(c.chunk).toString("latin1")).join("") });
    return original._writev.call(this, chunks, ...rest);
  };
  try {
    const result = await run();
    // From the write that carries BEGIN to the one that carries COMMIT, on that connection.
    const start = events.findIndex((e) => e.text.includes("BEGIN; SET LOCAL"));
    const socket = events[start]!.socket;
    const end = events.findIndex((e, i) => i >= start && e.socket === socket && e.text.includes("COMMIT"));
    return { result, writes: events.slice(start, end + 1).filter((e) => e.socket === socket).length };
  } finally {
    proto._write = original._write;
    proto._writev = original._writev;
  }
}

describe("submit and decide: the writes, the log entry and COMMIT in one flight", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.05, log: () => {} });
    for (const who of ["rep", "manager", "vp"]) u[who] = await sessionUser(`${who}@arbiter.demo`);
    await db().$executeRawUnsafe(`CREATE TABLE test_fail_writes (name text PRIMARY KEY)`);
    await db().$executeRawUnsafe(`CREATE FUNCTION test_fail_write() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF EXISTS (SELECT 1 FROM test_fail_writes WHERE name = TG_TABLE_NAME) THEN RAISE EXCEPTION 'test: writes to % fail', TG_TABLE_NAME; END IF; RETURN NEW; END $$`);
    for (const table of ["email_messages", "sla_clocks", "notifications"]) {
      await db().$executeRawUnsafe(`CREATE TRIGGER test_fail_write BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION test_fail_write()`);
    }
  });
  afterAll(async () => {
    for (const table of ["email_messages", "sla_clocks", "notifications"]) await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_fail_write ON ${table}`);
  });

  it("decide: a write of the flight that fails (the approvers' mails) fails the decision, and nothing of it is kept", async () => {
    const opportunityId = await newOpportunity(u.rep!.id, 40_000);
    const { requestId } = await submitExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY } });
    const before = await footprint(requestId);
    expect(before.steps.map((s) => s.status)).toEqual(["PENDING", "WAITING", "WAITING", "WAITING"]);

    await failWritesTo("email_messages");
    await expect(decideApprovalStep({ actor: u.manager!, input: { requestId, decision: "APPROVE" } })).rejects.toThrow(/test: writes to email_messages fail/);
    expect(await footprint(requestId)).toEqual(before);

    // A failing clock insert (behind the notices) too.
    await stopFailing();
    await failWritesTo("sla_clocks");
    await expect(decideApprovalStep({ actor: u.manager!, input: { requestId, decision: "APPROVE" } })).rejects.toThrow(/test: writes to sla_clocks fail/);
    expect(await footprint(requestId)).toEqual(before);

    await stopFailing();
    await decideApprovalStep({ actor: u.manager!, input: { requestId, decision: "APPROVE" } });
    const after = await footprint(requestId);
    expect(after.steps.map((s) => s.status)).toEqual(["APPROVED", "PENDING", "WAITING", "WAITING"]);
    expect(after.entries).toBe(before.entries + 3); // decided, clock stopped, clock started
    expect(after.stopped).toBe(before.stopped + 1);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("submit: a write of the flight that fails (the notices, the clocks) fails the submission, and nothing of it is kept", async () => {
    const opportunityId = await newOpportunity(u.rep!.id, 40_000);
    const before = await footprint(null);
    for (const table of ["notifications", "sla_clocks"]) {
      await failWritesTo(table);
      await expect(submitExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY } })).rejects.toThrow(new RegExp(`test: writes to ${table} fail`));
      expect(await footprint(null)).toEqual(before);
      await stopFailing();
    }
    const { requestId } = await submitExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY } });
    const after = await footprint(requestId);
    expect(after.requests).toBe(before.requests + 1);
    expect(after.clocks).toBe(before.clocks + 1);
    expect(after.timers).toBe(before.timers + 1);
  });

  it("submit plans from the opportunity as read before its lock only if the locked row is the same: a change committed meanwhile is planned", async () => {
    const opportunityId = await newOpportunity(u.rep!.id, 40_000);
    // Another transaction holds the opportunity's row and changes its price: the submission's
    // planning read sees the old row, its lock waits, and the lock then returns the new one.
    const holder = await dbPool().connect();
    try {
      await holder.query("BEGIN");
      await holder.query("UPDATE opportunities SET list_amount = 50000, amount = 50000 WHERE id = $1", [opportunityId]);
      const submitting = submitExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY } });
      submitting.catch(() => {});
      // Until the submission's lock statement waits behind the holder (its planning read is done then).
      for (let i = 0; i < 200; i++) {
        const [row] = (await dbPool().query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE OF o%'")).rows as { n: number }[];
        if (row!.n > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await holder.query("COMMIT");
      const { requestId } = await submitting;
      const request = await db().exceptionRequest.findUniqueOrThrow({ where: { id: requestId }, select: { details: true } });
      expect((request.details as { deal: { listAmountCents: number; amountCents: number } }).deal).toMatchObject({ listAmountCents: 5_000_000, amountCents: 3_650_000 });
    } finally {
      holder.release();
    }
  });

  it("a flight whose failed statement nobody awaited still fails: COMMIT answered ROLLBACK, and that is an error", async () => {
    await expect(withPgTransaction(async (tx) => {
      const flight = tx.flight(() => ({
        answers: [tx.sendNow("entry", () => appendDecisions(tx, [entry(1)], { bulk: tx.query })), tx.query("SELECT 1/0", []), tx.sendNow("entry", () => appendDecisions(tx, [entry(2)], { bulk: tx.query }))],
      }));
      for (const answer of flight.answers) answer.catch(() => {}); // the work "forgets" its answers
    }, { timeoutMs: 5_000 })).rejects.toThrow(/not committed \(ROLLBACK\)/);
    expect(await logged(1)).toBe(0);
    expect(await logged(2)).toBe(0);

    // The same flight without the failure commits.
    await withPgTransaction(async (tx) => {
      const flight = tx.flight(() => ({ answer: tx.sendNow("entry", () => appendDecisions(tx, [entry(3)], { bulk: tx.query })) }));
      await flight.answer;
    }, { timeoutMs: 5_000 });
    expect(await logged(3)).toBe(1);
  });

  it("refuses a flight whose send waits (COMMIT is not sent, the transaction rolls back), and a statement after the flight", async () => {
    await expect(withPgTransaction(async (tx) => {
      const late = async () => {
        await appendDecisions(tx, [entry(4)], { bulk: tx.query });
        return {};
      };
      tx.flight(late as unknown as () => object);
    }, { timeoutMs: 5_000 })).rejects.toThrow(/must be sent synchronously/);
    expect(await logged(4)).toBe(0);

    await expect(withPgTransaction(async (tx) => {
      tx.flight(() => ({ nothing: tx.sendNow("a helper that waits first", async () => {
        await Promise.resolve();
        return appendDecisions(tx, [entry(5)], { bulk: tx.query });
      }) }));
    }, { timeoutMs: 5_000 })).rejects.toThrow(/was not sent at once/);
    expect(await logged(5)).toBe(0);

    await expect(withPgTransaction(async (tx) => {
      const flight = tx.flight(() => ({ answer: tx.sendNow("entry", () => appendDecisions(tx, [entry(6)], { bulk: tx.query })) }));
      await flight.answer;
      await appendDecisions(tx, [entry(7)], { bulk: tx.query });
    }, { timeoutMs: 5_000 })).rejects.toThrow(/transaction is over \(committed\)/);
    // The flight committed before the late statement was refused: that is why every statement
    // of the flight must be sent inside it (the refusal is the guard, the flight's type the rule).
    expect(await logged(6)).toBe(1);
    expect(await logged(7)).toBe(0);
  });

  it("submit and decide each take two socket writes on their connection (BEGIN, the lock and the read behind it; the flight)", async () => {
    const opportunityId = await newOpportunity(u.rep!.id, 40_000);
    // (The tests above warmed what is read once per process: the SLA policy's body, the timer queue.)
    const submit = await transactionWrites(() => submitExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY } }));
    expect(submit.writes).toBe(2); // BEGIN, the lock and the request check; the flight
    const decide = await transactionWrites(() => decideApprovalStep({ actor: u.manager!, input: { requestId: submit.result.requestId, decision: "APPROVE" } }));
    expect(decide.writes).toBe(2);
    expect(decide.result).toMatchObject({ stepStatus: "APPROVED", requestStatus: "PENDING" });
    const final = await transactionWrites(() => decideApprovalStep({ actor: u.vp!, input: { requestId: submit.result.requestId, decision: "APPROVE" } }));
    expect(final.writes).toBe(2);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });
});
