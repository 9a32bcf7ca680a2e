import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import { Prisma } from "@/lib/generated/prisma/client";
import { env } from "./env";
import { sharedStatementNames } from "./prepared-statements";

// Statements that run on the Prisma transaction's own pg connection instead of Prisma's
// raw-query path. Batch intake's bulk statements (megabytes of JSON per chunk) cost more there
// than in Postgres: Prisma JSON-encodes every parameter, then parses it back, before the driver
// sends it. The approval commands' small statements pay Prisma's fixed cost per statement
// instead (parameter mapping, its query interpreter, result mapping): about 0.18 ms more Node
// CPU per statement than pg alone, on the one thread that bounds their throughput (ADR 0024).
//
// A statement must still run in the caller's Prisma transaction, so this module finds that
// transaction's pg connection: the pool below notes the first connection checked out inside a
// `withTransactionConnection` scope, which is the one Prisma's pg adapter takes for BEGIN. Before
// anyone uses it, the scope proves it is the same server session (backend pid) — either with a
// statement of its own (bulkQuery), or from a pid the command's first statement through Prisma
// returned anyway (proveTransactionConnection: no extra round trip). Once the transaction ends
// (Prisma releases the connection), the query function refuses to run.
// See docs/decisions/0020-bulk-statements-on-the-transaction-connection.md and 0024.

type Slot = { client: pg.PoolClient | null; released: boolean; checked?: { tx: object; query: TBulkQuery | null } };
const scope = new AsyncLocalStorage<Slot>();

export class TransactionAwarePool extends pg.Pool {
  // pg's connect() also takes a callback; only the promise form (the one Prisma's adapter uses)
  // is noted, the callback form passes through untouched.
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): Promise<pg.PoolClient> | void {
    if (callback) return super.connect(callback);
    const slot = scope.getStore();
    return super.connect().then((client) => {
      if (slot && slot.client === null) {
        slot.client = client;
        // The pool gives each checkout its own release function; this one marks the end of the
        // transaction, so a statement sent after it (a Prisma timeout rolled back while the
        // command still ran) cannot land in whatever transaction the connection serves next.
        const release = client.release;
        client.release = (err?: Error | boolean) => {
          slot.released = true;
          return release.call(client, err);
        };
      }
      return client;
    });
  }
}

/** Runs a statement on the connection of the transaction the caller is in. */
export type TBulkQuery = (text: string, values: readonly unknown[]) => Promise<pg.QueryResult>;

/**
 * What the shared command helpers (notify, the SLA clocks, the archive figures, the decision
 * log …) need of a transaction: raw statements. A Prisma transaction satisfies it, and so does a
 * PgTransaction (pg-transaction.ts), so the same helpers serve both.
 */
export type TSqlTx = {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<T>;
  $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): PromiseLike<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
};

/**
 * A transaction run on a pg client directly (withPgTransaction, pg-transaction.ts): its raw
 * methods send statements on that client, named like the adapter's (ADR 0021), and refuse once
 * the transaction is over (committed, rolled back or timed out), so a late statement can never
 * land in whatever the connection serves next. Results are pg's types (numeric and bigint as
 * strings). ADR 0025.
 */
export class PgTransaction implements TSqlTx {
  #closed: string | null = null;
  #begin: Promise<unknown> | null;
  #commitNext = false;
  #commit: Promise<pg.QueryResult> | null = null;
  #sent = 0;
  readonly #client: pg.PoolClient;
  readonly query: TBulkQuery;

