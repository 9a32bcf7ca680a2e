import "server-only";
import type { TNormalisedLead } from "@/lib/engine/intake/normalise";
import type { Tx } from "../../db";

export const ACCOUNT_FOR_FACTS = {
  id: true, name: true, ownerId: true, domain: true, country: true, region: true, industry: true, segment: true, employees: true, annualRevenue: true, isNamedAccount: true,
} as const;

/**
 * Matches a lead to an account: by e-mail domain first (never for personal mailboxes), then
 * by normalised company name when exactly one account has it. Returns the reason either way.
 */
export async function matchAccount(tx: Tx, lead: Pick<TNormalisedLead, "domain" | "isPersonalEmail" | "normalizedCompany" | "company">) {
  if (lead.domain && !lead.isPersonalEmail) {
    const byDomain = await tx.account.findUnique({ where: { domain: lead.domain }, select: ACCOUNT_FOR_FACTS });
    if (byDomain) return { account: byDomain, reason: `Matched account ${byDomain.name} by e-mail domain ${lead.domain}` };
  }
  if (lead.normalizedCompany) {
    const byName = await tx.account.findMany({ where: { normalizedName: lead.normalizedCompany }, select: ACCOUNT_FOR_FACTS, take: 2 });
    if (byName.length === 1) return { account: byName[0]!, reason: `Matched account ${byName[0]!.name} by company name "${lead.company}"` };
    if (byName.length > 1) return { account: null, reason: `Not matched: several accounts are named "${lead.company}"; an owner must pick one` };
  }
  const why = lead.isPersonalEmail ? `personal e-mail domain ${lead.domain} never matches an account` : "no account has this domain or company name";
  return { account: null, reason: `Not matched to an account: ${why}` };
}
