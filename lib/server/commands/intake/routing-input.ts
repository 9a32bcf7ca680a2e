import "server-only";
import type { TFactValue } from "@/lib/engine/conditions/evaluate";
import type { TRoutingAccount, TRoutingLead } from "@/lib/engine/routing";

// The plain objects intake hands to the routing engine, built from the stored rows. Only the
// fields routing can read are copied, so the decision log's input snapshot stays small.

export type TAccountRow = {
  id: string;
  name: string;
  ownerId: string | null;
  domain: string | null;
  country: string | null;
  region: string | null;
  industry: string | null;
  segment: string | null;
  employees: number | null;
  annualRevenue: { toNumber(): number } | null;
  isNamedAccount: boolean;
};

/** The lead columns routing reads (the simulation loads the same ones, plus its own). */
export type TLeadRow = {
  id: string;
  email: string | null;
  externalId: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  title: string | null;
  country: string | null;
  region: string | null;
  industry: string | null;
  source: string | null;
  productInterest: string | null;
  language: string | null;
  employees: number | null;
  isPartnerSourced: boolean;
};

export function routingAccountOf(account: TAccountRow | null): TRoutingAccount | null {
  if (!account) return null;
  return { ...account, annualRevenue: account.annualRevenue ? account.annualRevenue.toNumber() : null };
}

/** The lead as routing sees it: after scoring and the stage change, so score bands and stage columns use the new values. */
export function routingLeadOf(
  stored: TLeadRow,
  now: {
    stage: string;
    score: { total: number; fit: number; engagement: number };
    custom: Record<string, TFactValue>;
    activityCounts: Record<string, number>;
    account: TAccountRow | null;
  },
): TRoutingLead {
  return {
    id: stored.id,
    email: stored.email,
    company: stored.company,
    title: stored.title,
    country: stored.country,
    region: stored.region,
    industry: stored.industry,
    source: stored.source,
    productInterest: stored.productInterest,
    language: stored.language,
    lifecycleStage: now.stage,
    employees: stored.employees,
    annualRevenue: null,
    score: now.score.total,
    fitScore: now.score.fit,
    engagementScore: Math.round(now.score.engagement),
    isPartnerSourced: stored.isPartnerSourced,
    custom: now.custom,
    activityCounts: now.activityCounts,
    account: routingAccountOf(now.account),
  };
}

/** How the lead is named in the new owner's inbox: "New lead: Vera Lang (Northwind)". */
export function displayOf(stored: TLeadRow, account: { name: string } | null): { name: string; company: string | null } {
  const name = [stored.firstName, stored.lastName].filter(Boolean).join(" ") || stored.email || stored.externalId || "Unnamed lead";
  return { name, company: account?.name ?? stored.company };
}
