import "server-only";
import type pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";
import { dbPool } from "./db";
import { env } from "./env";
import { sharedStatementNames } from "./prepared-statements";
import { PgTransaction } from "./transaction-connection";

// A transaction on a pg client of db()'s own pool, without Prisma's interactive-transaction
// machinery: BEGIN, the work's statements, COMMIT (or ROLLBACK), release. For the hottest
// commands (submit and decide an exception request), whose Node CPU bounds their throughput:
// Prisma's $transaction cost about 0.6 ms per command and its raw-query path about 0.2 ms more
// per statement than pg alone (ADR 0024, ADR 0025). The work gets a PgTransaction, which the
// shared helpers take as they take a Prisma transaction (TSqlTx: raw statements only).
//
// The guarantees of db().$transaction are kept:
// - one transaction: every statement of the work runs on the one client, between BEGIN and
//   COMMIT; a statement sent after the end is refused, never run outside it;
// - any throw rolls back, and the caller gets the work's own error (DomainError, Refusal …);
// - a connection is waited for at most DATABASE_POOL_ACQUIRE_MS (the pool's own limit);
// - `timeoutMs` bounds the transaction: when it passes, the transaction is rolled back at once
//   (queued behind a statement still running, as Prisma does), later statements are refused and
//   the caller gets a timeout error; the server bounds what the app cannot — statement_timeout
//   ends a statement that runs (or waits for a lock) that long, and
//   idle_in_transaction_session_timeout ends the session of an app that stopped talking to it
//   with its locks held. Both are SET LOCAL: they end with the transaction.

export class TransactionTimeoutError extends Error {
  constructor(ms: number) {
    super(`The transaction did not finish within ${ms} ms and was rolled back.`);
    this.name = "TransactionTimeoutError";
  }
}

export async function withPgTransaction<T>(work: (tx: PgTransaction) => Promise<T>, options: { timeoutMs: number; genericPlans?: boolean; corkFirst?: boolean }): Promise<T> {
  const ms = Math.max(1, Math.round(options.timeoutMs));
  const client = await dbPool().connect();
  // pg's pipeline mode (8.23), for this checkout only: statements are sent without waiting for
  // the previous one's answer, so BEGIN travels with the first statement — one round trip, one
  // wake-up of the server process less per transaction. Errors stay per statement (pg sends a
  // Sync after each), and in a transaction a failed statement aborts it, so nothing after it
  // can take effect. The pool gets the client back with the mode off (release).
  const pipelined = client as unknown as { pipeline: boolean };
  pipelined.pipeline = true;
  // A checked-out client has no 'error' listener (the pool removes its idle one), and the server
  // may end the session between statements (idle_in_transaction_session_timeout below, an
  // administrator): unheard, that error would crash the process. Noted here, it makes the
  // release destroy the client.
  let sessionError: Error | undefined;
  const onSessionError = (error: Error) => {
    sessionError = error;
  };
  client.on("error", onSessionError);
  // The one release of the client, after its last statement (COMMIT or ROLLBACK) answered; a
  // client whose session failed is destroyed instead of going back to the pool.
  let released = false;
  const release = (broken?: Error) => {
    if (released) return;
    released = true;
    pipelined.pipeline = false;
    client.off("error", onSessionError);
    client.release(broken ?? sessionError);
  };
  let ending: Promise<void> | null = null;
  const rollback = (why: string): Promise<void> => {
    tx.close(why);
    ending ??= client.query("ROLLBACK").then(
      () => release(),
      (error: Error) => release(error),
    );
    return ending;
  };
  let timedOut = false;
  const started = Date.now();
  const timer = setTimeout(() => {
    if (tx.commitSent) return; // too late: COMMIT is on its way
    timedOut = true;
    void rollback("timed out");
  }, ms);
  // A simple query may hold several statements. Not awaited here: the work's first statements
  // follow it on the wire, and hand out their results only once it succeeded (PgTransaction).
  // genericPlans: the transaction's named statements run on the plan PostgreSQL made for them once
  // per connection, instead of planning again with each call's values (see the option's callers).
  const plans = options.genericPlans ? "; SET LOCAL plan_cache_mode = force_generic_plan" : "";
  // corkFirst: BEGIN and the statements the work sends before its first wait leave in one socket
  // write (one wake-up of the server process instead of one per statement, ADR 0029).
  const stream = options.corkFirst ? (client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream : undefined;
  stream?.cork?.();
  const begin = client.query(`BEGIN; SET LOCAL statement_timeout = ${ms}; SET LOCAL idle_in_transaction_session_timeout = ${ms}${plans}`);
  begin.catch(() => {}); // observed below, or by the statements that ride behind it
  const tx = new PgTransaction(client, begin);
  let result: T;
  try {
    let working: Promise<T>;
    try {
      working = work(tx);
    } finally {
      stream?.uncork?.();
    }
    result = await working;
    await begin; // its failure, if no statement of the work reported it
  } catch (error) {
    clearTimeout(timer);
    if (tx.commitSent && (await tx.commitSent.then((r) => r.command === "COMMIT", () => false))) {
      // last() promised nothing could fail after its statement: the transaction is committed.
      console.error("[arbiter] a transaction committed, then its work threw (see PgTransaction.last)", error);
    }
    await rollback("rolled back");
    // After the deadline the work's failure is the refused statement, or the one statement_timeout
    // ended (its clock starts after ours, so it ends after our deadline): say why.
    throw timedOut || Date.now() - started >= ms ? new TransactionTimeoutError(ms) : error;
  }
  clearTimeout(timer);
  if (timedOut) {
    await ending;
    throw new TransactionTimeoutError(ms);
  }
  tx.close("committed");
  try {
    const committed = await (tx.commitSent ?? client.query("COMMIT"));
    // COMMIT of an aborted transaction (a statement failed and the work went on) is a ROLLBACK.
    if (committed.command !== "COMMIT") throw new Error(`The transaction was not committed (${committed.command}): one of its statements failed.`);
  } catch (error) {
    // A failed COMMIT ends the transaction (the server rolled it back) or the session.
    release(isSessionError(error) ? (error as Error) : undefined);
    throw error;
  }
  release();
  return result;
}

/**
 * One statement on a connection of db()'s pool, outside any transaction, through pg rather than
 * Prisma's raw-query path (about 0.2 ms less Node CPU, ADR 0024): for the hot commands' reads
 * before their transaction. Results are pg's types (numeric and bigint as strings).
 */
export async function pgRows<T>(sql: Prisma.Sql): Promise<T[]> {
  const name = env().DATABASE_PREPARED_STATEMENTS === "on" ? sharedStatementNames({ sql: sql.text }) : "";
  const values = sql.values as unknown[];
  return (await dbPool().query(name ? { name, text: sql.text, values } : { text: sql.text, values })).rows as T[];
}

/** Errors after which the session cannot be trusted again (lost connection, terminated backend). */
function isSessionError(error: unknown): boolean {
  const code = (error as pg.DatabaseError | undefined)?.code;
  return typeof code !== "string" || code.startsWith("57P") || code.startsWith("08");
}
