// Applies prisma/migrations with plain `pg`, because the Prisma CLI's native schema engine
// cannot be downloaded here. It keeps Prisma's own bookkeeping (`_prisma_migrations`, same
// checksum and columns, same advisory lock key), so `prisma migrate deploy` on a connected
// machine sees the same history. See docs/decisions/0002-migrations-offline.md.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { checksumMatches, defaultMigrationsDir, readMigrations, type MigrationFile } from "./migration-files";

/** The key Prisma's schema engine locks with, so our runs and `prisma migrate deploy` serialise too. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;
const LOCK_WAIT_MS = 120_000;

// Prisma's DDL for its history table (Postgres connector), so both tools share it.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

export class MigrationError extends Error {
  override name = "MigrationError";
}

async function acquireLock(client: pg.Client, log: (m: string) => void): Promise<void> {
  const until = Date.now() + LOCK_WAIT_MS;
  let told = false;
  for (;;) {
    const { rows } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [PRISMA_ADVISORY_LOCK_KEY]);
    if (rows[0]?.ok) return;
    if (Date.now() > until) {
      throw new MigrationError(`Another process has held the migration lock for ${LOCK_WAIT_MS / 1000}s; giving up.`);
    }
    if (!told) log("another process is applying migrations; waiting for it");
    told = true;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Where in the file a Postgres error points, as "line N", when it says. */
function errorLocation(sql: string, error: unknown): string {
  const position = Number((error as { position?: string }).position);
  if (!Number.isInteger(position) || position <= 0) return "";
  return ` (line ${sql.slice(0, position - 1).split("\n").length})`;
}

function checkHistory(applied: AppliedRow[], local: MigrationFile[], log: (m: string) => void): void {
  const failed = applied.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed.length > 0) {
    throw new MigrationError(
      `Migration(s) ${failed.map((r) => r.migration_name).join(", ")} failed earlier and were never resolved. ` +
        `Fix the database by hand, then mark them rolled back (UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ...).`,
    );
  }
  const byName = new Map(local.map((m) => [m.name, m]));
  for (const row of applied) {
    if (row.rolled_back_at !== null) continue;
    const file = byName.get(row.migration_name);
    if (!file) {
      log(`warning: ${row.migration_name} is applied in the database but missing from the migrations folder`);
      continue;
    }
    if (!checksumMatches(file.sql, row.checksum)) {
      throw new MigrationError(
        `Migration ${row.migration_name} was edited after it was applied (checksum ${row.checksum.slice(0, 12)}… in the database, ` +
          `${file.checksum.slice(0, 12)}… on disk). Applied migrations are immutable: restore the file and write a new migration instead.`,
      );
    }
  }
}

async function applyOne(client: pg.Client, m: MigrationFile): Promise<void> {
  await client.query("BEGIN");
  try {
    const id = randomUUID();
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, clock_timestamp(), 0)`,
      [id, m.checksum, m.name],
    );
    // Simple-query protocol: the whole file (many statements, $$-quoted bodies) in one go.
    await client.query(m.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (e) {
    await client.query("ROLLBACK").catch(() => {});
    const message = e instanceof Error ? e.message : String(e);
    throw new MigrationError(`Migration ${m.name} failed${errorLocation(m.sql, e)}: ${message}. Nothing of it was applied.`);
  }
}

/**
 * Applies, in order and each in its own transaction, every migration not yet recorded in
 * `_prisma_migrations`. Refuses when an applied migration's file changed. Safe to call
 * from several processes at once: they serialise on Prisma's advisory lock.
 */
export async function applyMigrations(
  databaseUrl: string,
  opts: { log?: (m: string) => void; migrationsDir?: string } = {},
): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const local = readMigrations(opts.migrationsDir ?? defaultMigrationsDir());
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "arbiter-migrate" });
  await client.connect();
  const applied: string[] = [];
  try {
    // Keep NOTICEs (e.g. "relation already exists, skipping") out of the output.
    await client.query("SET client_min_messages = warning");
    await acquireLock(client, log);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows } = await client.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`,
      );
      checkHistory(rows, local, log);
      const done = new Set(rows.filter((r) => r.rolled_back_at === null).map((r) => r.migration_name));
      for (const m of local) {
        if (done.has(m.name)) continue;
        const t0 = Date.now();
        await applyOne(client, m);
        applied.push(m.name);
        log(`applied ${m.name} (${Date.now() - t0} ms)`);
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
  if (applied.length === 0) log(`database is up to date (${local.length} migration${local.length === 1 ? "" : "s"})`);
  return { applied };
}
