import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "./env";
import { preparedStatementNames } from "./prepared-statements";
import { TransactionAwarePool } from "./transaction-connection";

// One lazily created client per process: `next build` imports routes with no database,
// and dev hot-reload must not open a new pool on every edit.
const globalForDb = globalThis as unknown as { arbiterPrisma?: PrismaClient; arbiterPool?: TransactionAwarePool };

export function db(): PrismaClient {
  if (!globalForDb.arbiterPrisma) {
    const e = env();
    const pool = new TransactionAwarePool({
      connectionString: e.DATABASE_URL,
      max: e.DATABASE_POOL_MAX,
      // DATABASE_POOL_MIN sessions are opened at server start (warmDbPool) and kept however idle,
      // with their prepared statements. pg's default closed every connection after 10 s idle, so
      // each burst after a pause paid for new sessions (a server process, authentication, catalog
      // caches): the slowest commands of the approvals benchmark were the first on new sessions.
      min: e.DATABASE_POOL_MIN,
      idleTimeoutMillis: e.DATABASE_POOL_IDLE_MS,
      // Idle sessions do not keep a process alive (scripts, the CLI): a server has its own handles.
      allowExitOnIdle: true,
      // pg's pool waits forever by default; fail instead so an exhausted pool is visible.
      connectionTimeoutMillis: e.DATABASE_POOL_ACQUIRE_MS,
    });
    // An idle session the server ended (a restart, an administrator) is an 'error' on the pool;
    // unheard, it would crash the process. Prisma's adapter listens only once it first connects,
    // and the sessions warmDbPool opens at start may be idle before that. The pool drops the
    // broken client and opens a new one when asked.
    pool.on("error", (error) => console.error("[db] an idle database connection failed and was dropped:", error.message));
    // The adapter ends the pool it was given when the client disconnects, as it ends its own.
    // Hot statements are prepared once per connection (prepared-statements.ts says why and how bounded).
    const adapter = new PrismaPg(pool, { disposeExternalPool: true, ...(e.DATABASE_PREPARED_STATEMENTS === "on" ? { statementNameGenerator: preparedStatementNames() } : {}) });
    globalForDb.arbiterPrisma = new PrismaClient({ adapter });
    globalForDb.arbiterPool = pool;
  }
  return globalForDb.arbiterPrisma;
}

/** The pg pool under db()'s adapter: for transactions run on a pg client directly (pg-transaction.ts, ADR 0025). */
export function dbPool(): TransactionAwarePool {
  db();
  return globalForDb.arbiterPool!;
}

/**
 * Opens the pool's DATABASE_POOL_MIN connections now (server start, instrumentation.ts) rather
 * than on the first requests, which would otherwise each wait for a new session (a server
 * process started and authenticated) and, on a busy machine, for one another's.
 */
export async function warmDbPool(): Promise<number> {
  const pool = dbPool();
  const clients = await Promise.all(Array.from({ length: env().DATABASE_POOL_MIN }, () => pool.connect()));
  try {
    // A new session loads what it knows of a table (columns, types, indexes) the first time a
    // statement touches it. Touching every table of the app once, now, spares the first
    // requests on each session that work.
    const [first] = clients;
    if (!first) return 0;
    const { rows } = await first.query<{ name: string }>(`SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = current_schema()`);
    const touchAll = rows.map((r) => `SELECT * FROM ${r.name} LIMIT 0`).join(";\n");
    await Promise.all(clients.map((client) => client.query(touchAll || "SELECT 1")));
  } finally {
    for (const client of clients) client.release();
  }
  return clients.length;
}

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
