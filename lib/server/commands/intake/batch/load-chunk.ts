import "server-only";
import type { TNormalisedLead } from "@/lib/engine/intake/normalise";
import type { Lead } from "@/lib/generated/prisma/client";
import { queryRows, type TBulkQuery, type TSqlTx } from "../../../transaction-connection";
import { ACTIVITY_WINDOW_DAYS } from "../../leads/score-stored-lead";
import { lockMatchingLeads } from "../lock-matching-leads";
import type { TAccountRow } from "../routing-input";
import type { TActivityRow } from "../score-row";
import { ACCOUNT_COLUMNS, accountRowOf, LEAD_COLUMNS, type TAccountRowRaw } from "../stored-rows";
import { listIn, unique } from "./collect";

export type TChunkContext = {
  /** Stored leads any item of the chunk names by e-mail or external id. */
  leads: Lead[];
  accountsByDomain: Map<string, TAccountRow>;
  accountsByName: Map<string, TAccountRow[]>;
  /** Last year's activities of those stored leads. */
  activitiesByLead: Map<string, TActivityRow[]>;
};

/**
 * Everything intake reads, in five statements whatever the number of leads (single intake reads
 * through it too, for its one lead): stored leads by e-mail or external id (row-locked first:
 * lock-matching-leads.ts says why — unless the caller's claim already locked them,
 * `leadsLocked`), accounts by domain and by normalised company name, and the stored leads'
 * activities. Run after the identity locks. Raw statements, over the transaction's own
 * connection when the caller has it (`bulk`): the model API's result decoding was a large part
 * of a chunk's Node CPU.
 */
export async function loadChunkContext(
  tx: TSqlTx,
  leads: readonly TNormalisedLead[],
  now: Date,
  options: { leadsLocked?: boolean; bulk?: TBulkQuery | null } = {},
): Promise<TChunkContext> {
  const emails = unique(leads.map((l) => l.email));
  const externalIds = unique(leads.map((l) => l.externalId));
  const domains = unique(leads.map((l) => (l.isPersonalEmail ? null : l.domain)));
  const names = unique(leads.map((l) => l.normalizedCompany));
  const rows = <T>(text: string, values: readonly unknown[]) => queryRows<T>(tx, options.bulk, text, values);
  if (!options.leadsLocked) await lockMatchingLeads(tx, { emails, externalIds });
  const [stored, byDomain, byName] = await Promise.all([
    emails.length + externalIds.length === 0 ? [] : rows<Lead>(`SELECT ${LEAD_COLUMNS} FROM leads WHERE email = ANY($1::text[]) OR external_id = ANY($2::text[])`, [emails, externalIds]),
    domains.length === 0 ? [] : rows<TAccountRowRaw>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE domain = ANY($1::text[])`, [domains]),
    names.length === 0 ? [] : rows<TAccountRowRaw & { normalizedName: string }>(`SELECT ${ACCOUNT_COLUMNS}, normalized_name AS "normalizedName" FROM accounts WHERE normalized_name = ANY($1::text[])`, [names]),
  ]);
  const since = new Date(now.getTime() - ACTIVITY_WINDOW_DAYS * 86_400_000);
  const activities =
    stored.length === 0
      ? []
      : await rows<TActivityRow & { leadId: string }>(`SELECT lead_id AS "leadId", type, occurred_at AS "occurredAt" FROM lead_activities WHERE lead_id = ANY($1::uuid[]) AND occurred_at >= $2`, [
          stored.map((l) => l.id),
          since,
        ]);

  const accountsByDomain = new Map(byDomain.map((a) => [a.domain!, accountRowOf(a)]));
  const accountsByName = new Map<string, TAccountRow[]>();
  for (const { normalizedName, ...account } of byName) listIn(accountsByName, normalizedName).push(accountRowOf(account));
  const activitiesByLead = new Map<string, TActivityRow[]>();
  for (const { leadId, ...a } of activities) listIn(activitiesByLead, leadId).push(a);
  return { leads: stored, accountsByDomain, accountsByName, activitiesByLead };
}