  /**
   * `begin`: the BEGIN still on its way (pipelined: the first statements are sent behind it
   * without waiting for its answer). Until it has answered, a statement's result is handed out
   * only together with BEGIN's success, so no caller ever goes on from a statement that ran
   * outside the transaction.
   */
  constructor(client: pg.PoolClient, begin: Promise<unknown> | null = null) {
    const naming = env().DATABASE_PREPARED_STATEMENTS === "on";
    this.#client = client;
    this.#begin = begin;
    begin?.then(() => (this.#begin = null), () => {});
    this.query = (text, values) => {
      if (this.#closed !== null) return Promise.reject(new Error(`This transaction is over (${this.#closed}); the statement was not sent.`));
      const name = naming ? sharedStatementNames({ sql: text }) : "";
      const sent = client.query(name ? { name, text, values: values as unknown[] } : { text, values: values as unknown[] });
      this.#sent++;
      if (this.#commitNext) {
        // The transaction's last statement: COMMIT follows it on the wire (pipelined). If the
        // statement fails, the transaction is aborted and PostgreSQL answers COMMIT with ROLLBACK.
        this.#commitNext = false;
        this.#closed = "committed";
        this.#commit = client.query("COMMIT");
        this.#commit.catch(() => {}); // observed by withPgTransaction
      }
      return this.#begin ? Promise.all([this.#begin, sent]).then(([, result]) => result) : sent;
    };
  }

  /**
   * Runs `final`, whose next statement is the transaction's LAST: COMMIT is sent right behind it,
   * without waiting for its answer (one round trip less). Nothing that can fail may follow it
   * in the work: the transaction is committed once that statement succeeds. withPgTransaction
   * then waits for that COMMIT instead of sending one.
   */
  async last<T>(final: () => Promise<T>): Promise<T> {
    this.#commitNext = true;
    try {
      return await final();
    } finally {
      this.#commitNext = false;
    }
  }

  /**
   * Sends the transaction's last statements and COMMIT in ONE flight (ADR 0029): `send` must
   * send every statement it means to synchronously — it may not wait for anything, so it is a
   * plain function whose result is not a promise (a thenable result is refused, and COMMIT is
   * then not sent: the work fails and rolls back). COMMIT is sent right behind them, and the
   * whole flight leaves in one socket write (corked): one wake-up of the server process. What
   * `send` returns (its statements' answers, as promises) is handed back; the caller awaits them.
   *
   * Nothing the app checks from an answer may decide whether the transaction should commit: it
   * is committed once every statement of the flight succeeded. A write that must not be kept
   * when it misses makes its statement FAIL (arbiter_check in SQL): the transaction is then
   * aborted and PostgreSQL answers COMMIT with ROLLBACK, which withPgTransaction turns into an
   * error (its command tag is checked).
   */
  flight<T extends object>(send: () => T & { then?: never }): T {
    if (this.#closed !== null) throw new Error(`This transaction is over (${this.#closed}); the flight was not sent.`);
    if (this.#commitNext) throw new Error("A flight cannot start inside last().");
    const stream = (this.#client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream;
    stream?.cork?.();
    try {
      const result = send();
      if (result !== null && typeof result === "object" && typeof (result as { then?: unknown }).then === "function") {
        throw new Error("A flight's statements must be sent synchronously: its send function returned a promise, so COMMIT was not sent.");
      }
      this.#closed = "committed";
      this.#commit = this.#client.query("COMMIT");
      this.#commit.catch(() => {}); // observed by withPgTransaction
      return result;
    } finally {
      stream?.uncork?.();
    }
  }

  /** How many statements this transaction has sent so far (a flight's helpers check theirs went out at once). */
  get sentCount(): number {
    return this.#sent;
  }

  /**
   * Runs `send`, which must send at least one statement before it returns (it may be an async
   * function whose statement goes out before its first await: appendDecisions, pg-boss's insert),
   * and returns its promise. Throws if nothing was sent synchronously: inside a flight, a statement
   * sent later would come after COMMIT.
   */
  sendNow<T>(what: string, send: () => Promise<T>): Promise<T> {
    const before = this.#sent;
    const answer = send();
    if (this.#sent === before) {
      answer.catch(() => {});
      throw new Error(`${what}: its statement was not sent at once, so it cannot ride in the transaction's last flight.`);
    }
    return answer;
  }

  /** The COMMIT sent behind the last statement (last()), if it was sent. */
  get commitSent(): Promise<pg.QueryResult> | null {
    return this.#commit;
  }

  /** Ends the transaction for its statements: every later one is refused with `why`. */
  close(why: string): void {
    this.#closed ??= why;
  }

  get closed(): string | null {
    return this.#closed;
  }

  async $queryRaw<T = unknown>(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<T> {
    const sql = toSql(query, values);
    return (await this.query(sql.text, sql.values)).rows as T;
  }

  async $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number> {
    const sql = toSql(query, values);
    return (await this.query(sql.text, sql.values)).rowCount ?? 0;
  }

  async $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> {
    return (await this.query(query, values)).rows as T;
  }

  async $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> {
    return (await this.query(query, values)).rowCount ?? 0;
  }
}

/**
 * Awaits a flight's answers in the order their statements were sent, so the error reported is
 * the statement that failed first — the cause: every later one then fails only because the
 * transaction is aborted (Promise.all would report whichever rejection settled first).
 */
export async function answersInOrder(answers: readonly Promise<unknown>[]): Promise<void> {
  for (const answer of answers) answer.catch(() => {}); // each is awaited below, or its transaction already failed
  for (const answer of answers) await answer;
}

const toSql = (query: TemplateStringsArray | Prisma.Sql, values: unknown[]): Prisma.Sql =>
  Array.isArray(query) ? Prisma.sql(query as TemplateStringsArray, ...(values as Prisma.Sql[])) : (query as Prisma.Sql);

/**
 * Runs `work` in a scope where the first connection the pool hands out is noted; `work` starts
 * the Prisma transaction, and `bulkQuery(tx)` then gives a function that runs statements on that
 * transaction's connection — after checking, once, that it is the same backend as `tx`.
 */
export function withTransactionConnection<T>(work: () => Promise<T>): Promise<T> {
  return scope.run({ client: null, released: false }, work);
}

// pg sets processID from the server's BackendKeyData; @types/pg does not declare it.
const processId = (client: pg.PoolClient) => (client as unknown as { processID?: number }).processID;

function queryOn(slot: Slot, client: pg.PoolClient): TBulkQuery {
  // Named like Prisma's own statements (ADR 0021): PostgreSQL parses and plans a hot text once per connection.
  const naming = env().DATABASE_PREPARED_STATEMENTS === "on";
  return (text, values) => {
    if (slot.released) return Promise.reject(new Error("The transaction this statement belongs to is over; it was not sent."));
    const name = naming ? sharedStatementNames({ sql: text }) : "";
    return client.query(name ? { name, text, values: values as unknown[] } : { text, values: values as unknown[] });
  };
}

/**
 * The bulk query function of the transaction `tx`, or null outside a scope (callers then use
 * Prisma). The proof is made once per transaction; later calls in it get the same answer free,
 * so shared helpers (SLA clocks, their timer jobs) may ask for it whoever calls them.
 */
export async function bulkQuery(tx: { $queryRaw: (query: TemplateStringsArray, ...values: unknown[]) => PromiseLike<unknown> }): Promise<TBulkQuery | null> {
  if (tx instanceof PgTransaction) return tx.query;
  const slot = scope.getStore();
  if (!slot?.client) return null;
  if (slot.checked?.tx === tx) return slot.checked.query;
  const [row] = (await tx.$queryRaw`SELECT pg_backend_pid() AS pid`) as { pid: number }[];
  return proveTransactionConnection(tx, row?.pid);
}

/**
 * A column for the first statement a command runs through `tx`: the session that ran it. Passed
 * to proveTransactionConnection, it proves the noted connection without a round trip of its own.
 */
export const BACKEND_PID_COLUMN = "pg_backend_pid() AS backend_pid";

/**
 * Proves from `pid` — pg_backend_pid() as a statement run through `tx` returned it — whether the
 * connection noted in this scope is `tx`'s own session, and remembers the answer for `tx` (so
 * bulkQuery(tx) then answers without a round trip). Null outside a scope, when nothing was noted,
 * or when the pid is another session's: callers then stay on Prisma.
 */
export function proveTransactionConnection(tx: object, pid: number | null | undefined): TBulkQuery | null {
  if (tx instanceof PgTransaction) return tx.query;
  const slot = scope.getStore();
  if (!slot?.client) return null;
  if (slot.checked?.tx === tx) return slot.checked.query;
  const client = slot.client;
  const query = typeof pid === "number" && pid === processId(client) && !slot.released ? queryOn(slot, client) : null;
  slot.checked = { tx, query };
  return query;
}

/**
 * The query function of `tx` if this scope has already proven its connection (by either way),
 * else null — never a round trip: for statements that would rather stay on Prisma than pay one.
 */
export function provenQuery(tx: object): TBulkQuery | null {
  if (tx instanceof PgTransaction) return tx.query;
  const checked = scope.getStore()?.checked;
  return checked?.tx === tx ? checked.query : null;
}

/** A statement's rows: over the bulk connection when the caller has one, else through Prisma. */
export async function queryRows<T>(tx: Pick<TSqlTx, "$queryRawUnsafe">, bulk: TBulkQuery | null | undefined, text: string, values: readonly unknown[]): Promise<T[]> {
  return bulk ? ((await bulk(text, values)).rows as T[]) : tx.$queryRawUnsafe<T[]>(text, ...values);
}

/** A statement's row count, the same way. */
export async function executeCount(tx: Pick<TSqlTx, "$executeRawUnsafe">, bulk: TBulkQuery | null | undefined, text: string, values: readonly unknown[]): Promise<number> {
  return bulk ? ((await bulk(text, values)).rowCount ?? 0) : tx.$executeRawUnsafe(text, ...values);
}

/**
 * A Prisma.sql statement's rows, on the transaction's connection when the scope has proven it
 * (provenQuery), else through Prisma. Result types are then pg's: numeric and bigint come back
 * as strings (Prisma: Decimal, BigInt), so only statements without such columns belong here.
 */
export async function sqlRows<T>(tx: Pick<TSqlTx, "$queryRaw">, sql: Prisma.Sql): Promise<T[]> {
  const bulk = provenQuery(tx);
  return bulk ? ((await bulk(sql.text, sql.values)).rows as T[]) : tx.$queryRaw<T[]>(sql);
}

/** A Prisma.sql statement's row count, the same way. */
export async function sqlCount(tx: Pick<TSqlTx, "$executeRaw">, sql: Prisma.Sql): Promise<number> {
  const bulk = provenQuery(tx);
  return bulk ? ((await bulk(sql.text, sql.values)).rowCount ?? 0) : tx.$executeRaw(sql);
}
