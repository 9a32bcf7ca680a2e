import "server-only";
import type { TAccountRecord } from "@/lib/engine/import";
import { normaliseCompanyName } from "@/lib/engine/intake/company-name";
import { db } from "../db";
import { chunks, emptyTally, type TImportTally, type TProgress } from "./types";

type TKnown = { byExternal: Map<string, string>; byName: Map<string, string> };

async function knownAccounts(records: readonly TAccountRecord[]): Promise<TKnown> {
  const names = [...new Set(records.flatMap((r) => [r.name, r.parent].filter((n): n is string => !!n).map(normaliseCompanyName)))];
  const externals = records.map((r) => r.externalId).filter((e): e is string => !!e);
  const rows = await db().account.findMany({
    where: { OR: [{ normalizedName: { in: names } }, ...(externals.length ? [{ externalId: { in: externals } }] : [])] },
    select: { id: true, normalizedName: true, externalId: true },
    orderBy: { createdAt: "asc" },
  });
  const known: TKnown = { byExternal: new Map(), byName: new Map() };
  for (const row of rows) {
    if (row.externalId) known.byExternal.set(row.externalId, row.id);
    if (!known.byName.has(row.normalizedName)) known.byName.set(row.normalizedName, row.id);
  }
  return known;
}

const matchOf = (known: TKnown, r: TAccountRecord) => (r.externalId ? known.byExternal.get(r.externalId) : undefined) ?? known.byName.get(normaliseCompanyName(r.name));

/** Dry run: which rows would create an account and which would update one, and parents that cannot be found. */
export async function planAccounts(records: readonly TAccountRecord[]): Promise<TImportTally> {
  const known = await knownAccounts(records);
  const tally = emptyTally();
  const inFile = new Set<string>();
  for (const r of records) {
    const key = normaliseCompanyName(r.name);
    if (matchOf(known, r) || inFile.has(key)) tally.updated++;
    else tally.created++;
    inFile.add(key);
  }
  for (const r of records) {
    if (r.parent && !inFile.has(normaliseCompanyName(r.parent)) && !known.byName.has(normaliseCompanyName(r.parent))) {
      tally.warnings.push({ line: r.line, message: `Parent account "${r.parent}" is neither in Arbiter nor in this file: the account is imported without a parent.` });
    }
  }
  return tally;
}

/**
 * Upserts accounts by external id, else by normalised name (the key intake matches leads on),
 * so importing the same file twice changes nothing. Parents are linked in a second pass, once
 * every account of the file exists.
 */
export async function applyAccounts(records: readonly TAccountRecord[], progress: TProgress): Promise<TImportTally> {
  const known = await knownAccounts(records);
  const tally = emptyTally();
  let done = 0;
  for (const chunk of chunks(records)) {
    await db().$transaction(async (tx) => {
      for (const r of chunk) {
        const data = {
          name: r.name,
          normalizedName: normaliseCompanyName(r.name),
          ...(r.externalId ? { externalId: r.externalId } : {}),
          ...(r.domain ? { domain: r.domain } : {}),
          ...(r.industry ? { industry: r.industry } : {}),
          ...(r.employees !== null ? { employees: r.employees } : {}),
          ...(r.annualRevenue !== null ? { annualRevenue: r.annualRevenue } : {}),
          ...(r.country ? { country: r.country } : {}),
        };
        const id = matchOf(known, r);
        if (id) {
          await tx.account.update({ where: { id }, data });
          tally.updated++;
        } else {
          const created = await tx.account.create({ data, select: { id: true } });
          known.byName.set(data.normalizedName, created.id);
          if (r.externalId) known.byExternal.set(r.externalId, created.id);
          tally.created++;
        }
      }
    });
    done += chunk.length;
    await progress(done);
  }
  for (const r of records) {
    if (!r.parent) continue;
    const id = matchOf(known, r)!;
    const parentId = known.byName.get(normaliseCompanyName(r.parent));
    if (!parentId) tally.warnings.push({ line: r.line, message: `Parent account "${r.parent}" was not found: the account was imported without a parent.` });
    else if (parentId !== id) await db().account.update({ where: { id }, data: { parentId } });
  }
  return tally;
}
