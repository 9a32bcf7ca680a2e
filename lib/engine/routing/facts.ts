// Flat facts for routing, derived from a lead and its matched account. The account wins for
// firmographics (lib/schemas/policies/common.ts): a lead typed "Germany" on a US account is
// routed as the account. Inputs are plain objects so the engine never sees a Prisma type.
import { ATTRIBUTE_TYPES } from "@/lib/schemas/policies/common";
import type { TFactValue, TFacts } from "@/lib/engine/conditions/evaluate";

export type TRoutingAccount = {
  id: string;
  name?: string | null;
  ownerId?: string | null;
  domain?: string | null;
  country?: string | null;
  region?: string | null;
  industry?: string | null;
  segment?: string | null;
  employees?: number | null;
  annualRevenue?: number | null;
  isNamedAccount?: boolean | null;
};

export type TRoutingLead = {
  id?: string;
  email?: string | null;
  company?: string | null;
  title?: string | null;
  country?: string | null;
  region?: string | null;
  industry?: string | null;
  source?: string | null;
  productInterest?: string | null;
  language?: string | null;
  lifecycleStage?: string | null;
  employees?: number | null;
  annualRevenue?: number | null;
  score?: number | null;
  fitScore?: number | null;
  engagementScore?: number | null;
  isPartnerSourced?: boolean | null;
  /** Lead custom attributes, read by `custom.<name>` columns. */
  custom?: Readonly<Record<string, TFactValue>> | null;
  /** Activity counts by type, read by `activity.<type>` columns (0 when absent). */
  activityCounts?: Readonly<Record<string, number>> | null;
  account?: TRoutingAccount | null;
};

export type TFactGetter = (lead: TRoutingLead) => TFactValue;

// Regions as the rest of Arbiter uses them (seed, default matrix): NA covers the Americas.
const REGION_COUNTRIES: Record<string, string> = {
  NA: "US CA MX BR AR CL CO PE UY CR PA PR DO GT EC",
  EMEA: "GB DE FR NL ES IT SE CH AT IE PL DK AE ZA BE LU NO FI PT CZ HU RO GR IL SA TR EG NG KE MA SK SI HR BG EE LV LT IS QA KW",
  APAC: "AU JP IN SG NZ KR ID CN HK TW MY TH PH VN PK BD LK",
};
export const COUNTRY_REGION: ReadonlyMap<string, string> = new Map(
  Object.entries(REGION_COUNTRIES).flatMap(([region, codes]) => codes.split(" ").map((code) => [code, region] as const)),
);

export function regionOfCountry(country: string | null | undefined): string | undefined {
  return country ? COUNTRY_REGION.get(country.trim().toUpperCase()) : undefined;
}

/** Segments as the seed and the default matrix use them: SMB < 200 ≤ MID_MARKET < 2000 ≤ ENTERPRISE. */
export function segmentOfEmployees(employees: number | null | undefined): string | undefined {
  if (typeof employees !== "number" || !Number.isFinite(employees)) return undefined;
  return employees < 200 ? "SMB" : employees < 2000 ? "MID_MARKET" : "ENTERPRISE";
}

function domainOf(lead: TRoutingLead): string | undefined {
  if (lead.account?.domain) return lead.account.domain;
  const email = lead.email;
  if (!email) return undefined;
  const at = email.lastIndexOf("@");
  return at >= 0 ? email.slice(at + 1) : undefined;
}

const pick = <T>(accountValue: T | null | undefined, leadValue: T | null | undefined): T | undefined => accountValue ?? leadValue ?? undefined;

const FIXED_GETTERS: Record<keyof typeof ATTRIBUTE_TYPES, TFactGetter> = {
  email: (l) => l.email,
  domain: domainOf,
  company: (l) => pick(l.account?.name, l.company),
  title: (l) => l.title,
  country: (l) => pick(l.account?.country, l.country),
  region: (l) => l.account?.region ?? l.region ?? regionOfCountry(pick(l.account?.country, l.country)),
  industry: (l) => pick(l.account?.industry, l.industry),
  source: (l) => l.source,
  productInterest: (l) => l.productInterest,
  language: (l) => l.language,
  segment: (l) => l.account?.segment ?? segmentOfEmployees(pick(l.account?.employees, l.employees)),
  lifecycleStage: (l) => l.lifecycleStage,
  employees: (l) => pick(l.account?.employees, l.employees),
  annualRevenue: (l) => pick(l.account?.annualRevenue, l.annualRevenue),
  score: (l) => l.score,
  fitScore: (l) => l.fitScore,
  engagementScore: (l) => l.engagementScore,
  isNamedAccount: (l) => l.account?.isNamedAccount === true,
  isPartnerSourced: (l) => l.isPartnerSourced === true,
  hasAccount: (l) => l.account != null,
};

/** The getter for one attribute key; compiled once per column so routing never builds a facts object. */
export function factGetter(key: string): TFactGetter {
  if (Object.hasOwn(FIXED_GETTERS, key)) return FIXED_GETTERS[key as keyof typeof FIXED_GETTERS];
  if (key.startsWith("custom.")) {
    const name = key.slice("custom.".length);
    return (l) => (l.custom && Object.hasOwn(l.custom, name) ? l.custom[name] : undefined);
  }
  if (key.startsWith("activity.")) {
    const type = key.slice("activity.".length);
    return (l) => (l.activityCounts && Object.hasOwn(l.activityCounts, type) ? l.activityCounts[type] : 0);
  }
  return () => undefined;
}

/**
 * All facts of a lead (for logs and simulation): the fixed attributes, its custom and activity
 * keys, and any `keys` asked for (a matrix's columns: activity counts it lacks read as 0).
 */
export function deriveFacts(lead: TRoutingLead, keys: readonly string[] = []): TFacts {
  const facts: Record<string, TFactValue> = {};
  for (const [key, get] of Object.entries(FIXED_GETTERS)) facts[key] = get(lead);
  for (const [name, value] of Object.entries(lead.custom ?? {})) facts[`custom.${name}`] = value;
  for (const [type, count] of Object.entries(lead.activityCounts ?? {})) facts[`activity.${type}`] = count;
  for (const key of keys) facts[key] = factGetter(key)(lead);
  return facts;
}
