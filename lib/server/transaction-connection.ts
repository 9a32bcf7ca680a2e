import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import type { Tx } from "./db";

// Bulk statements (batch intake's lead rows and decision-log rows: megabytes of JSON per chunk)
// cost more in Prisma's raw-query path than in Postgres: it JSON-encodes every parameter, then
// parses it back, before the driver sends it — three walks of a multi-megabyte string. The
// statement itself must still run in the caller's Prisma transaction, so this module finds that
// transaction's pg connection: the pool below notes the first connection checked out inside a
// `withTransactionConnection` scope, which is the one Prisma's pg adapter takes for BEGIN. The
// scope then proves it is the same server session (backend pid) before anyone uses it.
// See docs/decisions/0020-bulk-statements-on-the-transaction-connection.md.

type Slot = { client: pg.PoolClient | null; checked?: { tx: object; query: TBulkQuery | null } };
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
      if (slot && slot.client === null) slot.client = client;
      return client;
    });
  }
}

/** Runs a bulk statement on the connection of the transaction the caller is in. */
export type TBulkQuery = (text: string, values: readonly unknown[]) => Promise<pg.QueryResult>;

/**
 * Runs `work` in a scope where the first connection the pool hands out is noted; `work` starts
 * the Prisma transaction, and `bulkQuery(tx)` then gives a function that runs statements on that
 * transaction's connection — after checking, once, that it is the same backend as `tx`.
 */
export function withTransactionConnection<T>(work: () => Promise<T>): Promise<T> {
  return scope.run({ client: null }, work);
}

/**
 * The bulk query function of the transaction `tx`, or null outside a scope (callers then use
 * Prisma). The proof is made once per transaction; later calls in it get the same answer free,
 * so shared helpers (SLA clocks, their timer jobs) may ask for it whoever calls them.
 */
export async function bulkQuery(tx: { $queryRaw: (query: TemplateStringsArray, ...values: unknown[]) => Promise<unknown> }): Promise<TBulkQuery | null> {
  const slot = scope.getStore();
  if (!slot?.client) return null;
  if (slot.checked?.tx === tx) return slot.checked.query;
  const client = slot.client;
  const [row] = (await tx.$queryRaw`SELECT pg_backend_pid() AS pid`) as { pid: number }[];
  // pg sets processID from the server's BackendKeyData; @types/pg does not declare it.
  const query: TBulkQuery | null = row?.pid === (client as unknown as { processID?: number }).processID ? (text, values) => client.query(text, values as unknown[]) : null;
  slot.checked = { tx, query };
  return query;
}

/** A statement's rows: over the bulk connection when the caller has one, else through Prisma. */
export async function queryRows<T>(tx: Tx, bulk: TBulkQuery | null | undefined, text: string, values: readonly unknown[]): Promise<T[]> {
  return bulk ? ((await bulk(text, values)).rows as T[]) : tx.$queryRawUnsafe<T[]>(text, ...values);
}

/** A statement's row count, the same way. */
export async function executeCount(tx: Tx, bulk: TBulkQuery | null | undefined, text: string, values: readonly unknown[]): Promise<number> {
  return bulk ? ((await bulk(text, values)).rowCount ?? 0) : tx.$executeRawUnsafe(text, ...values);
}
