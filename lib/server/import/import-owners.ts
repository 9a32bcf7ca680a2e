import "server-only";
import { db, type Tx } from "../db";
import type { TDecisionEntry } from "../decision-log";

/**
 * Opportunity owners in a CRM export are people's names (or e-mails). A name we do not know
 * becomes an INACTIVE rep: the history keeps who owned each deal (win rates, pipeline by rep)
 * while that person can neither sign in nor be routed to. An admin can activate them later.
 * See docs/decisions/0011-csv-import.md.
 */
export async function findOwners(names: readonly string[]): Promise<{ found: Map<string, string>; missing: string[] }> {
  const keys = [...new Set(names.map((n) => n.trim()))];
  const emails = keys.filter((k) => k.includes("@")).map((k) => k.toLowerCase());
  const plain = keys.filter((k) => !k.includes("@"));
  const users = await db().user.findMany({
    where: { OR: [{ email: { in: emails } }, ...plain.map((name) => ({ name: { equals: name, mode: "insensitive" as const } }))] },
    select: { id: true, email: true, name: true, active: true },
    // Where two users share a name, the active one, then the oldest, owns the deal.
    orderBy: [{ active: "desc" }, { createdAt: "asc" }],
  });
  const found = new Map<string, string>();
  for (const key of keys) {
    const user = key.includes("@") ? users.find((u) => u.email === key.toLowerCase()) : users.find((u) => u.name.toLowerCase() === key.toLowerCase());
    if (user) found.set(key, user.id);
  }
  return { found, missing: keys.filter((k) => !found.has(k)) };
}

export function importedUserEmail(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.+|\.+$/g, "");
  return `${slug || "owner"}@imported.invalid`;
}

/** Creates the missing owners as inactive reps with no usable password, and says so in the log. */
export async function createInactiveOwners(tx: Tx, names: readonly string[], runId: string): Promise<{ ids: Map<string, string>; entries: TDecisionEntry[] }> {
  const ids = new Map<string, string>();
  const entries: TDecisionEntry[] = [];
  for (const name of names) {
    const email = importedUserEmail(name);
    // "!" is no argon2 hash: no password ever verifies against it.
    const user = await tx.user.upsert({ where: { email }, create: { email, name, role: "REP", active: false, passwordHash: "!" }, update: {}, select: { id: true } });
    ids.set(name, user.id);
    entries.push({
      kind: "user.created",
      subjectType: "user",
      subjectId: user.id,
      input: { name, email, role: "REP", active: false, importRunId: runId },
      output: { userId: user.id },
      reasons: [`${name} owns deals in an imported CRM export but had no Arbiter user: added as an inactive rep (cannot sign in or receive leads until activated).`],
    });
  }
  return { ids, entries };
}
