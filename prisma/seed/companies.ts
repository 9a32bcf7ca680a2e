import type { TSegment } from "./org-plan";
import { createRng, streamSeed, weightedIndex, type TRng } from "./prng";
import { BASE_TLDS, COUNTRIES, INDUSTRY_WORDS, LEGAL_SUFFIX, NAME_STEMS, REGIONS, slug, type TRegion } from "./words";

export type { TSegment };

// Company identities: name, industry and domain for company number k. Names are combined
// from word lists through a fixed permutation, so every k has a distinct name and domain by
// construction (no lookup table needed even for a million leads). Accounts take numbers
// 0..A-1; prospect companies (leads with no account yet) take the numbers after them.


const WORDS: readonly { industry: string; word: string }[] = Object.entries(INDUSTRY_WORDS).flatMap(([industry, words]) =>
  words.map((word) => ({ industry, word })),
);
const S = NAME_STEMS.length;
const W = WORDS.length;
const TIER1 = S * W;
const TIER2 = S * S * W;

/** A bijection of 0..n-1 (multiplying by a prime that does not divide n), so neighbours look unrelated. */
function permute(k: number, n: number): number {
  const stride = n % 7919 === 0 ? 104_729 : 7919;
  return Number((BigInt(k) * BigInt(stride) + 12_345n) % BigInt(n));
}

export type TCompanyName = { base: string; industry: string; domainSlug: string };

export function companyName(k: number): TCompanyName {
  if (k < TIER1) {
    const c = permute(k, TIER1);
    const stem = NAME_STEMS[c % S]!;
    const { industry, word } = WORDS[Math.floor(c / S)]!;
    return { base: `${stem} ${word}`, industry, domainSlug: slug(stem + word) };
  }
  // Two stems: "Aurora Bastion Labs". The hyphen in the domain keeps these apart from
  // single-stem domains; the round number keeps later rounds apart from earlier ones.
  const rest = k - TIER1;
  const round = Math.floor(rest / TIER2);
  const c = permute(rest % TIER2, TIER2);
  const a = NAME_STEMS[c % S]!;
  const b = NAME_STEMS[Math.floor(c / S) % S]!;
  const { industry, word } = WORDS[Math.floor(c / (S * S))]!;
  const suffix = round > 0 ? String(round + 1) : "";
  return { base: `${a} ${b} ${word}${suffix ? ` ${suffix}` : ""}`, industry, domainSlug: `${slug(a)}-${slug(b)}${slug(word)}${suffix}` };
}

export function legalName(rng: TRng, base: string, country: string): string {
  const suffixes = LEGAL_SUFFIX[country];
  return suffixes && rng.chance(0.6) ? `${base} ${rng.pick(suffixes)}` : base;
}

export const SEGMENT_WEIGHTS = [["SMB", 50], ["MID_MARKET", 33], ["ENTERPRISE", 17]] as const;

export function employeesFor(rng: TRng, segment: TSegment): number {
  // Log-uniform inside the band: many small companies, few giants.
  const [lo, hi] = segment === "SMB" ? [8, 199] : segment === "MID_MARKET" ? [200, 1999] : [2000, 60_000];
  return Math.round(Math.exp(rng.float(Math.log(lo), Math.log(hi + 1))));
}

export function segmentFor(employees: number): TSegment {
  return employees < 200 ? "SMB" : employees < 2000 ? "MID_MARKET" : "ENTERPRISE";
}

const countryIndex = new Map(REGIONS.map((r) => [r, COUNTRIES.filter((c) => c.region === r)]));
const countryPickers = new Map(REGIONS.map((r) => [r, weightedIndex(countryIndex.get(r)!.map((c) => c.weight))]));

export function pickCountry(rng: TRng, region?: TRegion): (typeof COUNTRIES)[number] {
  const r = region ?? rng.weighted([["NA", 50], ["EMEA", 32], ["APAC", 18]] as const);
  return countryIndex.get(r)![countryPickers.get(r)!(rng)]!;
}

export function pickTld(rng: TRng): string {
  return rng.weighted(BASE_TLDS);
}

export function revenueFor(rng: TRng, employees: number): string {
  const perEmployee = rng.float(90_000, 320_000);
  return (Math.round((employees * perEmployee) / 1000) * 1000).toFixed(2);
}

export type TProspect = {
  name: string;
  domain: string;
  industry: string;
  employees: number;
  country: (typeof COUNTRIES)[number];
  /** E-mail convention at this company: first.last or first_last (both one-to-one). */
  separator: "." | "_";
};

// Prospects are looked up again and again (several leads per company); the cache is bounded
// by the number of prospect companies, like the accounts array.
const prospectCache = new Map<string, TProspect>();

/** Prospect company number j (a company that is not an account); the same j always gives the same company. */
export function prospectCompany(j: number, accountCount: number): TProspect {
  const key = `${accountCount}:${j}`;
  const hit = prospectCache.get(key);
  if (hit) return hit;
  if (prospectCache.size > 500_000) prospectCache.clear();
  const made = makeProspect(j, accountCount);
  prospectCache.set(key, made);
  return made;
}

function makeProspect(j: number, accountCount: number): TProspect {
  const rng = createRng(streamSeed("prospect", j));
  const { base, industry, domainSlug } = companyName(accountCount + j);
  const country = pickCountry(rng);
  const segment = rng.weighted([["SMB", 62], ["MID_MARKET", 30], ["ENTERPRISE", 8]] as const);
  return {
    name: legalName(rng, base, country.code),
    domain: `${domainSlug}.${pickTld(rng)}`,
    industry,
    employees: employeesFor(rng, segment),
    country,
    separator: rng.chance(0.8) ? "." : "_",
  };
}
