import { COMPETITOR_DOMAINS, PERSONAL_EMAIL_DOMAINS } from "@/lib/schemas/policies/defaults";
import type { TSeedAccount } from "./accounts";
import { pickCountry, prospectCompany, segmentFor, type TSegment } from "./companies";
import type { TRng } from "./prng";
import { COUNTRIES, FIRST_NAMES, LAST_NAMES, STUDENT_TITLES, TITLES, UNIVERSITY_DOMAINS, slug, type TRegion } from "./words";

// Who a lead is: name, e-mail, company and firmographics. E-mails are unique by construction:
// at a company the k-th lead gets the k-th name of a fixed permutation of first × last names
// (so no two share a local part), and personal / student addresses carry the lead's number.

export type TIdentityContext = {
  accounts: readonly TSeedAccount[];
  pickAccount: (rng: TRng) => number;
  prospectCount: number;
  accountCounters: Int32Array;
  prospectCounters: Int32Array;
  competitorCounters: Int32Array;
};

export type TLeadIdentity = {
  firstName: string;
  lastName: string;
  email: string;
  domain: string;
  title: string;
  company: string | null;
  country: string;
  region: TRegion;
  language: string;
  industry: string | null;
  employees: number | null;
  segment: TSegment | null;
  account: TSeedAccount | null;
  kind: "account" | "prospect" | "personal" | "student" | "competitor";
};

const languageOf = new Map(COUNTRIES.map((c) => [c.code, c.language]));
const regionOf = new Map(COUNTRIES.map((c) => [c.code, c.region]));

/** The k-th distinct person at a company (companyKey spreads companies over the permutation). */
function nthPerson(region: TRegion, companyKey: number, k: number): { first: string; last: string; round: number } {
  const F = FIRST_NAMES[region];
  const L = LAST_NAMES[region];
  const n = F.length * L.length;
  const offset = Math.imul(companyKey + 1, 2_654_435_761) >>> 0;
  const c = (offset + (k % n) * 613) % n;
  return { first: F[c % F.length]!, last: L[Math.floor(c / F.length)]!, round: Math.floor(k / n) };
}

const local = (first: string, last: string, sep: string, tag: string | number = "") => `${slug(first)}${sep}${slug(last)}${tag}`;

export function makeIdentity(rng: TRng, i: number, ctx: TIdentityContext): TLeadIdentity {
  const kind = rng.weighted([["account", 45], ["prospect", 38], ["personal", 12], ["student", 3], ["competitor", 2]] as const);
  const title = kind === "student" ? rng.pick(STUDENT_TITLES) : rng.weighted(TITLES);

  if (kind === "account") {
    const a = ctx.pickAccount(rng);
    const account = ctx.accounts[a]!;
    const k = ctx.accountCounters[a]!++;
    const p = nthPerson(account.region, a, k);
    const domain = account.domain;
    return {
      firstName: p.first, lastName: p.last, email: `${local(p.first, p.last, account.separator, p.round || "")}@${domain}`, domain, title,
      company: account.name, country: account.country, region: account.region, language: languageOf.get(account.country) ?? "en",
      industry: account.industry, employees: account.employees, segment: account.segment, account, kind,
    };
  }
  if (kind === "prospect" || kind === "competitor") {
    let company: { name: string; domain: string; industry: string | null; employees: number | null; country: string; separator: string };
    let key: number;
    let k: number;
    if (kind === "prospect") {
      const j = rng.int(0, ctx.prospectCount - 1);
      const pc = prospectCompany(j, ctx.accounts.length);
      company = { name: pc.name, domain: pc.domain, industry: pc.industry, employees: pc.employees, country: pc.country.code, separator: pc.separator };
      key = ctx.accounts.length + j;
      k = ctx.prospectCounters[j]!++;
    } else {
      const c = rng.int(0, COMPETITOR_DOMAINS.length - 1);
      const domain = COMPETITOR_DOMAINS[c]!;
      company = { name: domain.split(".")[0]!.replace(/^./, (ch) => ch.toUpperCase()), domain, industry: "Software", employees: rng.int(80, 900), country: "US", separator: "." };
      key = -1 - c;
      k = ctx.competitorCounters[c]!++;
    }
    const region = regionOf.get(company.country) ?? "NA";
    const p = nthPerson(region, key >>> 0, k);
    return {
      firstName: p.first, lastName: p.last, email: `${local(p.first, p.last, company.separator, p.round || "")}@${company.domain}`, domain: company.domain, title,
      company: company.name, country: company.country, region, language: languageOf.get(company.country) ?? "en",
      industry: company.industry, employees: company.employees, segment: company.employees === null ? null : segmentFor(company.employees), account: null, kind,
    };
  }
  // Personal and student addresses: the person may still name an employer.
  const country = pickCountry(rng);
  const first = rng.pick(FIRST_NAMES[country.region]);
  const last = rng.pick(LAST_NAMES[country.region]);
  const domain = kind === "personal" ? rng.pick(PERSONAL_EMAIL_DOMAINS) : rng.pick(UNIVERSITY_DOMAINS);
  const employer = kind === "personal" && rng.chance(0.5) ? prospectCompany(rng.int(0, ctx.prospectCount - 1), ctx.accounts.length) : null;
  return {
    firstName: first, lastName: last, email: `${local(first, last, rng.pick([".", "_", ""]), i)}@${domain}`, domain, title,
    company: employer?.name ?? null, country: employer?.country.code ?? country.code, region: employer?.country.region ?? country.region,
    language: employer?.country.language ?? country.language,
    industry: employer?.industry ?? null, employees: employer?.employees ?? null, segment: employer ? segmentFor(employer.employees) : null, account: null, kind,
  };
}
