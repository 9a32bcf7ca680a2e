import "server-only";
import type { TOpportunityRecord } from "@/lib/engine/import";
import { normaliseCompanyName } from "@/lib/engine/intake/company-name";
import { db } from "../db";
import { appendDecisions } from "../decision-log";
import { createInactiveOwners, findOwners } from "./import-owners";
import { chunks, emptyTally, type TImportTally, type TProgress } from "./types";

type TResolved = { records: TOpportunityRecord[]; accountIds: Map<string, string>; owners: Map<string, string>; missingOwners: string[]; existing: Set<string> } & TImportTally;

/** Looks up accounts (by normalised name), owners and existing opportunities; rows naming an unknown account are errors. */
async function resolve(records: readonly TOpportunityRecord[]): Promise<TResolved> {
  const tally = emptyTally();
  const accountNames = [...new Set(records.map((r) => r.account).filter((a): a is string => !!a).map(normaliseCompanyName))];
  const accounts = await db().account.findMany({ where: { normalizedName: { in: accountNames } }, select: { id: true, normalizedName: true }, orderBy: { createdAt: "asc" } });
  const accountIds = new Map<string, string>();
  for (const a of accounts) if (!accountIds.has(a.normalizedName)) accountIds.set(a.normalizedName, a.id);
  // A deal listed twice: the later row wins (one upsert per id), the earlier one is reported.
  const lastLine = new Map<string, number>();
  for (const r of records) lastLine.set(r.externalId, r.line);
  const usable: TOpportunityRecord[] = [];
  for (const r of records) {
    if (lastLine.get(r.externalId) !== r.line) {
      tally.warnings.push({ line: r.line, message: `Opportunity ${r.externalId} appears again on line ${lastLine.get(r.externalId)}; that later row is the one imported.` });
      continue;
    }
    if (r.account && !accountIds.has(normaliseCompanyName(r.account))) {
      tally.errors.push({ line: r.line, message: `Account "${r.account}" is not in Arbiter. Import the accounts file first, or fix the name.` });
    } else usable.push(r);
  }
  // Owners of every row, so a dry run names them all even while accounts are still missing.
  const { found, missing } = await findOwners(records.map((r) => r.owner));
  const existing = new Set<string>();
  for (const part of chunks(usable.map((r) => r.externalId), 5_000)) {
    for (const o of await db().opportunity.findMany({ where: { externalId: { in: part } }, select: { externalId: true } })) existing.add(o.externalId!);
  }
  return { ...tally, records: usable, accountIds, owners: found, missingOwners: missing, existing };
}

export async function planOpportunities(records: readonly TOpportunityRecord[]): Promise<TImportTally> {
  const r = await resolve(records);
  for (const rec of r.records) {
    if (r.existing.has(rec.externalId)) r.updated++;
    else r.created++;
  }
  if (r.missingOwners.length) r.notes.push(`${r.missingOwners.length} owner(s) have no Arbiter user and will be added as inactive reps: ${r.missingOwners.slice(0, 20).join(", ")}${r.missingOwners.length > 20 ? ", …" : ""}.`);
  return { created: r.created, updated: r.updated, errors: r.errors, warnings: r.warnings, notes: r.notes };
}

/**
 * Upserts opportunities by external id with one INSERT … ON CONFLICT per chunk: the real export
 * has 8,800 deals, and a re-import must update in place, never duplicate. Open deals without a
 * value get amount 0; a closed deal's stage dates from its close date, an open one's from its
 * engage date.
 */
export async function applyOpportunities(records: readonly TOpportunityRecord[], runId: string, progress: TProgress): Promise<TImportTally> {
  const r = await resolve(records);
  const tally: TImportTally = { created: 0, updated: 0, errors: r.errors, warnings: r.warnings, notes: r.notes };
  const needed = new Set(r.records.map((x) => x.owner.trim()));
  r.missingOwners = r.missingOwners.filter((name) => needed.has(name));
  if (r.missingOwners.length) {
    await db().$transaction(async (tx) => {
      const created = await createInactiveOwners(tx, r.missingOwners, runId);
      for (const [name, id] of created.ids) r.owners.set(name, id);
      await appendDecisions(tx, created.entries);
    });
    tally.notes.push(`Added ${r.missingOwners.length} inactive rep(s) for owners with no Arbiter user: ${r.missingOwners.slice(0, 20).join(", ")}${r.missingOwners.length > 20 ? ", …" : ""}.`);
  }
  let done = records.length - r.records.length;
  for (const chunk of chunks(r.records, 500)) {
    const col = <T>(f: (x: TOpportunityRecord) => T) => chunk.map(f);
    const closed = (x: TOpportunityRecord) => x.stage === "CLOSED_WON" || x.stage === "CLOSED_LOST";
    const rows = await db().$queryRaw<{ inserted: boolean }[]>`
      INSERT INTO opportunities (external_id, name, account_id, owner_id, stage, stage_entered_at, amount, list_amount, currency, close_date, products, source, created_at, updated_at)
      SELECT t.external_id, t.name, t.account_id::uuid, t.owner_id::uuid, t.stage::"OpportunityStage", COALESCE(t.stage_at::timestamptz, now()), t.amount, t.list_amount, t.currency,
             t.close_date::date, CASE WHEN t.product IS NULL THEN ARRAY[]::text[] ELSE ARRAY[t.product] END, 'import', COALESCE(t.engage_date::timestamptz, now()), now()
      FROM unnest(${col((x) => x.externalId)}::text[], ${col((x) => x.name ?? ([x.product, x.account].filter(Boolean).join(" — ") || x.externalId))}::text[],
                  ${col((x) => (x.account ? r.accountIds.get(normaliseCompanyName(x.account))! : null))}::text[], ${col((x) => r.owners.get(x.owner.trim())!)}::text[],
                  ${col((x) => x.stage)}::text[], ${col((x) => (closed(x) ? (x.closeDate ?? x.engageDate) : x.engageDate))}::text[],
                  ${col((x) => x.amount ?? 0)}::numeric[], ${col((x) => x.listAmount ?? x.amount ?? 0)}::numeric[], ${col((x) => x.currency ?? "USD")}::text[],
                  ${col((x) => x.closeDate)}::text[], ${col((x) => x.product)}::text[], ${col((x) => x.engageDate)}::text[])
        AS t(external_id, name, account_id, owner_id, stage, stage_at, amount, list_amount, currency, close_date, product, engage_date)
      ON CONFLICT (external_id) DO UPDATE SET
        name = EXCLUDED.name, account_id = EXCLUDED.account_id, owner_id = EXCLUDED.owner_id,
        stage_entered_at = CASE WHEN opportunities.stage = EXCLUDED.stage THEN opportunities.stage_entered_at ELSE EXCLUDED.stage_entered_at END,
        stage = EXCLUDED.stage, amount = EXCLUDED.amount, list_amount = EXCLUDED.list_amount, currency = EXCLUDED.currency,
        close_date = EXCLUDED.close_date, products = EXCLUDED.products, updated_at = now()
      RETURNING (xmax = 0) AS inserted`;
    for (const row of rows) {
      if (row.inserted) tally.created++;
      else tally.updated++;
    }
    done += chunk.length;
    await progress(done);
  }
  return tally;
}
