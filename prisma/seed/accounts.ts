import { teamKeyFor } from "./org-plan";
import type { TOrg, TSeedUser } from "./org";
import { createRng, streamSeed, type TRng } from "./prng";
import {
  SEGMENT_WEIGHTS,
  companyName,
  employeesFor,
  legalName,
  pickCountry,
  pickTld,
  revenueFor,
  segmentFor,
  type TSegment,
} from "./companies";
import { BASE_TLDS, COUNTRIES, normalizeCompanyName, stripLegalSuffix, type TRegion } from "./words";

// ~300 accounts per unit of scale: firmographics, named accounts with owners (mostly
// enterprise), other owned accounts, and subsidiaries of enterprise parents.

export type TSeedAccount = {
  id: string;
  name: string;
  normalizedName: string;
  domain: string;
  industry: string;
  employees: number;
  annualRevenue: string;
  country: string;
  region: TRegion;
  segment: TSegment;
  ownerId: string | null;
  isNamedAccount: boolean;
  parentId: string | null;
  createdAt: Date;
  /** Seed-only: base for subsidiaries' domains and e-mail convention. */
  domainSlug: string;
  separator: "." | "_";
};

const DAY = 86_400_000;
const BASE = new Set<string>(BASE_TLDS.map(([t]) => t));
const CHILD_COUNTRIES = COUNTRIES.filter((c) => !BASE.has(c.tld));

export function repsFor(org: TOrg, region: string, segment: TSegment): TSeedUser[] {
  const team = org.teamByKey.get(teamKeyFor(region, segment));
  return team ? (org.repsByTeam.get(team.id) ?? []) : [];
}

function ownerFor(rng: TRng, org: TOrg, region: TRegion, segment: TSegment): { ownerId: string | null; isNamedAccount: boolean } {
  const reps = repsFor(org, region, segment);
  if (reps.length === 0) return { ownerId: null, isNamedAccount: false };
  const named = segment === "ENTERPRISE" ? rng.chance(0.6) : segment === "MID_MARKET" ? rng.chance(0.05) : false;
  const owned = named || rng.chance(segment === "MID_MARKET" ? 0.25 : segment === "SMB" ? 0.08 : 0.2);
  return { ownerId: owned ? rng.pick(reps).id : null, isNamedAccount: named };
}

export function buildAccounts(org: TOrg, ref: Date, scale: number): TSeedAccount[] {
  const rng = createRng(streamSeed("accounts"));
  const total = Math.max(20, Math.round(300 * scale));
  const childCount = Math.round(total * 0.06);
  const accounts: TSeedAccount[] = [];

  for (let k = 0; k < total - childCount; k++) {
    const { base, industry, domainSlug } = companyName(k);
    const country = pickCountry(rng);
    const segment = rng.weighted(SEGMENT_WEIGHTS);
    const employees = employeesFor(rng, segment);
    const name = legalName(rng, base, country.code);
    accounts.push({
      id: rng.uuid(),
      name,
      normalizedName: normalizeCompanyName(name),
      domain: `${domainSlug}.${pickTld(rng)}`,
      industry,
      employees,
      annualRevenue: revenueFor(rng, employees),
      country: country.code,
      region: country.region,
      segment,
      ...ownerFor(rng, org, country.region, segment),
      parentId: null,
      createdAt: new Date(ref.getTime() - rng.int(200, 900) * DAY),
      domainSlug,
      separator: rng.chance(0.8) ? "." : "_",
    });
  }

  // Subsidiaries: "Northwind Logistics Germany GmbH" at northwindlogistics.de. A parent's
  // slug plus a country TLD no base domain uses keeps every domain distinct.
  const parents = accounts.filter((a) => a.segment === "ENTERPRISE");
  const used = new Set<string>();
  for (let i = 0; i < childCount && parents.length > 0; i++) {
    const parent = rng.pick(parents);
    const country = rng.pick(CHILD_COUNTRIES.filter((c) => c.code !== parent.country));
    const domain = `${parent.domainSlug}.${country.tld}`;
    if (used.has(domain)) continue;
    used.add(domain);
    const employees = rng.int(200, 3000);
    const segment = segmentFor(employees);
    const base = stripLegalSuffix(parent.name);
    const name = legalName(rng, `${base} ${country.name}`, country.code);
    const inherit = parent.isNamedAccount && rng.chance(0.5);
    accounts.push({
      id: rng.uuid(),
      name,
      normalizedName: normalizeCompanyName(name),
      domain,
      industry: parent.industry,
      employees,
      annualRevenue: revenueFor(rng, employees),
      country: country.code,
      region: country.region,
      segment,
      ...(inherit ? { ownerId: parent.ownerId, isNamedAccount: false } : ownerFor(rng, org, country.region, segment)),
      parentId: parent.id,
      createdAt: new Date(parent.createdAt.getTime() + rng.int(10, 150) * DAY),
      domainSlug: `${parent.domainSlug}-${country.code.toLowerCase()}`,
      separator: parent.separator,
    });
  }
  return accounts;
}
