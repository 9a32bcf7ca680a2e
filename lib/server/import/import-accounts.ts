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
 * so importing the same file twice changes nothing. Set-based: rows naming the same account are
 * folded into one (later non-empty values win), then one UPDATE … FROM unnest and one INSERT per
 * chunk. Parents are linked in a last statement, once every account of the file exists.
 */
export async function applyAccounts(records: readonly TAccountRecord[], progress: TProgress): Promise<TImportTally> {
  const known = await knownAccounts(records);
  const tally = emptyTally();
  const byKey = new Map<string, TAccountRecord & { id?: string }>();
  for (const r of records) {
    const id = matchOf(known, r);
    const key = id ?? (r.externalId ? `ext:${r.externalId}` : `name:${normaliseCompanyName(r.name)}`);
    const earlier = byKey.get(key);
    if (earlier) tally.updated++;
    byKey.set(key, { ...(earlier ?? {}), ...Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)), id } as TAccountRecord & { id?: string });
  }
  let done = 0;
  const folded = [...byKey.values()];
  for (const chunk of chunks(folded, 1_000)) {
    const existing = chunk.filter((r) => r.id);
    const fresh = chunk.filter((r) => !r.id);
    const col = <T>(rows: typeof chunk, f: (r: (typeof chunk)[number]) => T) => rows.map(f);
    await db().$transaction(async (tx) => {
      if (existing.length) {
        await tx.$executeRaw`
          UPDATE accounts a SET name = t.name, normalized_name = t.nn, external_id = COALESCE(t.ext, a.external_id), domain = COALESCE(t.domain, a.domain),
            industry = COALESCE(t.industry, a.industry), employees = COALESCE(t.employees, a.employees), annual_revenue = COALESCE(t.revenue, a.annual_revenue),
            country = COALESCE(t.country, a.country), updated_at = now()
          FROM unnest(${col(existing, (r) => r.id!)}::uuid[], ${col(existing, (r) => r.name)}::text[], ${col(existing, (r) => normaliseCompanyName(r.name))}::text[],
                      ${col(existing, (r) => r.externalId)}::text[], ${col(existing, (r) => r.domain)}::text[], ${col(existing, (r) => r.industry)}::text[],
                      ${col(existing, (r) => r.employees)}::int[], ${col(existing, (r) => r.annualRevenue)}::numeric[], ${col(existing, (r) => r.country)}::text[])
            AS t(id, name, nn, ext, domain, industry, employees, revenue, country)
          WHERE a.id = t.id`;
        tally.updated += existing.length;
      }
      if (fresh.length) {
        const created = await tx.$queryRaw<{ id: string; normalized_name: string; external_id: string | null }[]>`
          INSERT INTO accounts (name, normalized_name, external_id, domain, industry, employees, annual_revenue, country, updated_at)
          SELECT t.name, t.nn, t.ext, t.domain, t.industry, t.employees, t.revenue, t.country, now()
          FROM unnest(${col(fresh, (r) => r.name)}::text[], ${col(fresh, (r) => normaliseCompanyName(r.name))}::text[], ${col(fresh, (r) => r.externalId)}::text[],
                      ${col(fresh, (r) => r.domain)}::text[], ${col(fresh, (r) => r.industry)}::text[], ${col(fresh, (r) => r.employees)}::int[],
                      ${col(fresh, (r) => r.annualRevenue)}::numeric[], ${col(fresh, (r) => r.country)}::text[])
            AS t(name, nn, ext, domain, industry, employees, revenue, country)
          RETURNING id, normalized_name, external_id`;
        for (const row of created) {
          if (!known.byName.has(row.normalized_name)) known.byName.set(row.normalized_name, row.id);
          if (row.external_id) known.byExternal.set(row.external_id, row.id);
        }
        tally.created += created.length;
      }
    });
    done = Math.min(records.length, done + chunk.length);
    await progress(done);
  }
  const links: { id: string; parentId: string }[] = [];
  for (const r of records) {
    if (!r.parent) continue;
    const id = matchOf(known, r)!;
    const parentId = known.byName.get(normaliseCompanyName(r.parent));
    if (!parentId) tally.warnings.push({ line: r.line, message: `Parent account "${r.parent}" was not found: the account was imported without a parent.` });
    else if (parentId !== id) links.push({ id, parentId });
  }
  if (links.length) {
    await db().$executeRaw`
      UPDATE accounts a SET parent_id = t.parent_id, updated_at = now()
      FROM unnest(${links.map((l) => l.id)}::uuid[], ${links.map((l) => l.parentId)}::uuid[]) AS t(id, parent_id)
      WHERE a.id = t.id AND a.parent_id IS DISTINCT FROM t.parent_id`;
  }
  await progress(records.length);
  return tally;
}
