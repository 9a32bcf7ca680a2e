import "server-only";
import type { TNormalisedLead } from "@/lib/engine/intake/normalise";
import type { Tx } from "../../db";
import { accountMatchFrom } from "./account-match-rule";

export const ACCOUNT_FOR_FACTS = {
  id: true, name: true, ownerId: true, domain: true, country: true, region: true, industry: true, segment: true, employees: true, annualRevenue: true, isNamedAccount: true,
} as const;

/**
 * Matches a lead to an account: by e-mail domain first (never for personal mailboxes), then
 * by normalised company name when exactly one account has it. Returns the reason either way.
 * The rule itself is account-match-rule.ts, shared with the batch path.
 */
export async function matchAccount(tx: Tx, lead: Pick<TNormalisedLead, "domain" | "isPersonalEmail" | "normalizedCompany" | "company">) {
  const byDomain = lead.domain && !lead.isPersonalEmail ? await tx.account.findUnique({ where: { domain: lead.domain }, select: ACCOUNT_FOR_FACTS }) : null;
  const byName = !byDomain && lead.normalizedCompany ? await tx.account.findMany({ where: { normalizedName: lead.normalizedCompany }, select: ACCOUNT_FOR_FACTS, take: 2 }) : [];
  return accountMatchFrom(lead, byDomain, byName);
}
