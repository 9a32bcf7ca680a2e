import { describe, expect, it } from "vitest";
import { ZLeadInput } from "@/lib/schemas/leads";
import { normaliseCompanyName } from "./company-name";
import { countryCode } from "./countries";
import { mergeLead, type TStoredLead } from "./merge";
import { normaliseLead, type TNormalisedLead } from "./normalise";

describe("countryCode", () => {
  it.each([
    ["DE", "DE"],
    ["de", "DE"],
    [" Germany ", "DE"],
    ["united kingdom", "GB"],
    ["UK", "GB"],
    ["USA", "US"],
    ["Bosnia & Herzegovina", "BA"],
    ["Bosnia and Herzegovina", "BA"],
    ["Narnia", null],
    ["EU", null],
  ])("%s → %s", (input, expected) => expect(countryCode(input)).toBe(expected));
});

describe("normaliseCompanyName", () => {
  it.each([
    ["Acme Corporation", "acme"],
    ["Northwind Logistics GmbH", "northwind logistics"],
    ["Société Générale S.A.", "societe generale"],
    ["Smith & Sons, Ltd.", "smith sons"],
  ])("%s → %s", (input, expected) => expect(normaliseCompanyName(input)).toBe(expected));
});

describe("lead input and normalisation", () => {
  const parse = (raw: unknown) => ZLeadInput.safeParse(raw);

  it("trims, lower-cases the e-mail and derives the domain", () => {
    const input = parse({ email: "  Dana.Smith@Example.COM ", company: " Example Inc. ", country: "germany", source: "Web Form" });
    expect(input.success).toBe(true);
    const result = normaliseLead(input.data!);
    expect(result).toMatchObject({ ok: true, lead: { email: "dana.smith@example.com", domain: "example.com", country: "DE", normalizedCompany: "example", source: "web_form", isPersonalEmail: false } });
  });

  it("flags personal mailboxes so they never match an account", () => {
    const r = normaliseLead(parse({ email: "someone@gmail.com" }).data!);
    expect(r.ok && r.lead.isPersonalEmail).toBe(true);
  });

  it("types custom attributes", () => {
    const r = normaliseLead(parse({ externalId: "crm-1", customAttributes: { seats: 40, trial: true, renewal: "2027-01-31", plan: "pro" } }).data!);
    expect(r.ok && r.lead.customAttributes).toEqual({
      seats: { type: "number", value: 40 },
      trial: { type: "boolean", value: true },
      renewal: { type: "date", value: "2027-01-31" },
      plan: { type: "string", value: "pro" },
    });
  });

  it.each([
    [{}, "email", "A lead needs an e-mail or an externalId"],
    [{ email: "not-an-email" }, "email", "Enter a valid e-mail address"],
    [{ email: "a@b.co", favouriteColour: "red" }, "", "Unknown field(s): favouriteColour"],
    [{ email: "a@b.co", employees: "many" }, "employees", "employees must be a number"],
    [{ email: "a@b.co", employees: 12.5 }, "employees", "employees must be a whole number"],
    [{ email: "a@b.co", language: "English" }, "language", 'Language is a code such as "en" or "de-AT"'],
    [{ email: "a@b.co", customAttributes: { "bad name": 1 } }, "customAttributes.bad name", "Custom attribute names"],
  ])("refuses %j with a message on %s", (raw, path, message) => {
    const r = parse(raw);
    expect(r.success).toBe(false);
    const issue = r.error!.issues.find((i) => i.path.join(".") === path);
    expect(issue?.message).toContain(message);
  });

  it("refuses an unknown country with a field error", () => {
    expect(normaliseLead(parse({ email: "a@b.co", country: "Narnia" }).data!)).toEqual({ ok: false, fields: { country: [expect.stringContaining('Unknown country "Narnia"')] } });
  });
});

describe("mergeLead", () => {
  const base = (over: Partial<TStoredLead> = {}): TStoredLead => ({
    email: "dana@example.com", externalId: null, firstName: "Dana", lastName: null, title: "Engineer", company: "Example", phone: null,
    country: "DE", industry: null, employees: 120, source: "web_form", productInterest: null, language: null, isPartnerSourced: null,
    customAttributes: {}, fieldSources: {}, ...over,
  });
  const incoming = (over: Partial<TNormalisedLead>): TNormalisedLead => ({
    email: "dana@example.com", externalId: null, domain: "example.com", isPersonalEmail: false, firstName: null, lastName: null, title: null,
    company: null, normalizedCompany: null, phone: null, country: null, industry: null, employees: null, source: null, productInterest: null,
    language: null, isPartnerSourced: null, customAttributes: {}, ...over,
  });
  const at = new Date("2026-11-21T12:00:00Z");

  it("fills empty fields and lets the newest value win", () => {
    const r = mergeLead(base(), incoming({ lastName: "Smith", title: "VP Engineering", firstName: null }), "API", at);
    expect(r.changes).toEqual({ lastName: "Smith", title: "VP Engineering" });
    expect(r.reasons).toEqual(['Filled lastName with "Smith"', 'Updated title from "Engineer" to "VP Engineering" (newer API value)']);
    expect(r.fieldSources.title).toEqual({ source: "API", at: at.toISOString() });
  });

  it("never lets a weaker source overwrite the system of record", () => {
    const stored = base({ fieldSources: { employees: { source: "CRM", at: "2026-01-01T00:00:00.000Z" } } });
    const r = mergeLead(stored, incoming({ employees: 5000 }), "FORM", at);
    expect(r.changes).toEqual({});
    expect(r.reasons[0]).toMatch(/Kept employees "120": set by CRM, which outranks FORM/);
    expect(mergeLead(stored, incoming({ employees: 5000 }), "CRM", at).changes).toEqual({ employees: 5000 });
  });

  it("merges custom attributes field by field", () => {
    const stored = base({ customAttributes: { plan: { type: "string", value: "free" }, seats: { type: "number", value: 3 } } });
    const r = mergeLead(stored, incoming({ customAttributes: { plan: { type: "string", value: "pro" } } }), "API", at);
    expect(r.changes.customAttributes).toEqual({ plan: { type: "string", value: "pro" }, seats: { type: "number", value: 3 } });
  });

  it("says when nothing changed", () => {
    expect(mergeLead(base(), incoming({ title: "Engineer" }), "API", at).reasons).toEqual(["Nothing new: every incoming value was empty or already stored"]);
  });
});
