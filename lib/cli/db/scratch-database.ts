// Throwaway databases on an existing server: the schema engine has no shadow database of
// its own, and tests clone a migrated template per file.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** `url` with its database name replaced. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function randomDatabaseName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

/** Runs `fn` on a short-lived connection to `url`. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a database next to the one `serverUrl` points at (optionally from a template). */
export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  await withClient(serverUrl, async (c) => {
    const from = template ? ` TEMPLATE ${quoteIdent(template)}` : "";
    try {
      await c.query(`CREATE DATABASE ${quoteIdent(name)}${from}`);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new Error(`Cannot create database ${name} on ${new URL(serverUrl).host}: ${msg} (the user needs CREATEDB)`);
    }
  });
  return withDatabase(serverUrl, name);
}

/** Drops a database, disconnecting whoever is still on it. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

export type ScratchDatabase = { url: string; name: string; drop(): Promise<void> };

export async function createScratchDatabase(serverUrl: string, prefix = "arbiter_scratch"): Promise<ScratchDatabase> {
  const name = randomDatabaseName(prefix);
  const url = await createDatabase(serverUrl, name);
  return { url, name, drop: () => dropDatabase(serverUrl, name) };
}
