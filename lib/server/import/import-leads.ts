import "server-only";
import type { TLeadRecord } from "@/lib/engine/import";
import type { TSessionUser } from "../auth/session-user";
import { intakeBatch } from "../commands/leads/intake-batch";
import { db } from "../db";
import { chunks, emptyTally, type TImportTally, type TProgress } from "./types";

/** Dry run: how many rows would create a lead and how many would update one (matched by e-mail or external id). */
export async function planLeads(records: readonly TLeadRecord[]): Promise<TImportTally> {
  const tally = emptyTally();
  const emails = new Set<string>();
  const externals = new Set<string>();
  for (const part of chunks(records, 5_000)) {
    const e = part.map((r) => (typeof r.lead.email === "string" ? r.lead.email.trim().toLowerCase() : null)).filter((x): x is string => !!x);
    const x = part.map((r) => (typeof r.lead.externalId === "string" ? r.lead.externalId.trim() : null)).filter((v): v is string => !!v);
    const found = await db().lead.findMany({ where: { OR: [{ email: { in: e } }, { externalId: { in: x } }] }, select: { email: true, externalId: true } });
    for (const f of found) {
      if (f.email) emails.add(f.email);
      if (f.externalId) externals.add(f.externalId);
    }
  }
  for (const r of records) {
    const email = typeof r.lead.email === "string" ? r.lead.email.trim().toLowerCase() : null;
    const ext = typeof r.lead.externalId === "string" ? r.lead.externalId.trim() : null;
    if ((email && emails.has(email)) || (ext && externals.has(ext))) tally.updated++;
    else tally.created++;
    if (email) emails.add(email);
    if (ext) externals.add(ext);
  }
  return tally;
}

/**
 * Leads go through the same intake pipeline as the form and the API (match, merge, score, log),
 * chunk by chunk. The run's id becomes each lead's importBatchId, so a backtest can pick this
 * batch; the outcome column is stored for backtests. Historical rows are not routed (intake's
 * `historical` option).
 */
export async function applyLeads(
  records: readonly TLeadRecord[],
  options: { runId: string; actor: Pick<TSessionUser, "id" | "role" | "name"> | null; historical: boolean },
  progress: TProgress,
): Promise<TImportTally> {
  const tally = emptyTally();
  let done = 0;
  for (const chunk of chunks(records)) {
    const batch = await intakeBatch({ actor: options.actor, leads: chunk.map((r) => r.lead), channel: "IMPORT", historical: options.historical });
    const imported: string[] = [];
    const byOutcome = new Map<string, string[]>();
    for (const result of batch.results) {
      const record = chunk[result.index]!;
      if (result.leadId) {
        imported.push(result.leadId);
        if (record.outcome) byOutcome.set(record.outcome, [...(byOutcome.get(record.outcome) ?? []), result.leadId]);
        if (result.status === "created") tally.created++;
        else tally.updated++;
      } else {
        for (const [field, messages] of Object.entries(result.errors ?? {})) for (const message of messages) tally.errors.push({ line: record.line, column: field === "_" ? undefined : field, message });
      }
    }
    await db().$transaction(async (tx) => {
      await tx.lead.updateMany({ where: { id: { in: imported } }, data: { importBatchId: options.runId } });
      for (const [outcome, ids] of byOutcome) await tx.lead.updateMany({ where: { id: { in: ids } }, data: { outcome } });
    });
    done += chunk.length;
    await progress(done);
  }
  return tally;
}
