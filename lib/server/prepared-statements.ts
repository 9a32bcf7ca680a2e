import "server-only";
import { createHash } from "node:crypto";

// Named (cached) prepared statements for Prisma's pg adapter. Without a name, every statement is
// parsed and planned by PostgreSQL on every call; a command of 15–30 statements spent about as
// much PostgreSQL CPU on that as on its work (ADR 0017, ADR 0021). With a name, each connection parses a
// text once and then only binds and executes it.
//
// The name is a digest of the SQL text, so a text has the same name on every connection and a
// name never stands for two texts (pg refuses that). PostgreSQL keeps every statement a connection
// prepared until the connection closes, so the set is bounded: a text gets a name only from its
// second use (one-off texts — Prisma writes one `IN ($1, …, $n)` text per list length — stay
// unnamed) and at most MAX_NAMED texts per process get one.

const MAX_NAMED = 400;
const MAX_SEEN = 4_000;
const MAX_TEXT = 16_384;

/** The adapter's statementNameGenerator: a name, or "" (pg's unnamed statement, parsed on every call). */
export function preparedStatementNames(limits = { named: MAX_NAMED, seen: MAX_SEEN }): (query: { sql: string }) => string {
  const named = new Map<string, string>();
  const seenOnce = new Set<string>();
  return ({ sql }) => {
    const name = named.get(sql);
    if (name !== undefined) return name;
    if (named.size >= limits.named || sql.length > MAX_TEXT) return "";
    if (!seenOnce.has(sql)) {
      if (seenOnce.size < limits.seen) seenOnce.add(sql);
      return "";
    }
    seenOnce.delete(sql);
    const digest = `s${createHash("sha256").update(sql).digest("hex").slice(0, 24)}`;
    named.set(sql, digest);
    return digest;
  };
}

/**
 * The names for statements sent straight over a transaction's connection (transaction-connection.ts):
 * a text has the same name as through the adapter, so a connection prepares it once whichever
 * path sends it first. Those texts are few (the commands' and batch intake's own), so this
 * second instance adds little to the bound above.
 */
export const sharedStatementNames = preparedStatementNames();
