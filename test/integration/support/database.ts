// Superuser access to the current test file's database, for what the app must never do
// itself (disable triggers, inspect catalogs, insert rows that bypass the commands).
import pg from "pg";
import { inject } from "vitest";
import { databaseName, withClient, withDatabase } from "../../../lib/cli/db/scratch-database";

/** This test file's database, as set by setup-database.ts. */
export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: is test/integration/setup-database.ts in setupFiles?");
  return url;
}

/** The superuser (admin) connection, pointed at this test file's database. */
export function adminUrl(): string {
  return withDatabase(inject("pgAdminUrl"), databaseName(testDatabaseUrl()));
}

/** Runs SQL as the superuser on this test file's database (one short-lived connection). */
export function superuserQuery<R extends pg.QueryResultRow = pg.QueryResultRow>(
  sql: string,
  params: unknown[] = [],
): Promise<pg.QueryResult<R>> {
  return withClient(adminUrl(), (c) => c.query<R>(sql, params));
}
