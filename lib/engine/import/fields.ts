// The fields each kind of import can fill, their types and the header names that suggest them.
// Synonyms are compared after normalising (lower case, letters and digits only), so "E-mail",
// "email_address" and "Email Address" all meet "emailaddress"/"email".

export const IMPORT_KINDS = ["leads", "accounts", "opportunities"] as const;
export type TImportKind = (typeof IMPORT_KINDS)[number];

export type TFieldType = "string" | "email" | "integer" | "number" | "boolean" | "date" | "outcome";
export type TImportField = { key: string; label: string; type: TFieldType; required?: boolean; synonyms: string[] };

const LEAD_FIELDS: TImportField[] = [
  { key: "email", label: "E-mail", type: "email", synonyms: ["email", "e-mail", "email address", "e-mail address", "mail", "work email", "business email"] },
  { key: "externalId", label: "External id", type: "string", synonyms: ["external id", "id", "lead id", "crm id", "record id", "prospect id", "lead number"] },
  { key: "firstName", label: "First name", type: "string", synonyms: ["first name", "firstname", "given name", "forename", "first"] },
  { key: "lastName", label: "Last name", type: "string", synonyms: ["last name", "lastname", "surname", "family name", "last"] },
  { key: "title", label: "Job title", type: "string", synonyms: ["title", "job title", "position", "role", "designation"] },
  { key: "company", label: "Company", type: "string", synonyms: ["company", "company name", "organisation", "organization", "account", "account name", "employer"] },
  { key: "phone", label: "Phone", type: "string", synonyms: ["phone", "phone number", "telephone", "mobile", "tel"] },
  { key: "country", label: "Country", type: "string", synonyms: ["country", "country code", "nation"] },
  { key: "industry", label: "Industry", type: "string", synonyms: ["industry", "sector", "vertical"] },
  { key: "employees", label: "Employees", type: "integer", synonyms: ["employees", "employee count", "number of employees", "headcount", "company size", "staff"] },
  { key: "source", label: "Source", type: "string", synonyms: ["source", "lead source", "channel", "origin"] },
  { key: "productInterest", label: "Product interest", type: "string", synonyms: ["product interest", "product", "interest", "product line"] },
  { key: "language", label: "Language", type: "string", synonyms: ["language", "lang", "locale"] },
  { key: "isPartnerSourced", label: "Partner sourced", type: "boolean", synonyms: ["partner sourced", "is partner sourced", "partner"] },
  { key: "outcome", label: "Outcome (history)", type: "outcome", synonyms: ["outcome", "converted", "result", "status outcome", "won lost", "conversion"] },
];

const ACCOUNT_FIELDS: TImportField[] = [
  { key: "name", label: "Account name", type: "string", required: true, synonyms: ["account", "name", "account name", "company", "company name", "organisation", "organization"] },
  { key: "externalId", label: "External id", type: "string", synonyms: ["external id", "account id", "id", "crm id"] },
  { key: "domain", label: "Web domain", type: "string", synonyms: ["domain", "website", "web", "url"] },
  { key: "industry", label: "Industry", type: "string", synonyms: ["industry", "sector", "vertical"] },
  { key: "employees", label: "Employees", type: "integer", synonyms: ["employees", "employee count", "headcount", "staff"] },
  { key: "annualRevenue", label: "Annual revenue", type: "number", synonyms: ["annual revenue", "revenue usd", "arr"] },
  { key: "annualRevenueMillions", label: "Annual revenue (millions)", type: "number", synonyms: ["revenue", "revenue millions", "revenue mm", "revenue m"] },
  { key: "country", label: "Country", type: "string", synonyms: ["country", "office location", "location", "hq country", "headquarters"] },
  { key: "parent", label: "Parent account (name)", type: "string", synonyms: ["parent", "subsidiary of", "parent account", "parent company"] },
];

const OPPORTUNITY_FIELDS: TImportField[] = [
  { key: "externalId", label: "External id", type: "string", required: true, synonyms: ["opportunity id", "external id", "id", "deal id", "opportunityid"] },
  { key: "name", label: "Opportunity name", type: "string", synonyms: ["name", "opportunity name", "deal name", "opportunity"] },
  { key: "owner", label: "Owner (user name or e-mail)", type: "string", required: true, synonyms: ["sales agent", "owner", "sales rep", "rep", "account executive", "opportunity owner", "agent"] },
  { key: "product", label: "Product", type: "string", synonyms: ["product", "products", "product name"] },
  { key: "account", label: "Account (name)", type: "string", synonyms: ["account", "account name", "company", "customer"] },
  { key: "stage", label: "Stage", type: "string", required: true, synonyms: ["deal stage", "stage", "status", "opportunity stage"] },
  { key: "engageDate", label: "Engage date", type: "date", synonyms: ["engage date", "created date", "open date", "start date", "created"] },
  { key: "closeDate", label: "Close date", type: "date", synonyms: ["close date", "closed date", "expected close date", "close"] },
  { key: "amount", label: "Amount", type: "number", synonyms: ["close value", "amount", "value", "deal value", "deal size"] },
  { key: "listAmount", label: "List amount", type: "number", synonyms: ["list amount", "list price", "list value"] },
  { key: "currency", label: "Currency", type: "string", synonyms: ["currency", "currency code"] },
];

export const IMPORT_FIELDS: Record<TImportKind, TImportField[]> = { leads: LEAD_FIELDS, accounts: ACCOUNT_FIELDS, opportunities: OPPORTUNITY_FIELDS };

/** Leads keep unmapped columns as typed custom attributes; accounts and opportunities have no place for them. */
export const KEEPS_CUSTOM_ATTRIBUTES: Record<TImportKind, boolean> = { leads: true, accounts: false, opportunities: false };

export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}
