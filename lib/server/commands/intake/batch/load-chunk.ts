import "server-only";
import type { TNormalisedLead } from "@/lib/engine/intake/normalise";
import type { Lead } from "@/lib/generated/prisma/client";
import type { Tx } from "../../../db";
import { ACTIVITY_WINDOW_DAYS, type TAccountForFacts } from "../../leads/score-stored-lead";
import { lockMatchingLeads } from "../lock-matching-leads";
import { ACCOUNT_FOR_FACTS } from "../match-account";
import type { TActivityRow } from "../score-row";
import { listIn, unique } from "./collect";

export type TChunkContext = {
  /** Stored leads any item of the chunk names by e-mail or external id. */
  leads: Lead[];
  accountsByDomain: Map<string, TAccountForFacts>;
  accountsByName: Map<string, TAccountForFacts[]>;
  /** Last year's activities of those stored leads. */
  activitiesByLead: Map<string, TActivityRow[]>;
};

/**
 * Everything the chunk reads, in five queries whatever its size (the single path makes about
 * six per lead): stored leads by e-mail or external id (row-locked first: lock-matching-leads.ts
 * says why — unless the caller's claim already locked them, `leadsLocked`), accounts by domain
 * and by normalised company name, and the stored leads' activities. Run after the identity locks.
 */
export async function loadChunkContext(tx: Tx, leads: readonly TNormalisedLead[], now: Date, options: { leadsLocked?: boolean } = {}): Promise<TChunkContext> {
  const emails = unique(leads.map((l) => l.email));
  const externalIds = unique(leads.map((l) => l.externalId));
  const domains = unique(leads.map((l) => (l.isPersonalEmail ? null : l.domain)));
  const names = unique(leads.map((l) => l.normalizedCompany));
  if (!options.leadsLocked) await lockMatchingLeads(tx, { emails, externalIds });
  const [stored, byDomain, byName] = await Promise.all([
    emails.length + externalIds.length === 0 ? [] : tx.lead.findMany({ where: { OR: [{ email: { in: emails } }, { externalId: { in: externalIds } }] } }),
    domains.length === 0 ? [] : tx.account.findMany({ where: { domain: { in: domains } }, select: ACCOUNT_FOR_FACTS }),
    names.length === 0 ? [] : tx.account.findMany({ where: { normalizedName: { in: names } }, select: { ...ACCOUNT_FOR_FACTS, normalizedName: true } }),
  ]);
  const since = new Date(now.getTime() - ACTIVITY_WINDOW_DAYS * 86_400_000);
  const activities =
    stored.length === 0 ? [] : await tx.leadActivity.findMany({ where: { leadId: { in: stored.map((l) => l.id) }, occurredAt: { gte: since } }, select: { leadId: true, type: true, occurredAt: true } });

  const accountsByDomain = new Map(byDomain.map((a) => [a.domain!, a]));
  const accountsByName = new Map<string, TAccountForFacts[]>();
  for (const { normalizedName, ...account } of byName) listIn(accountsByName, normalizedName).push(account);
  const activitiesByLead = new Map<string, TActivityRow[]>();
  for (const { leadId, ...a } of activities) listIn(activitiesByLead, leadId).push(a);
  return { leads: stored, accountsByDomain, accountsByName, activitiesByLead };
}
