// Step 1 of intake: turn a validated input into the canonical lead fields, or say which
// fields are wrong. Pure: the same input always gives the same lead.
import type { TLeadInput } from "@/lib/schemas/leads";
import { normaliseCompanyName } from "./company-name";
import { countryCode } from "./countries";
import { isPersonalDomain } from "./personal-domains";

export type TCustomAttribute = { type: "string" | "number" | "boolean" | "date"; value: string | number | boolean | null };

export type TNormalisedLead = {
  email: string | null;
  externalId: string | null;
  domain: string | null;
  isPersonalEmail: boolean;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  company: string | null;
  normalizedCompany: string | null;
  phone: string | null;
  country: string | null;
  industry: string | null;
  employees: number | null;
  source: string | null;
  productInterest: string | null;
  language: string | null;
  isPartnerSourced: boolean | null;
  customAttributes: Record<string, TCustomAttribute>;
};

export type TNormaliseResult = { ok: true; lead: TNormalisedLead } | { ok: false; fields: Record<string, string[]> };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

function typed(value: string | number | boolean | null): TCustomAttribute {
  if (typeof value === "number") return { type: "number", value };
  if (typeof value === "boolean") return { type: "boolean", value };
  if (typeof value === "string" && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) return { type: "date", value };
  return { type: "string", value };
}

export function normaliseLead(input: TLeadInput): TNormaliseResult {
  const fields: Record<string, string[]> = {};
  const email = input.email ?? null;
  const domain = email ? email.slice(email.lastIndexOf("@") + 1) : null;
  let country: string | null = null;
  if (input.country) {
    country = countryCode(input.country);
    if (!country) fields.country = [`Unknown country "${input.country}": use an ISO code such as DE or an English name such as Germany`];
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };

  const customAttributes: Record<string, TCustomAttribute> = {};
  for (const [name, value] of Object.entries(input.customAttributes ?? {})) customAttributes[name] = typed(value);

  return {
    ok: true,
    lead: {
      email,
      externalId: input.externalId ?? null,
      domain,
      isPersonalEmail: domain ? isPersonalDomain(domain) : false,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      title: input.title ?? null,
      company: input.company ?? null,
      normalizedCompany: input.company ? normaliseCompanyName(input.company) || null : null,
      phone: input.phone ?? null,
      country,
      industry: input.industry ?? null,
      employees: input.employees ?? null,
      source: input.source?.toLowerCase().replace(/\s+/g, "_") ?? null,
      productInterest: input.productInterest ?? null,
      language: input.language?.toLowerCase() ?? null,
      isPartnerSourced: input.isPartnerSourced ?? null,
      customAttributes,
    },
  };
}
