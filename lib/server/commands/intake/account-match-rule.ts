// The account-matching rule, given the candidate accounts: the account with the lead's e-mail
// domain (never for a personal mailbox), else the only account with its normalised company
// name. Pure, so the single path (two lookups) and the batch path (two lookups per chunk)
// decide, and explain, identically.
import type { TNormalisedLead } from "@/lib/engine/intake/normalise";

export function accountMatchFrom<A extends { name: string }>(
  lead: Pick<TNormalisedLead, "domain" | "isPersonalEmail" | "normalizedCompany" | "company">,
  byDomain: A | null | undefined,
  byName: readonly A[],
): { account: A | null; reason: string } {
  if (lead.domain && !lead.isPersonalEmail && byDomain) return { account: byDomain, reason: `Matched account ${byDomain.name} by e-mail domain ${lead.domain}` };
  if (lead.normalizedCompany) {
    if (byName.length === 1) return { account: byName[0]!, reason: `Matched account ${byName[0]!.name} by company name "${lead.company}"` };
    if (byName.length > 1) return { account: null, reason: `Not matched: several accounts are named "${lead.company}"; an owner must pick one` };
  }
  const why = lead.isPersonalEmail ? `personal e-mail domain ${lead.domain} never matches an account` : "no account has this domain or company name";
  return { account: null, reason: `Not matched to an account: ${why}` };
}
