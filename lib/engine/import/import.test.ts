import { describe, expect, it } from "vitest";
import {
  checkMapping,
  coerceBoolean,
  coerceDate,
  coerceNumber,
  customAttributeName,
  inferColumnType,
  looksLikeFormula,
  mappingFromShorthand,
  neutraliseFormula,
  parseOpportunityStage,
  parseOutcome,
  readCsv,
  suggestMapping,
  validateRows,
  type TColumnMapping,
} from ".";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("readCsv", () => {
  it("strips a UTF-8 BOM and keeps accented text", () => {
    const r = readCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("name,city\nMüller,Köln\n")]));
    expect(r.ok && r.csv.headers).toEqual(["name", "city"]);
    expect(r.ok && r.csv.rows[0]).toEqual({ line: 2, values: ["Müller", "Köln"] });
  });

  it("refuses Latin-1 bytes and names the line", () => {
    const latin1 = new Uint8Array([...utf8("name\nok\nM"), 0xfc, ...utf8("ller\n")]);
    const r = readCsv(latin1);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/not UTF-8: line 3 .*0xFC.*Latin-1/);
  });

  it("refuses empty and oversized files", () => {
    expect(readCsv(new Uint8Array()).ok).toBe(false);
    const r = readCsv(utf8("a\n1\n"), 2);
    expect(!r.ok && r.message).toMatch(/at most/);
  });

  it("reports ragged rows by their line, counting quoted line breaks", () => {
    const r = readCsv(utf8('a,b\n1,2\n"multi\nline",3\n4,5,6\n7\n'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.csv.rows.map((x) => x.line)).toEqual([2, 3]);
    expect(r.csv.problems.map((p) => p.line)).toEqual([5, 6]);
    expect(r.csv.problems[0]!.message).toMatch(/Line 5 has 3 cells but the header has 2/);
  });

  it("refuses duplicate or empty headers and an unclosed quote", () => {
    expect(readCsv(utf8("a,A\n1,2\n")).ok).toBe(false);
    expect(readCsv(utf8("a,,b\n1,2,3\n")).ok).toBe(false);
    const r = readCsv(utf8('a,b\n"1,2\n'));
    expect(!r.ok && r.message).toMatch(/unclosed quote/);
  });

  it("reads semicolon-separated exports", () => {
    const r = readCsv(utf8("email;company\na@b.io;B\n"));
    expect(r.ok && r.csv.rows[0]!.values).toEqual(["a@b.io", "B"]);
  });
});

describe("coercion", () => {
  it.each([
    ["1234", 1234],
    ["1,234.5", 1234.5],
    ["$1,200", 1200],
    ["1.234,5", 1234.5],
    ["12,5", 12.5],
    ["1 200", 1200],
    ["(50)", -50],
    ["-3.5e2", -350],
  ])("number %s → %d", (raw, value) => expect(coerceNumber(raw)).toEqual({ ok: true, value }));

  it.each(["abc", "1.2.3", "", "12a"])("not a number: %s", (raw) => expect(coerceNumber(raw).ok).toBe(false));

  it.each([
    ["Yes", true],
    ["no", false],
    ["TRUE", true],
    ["0", false],
    ["1", true],
  ])("boolean %s → %s", (raw, value) => expect(coerceBoolean(raw)).toEqual({ ok: true, value }));

  it("refuses a boolean it does not know", () => expect(coerceBoolean("maybe").ok).toBe(false));

  it.each([
    ["2024-03-31", "2024-03-31"],
    ["2024/3/1", "2024-03-01"],
    ["2024-03-31T10:00:00Z", "2024-03-31"],
    ["03/31/2024", "2024-03-31"],
    ["31/03/2024", "2024-03-31"],
    ["31.03.2024", "2024-03-31"],
    ["31 Mar 2024", "2024-03-31"],
    ["March 31, 2024", "2024-03-31"],
  ])("date %s → %s", (raw, value) => expect(coerceDate(raw)).toEqual({ ok: true, value }));

  it.each(["2024-02-30", "13/13/2024", "yesterday", "2024-13-01"])("not a date: %s", (raw) => expect(coerceDate(raw).ok).toBe(false));

  it.each([
    [["1", "2.5", ""], "number"],
    [["0", "1", "1"], "boolean"],
    [["Yes", "no"], "boolean"],
    [["2024-01-01", "31.12.2023"], "date"],
    [["a", "1"], "string"],
    [["", ""], "string"],
  ] as const)("infers %j as %s", (values, type) => expect(inferColumnType(values)).toBe(type));
});

describe("formula cells", () => {
  it.each(["=cmd|' /C calc'!A0", "@SUM(A1)", "+HYPERLINK(1)", "-2+3+cmd", "\t=1"])("flags %s", (v) => expect(looksLikeFormula(v)).toBe(true));
  it.each(["+49 30 1234567", "-12.5", "Acme", "a=b", "(555) 123-4567"])("lets %s through", (v) => expect(looksLikeFormula(v)).toBe(false));
  it("neutralises with an apostrophe for export", () => {
    expect(neutraliseFormula("=1+1")).toBe("'=1+1");
    expect(neutraliseFormula("Acme")).toBe("Acme");
  });
});

describe("mapping", () => {
  it("suggests fields from header synonyms and keeps the rest as custom attributes", () => {
    expect(suggestMapping("leads", ["E-mail", "Company Name", "email_address", "First Name", "Budget (EUR)", "Converted"])).toEqual({
      "E-mail": { to: "field", field: "email" },
      "Company Name": { to: "field", field: "company" },
      email_address: { to: "custom", name: "email_address" },
      "First Name": { to: "field", field: "firstName" },
      "Budget (EUR)": { to: "custom", name: "budget_eur" },
      Converted: { to: "field", field: "outcome" },
    });
  });

  it("maps the real CRM export's headers", () => {
    const accounts = suggestMapping("accounts", ["account", "sector", "year_established", "revenue", "employees", "office_location", "subsidiary_of"]);
    expect(accounts).toMatchObject({ account: { field: "name" }, sector: { field: "industry" }, revenue: { field: "annualRevenueMillions" }, office_location: { field: "country" }, subsidiary_of: { field: "parent" }, year_established: { to: "ignore" } });
    const opps = suggestMapping("opportunities", ["opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date", "close_date", "close_value"]);
    expect(Object.values(opps).map((t) => (t.to === "field" ? t.field : t.to))).toEqual(["externalId", "owner", "product", "account", "stage", "engageDate", "closeDate", "amount"]);
  });

  it("names custom attributes by the intake rule", () => {
    expect(customAttributeName("2nd Choice!")).toBe("c_2nd_choice");
    expect(customAttributeName("Größe")).toBe("grosse");
  });

  it("reports unknown columns, unknown fields, duplicates and missing required fields", () => {
    const mapping: TColumnMapping = { Mail: { to: "field", field: "emial" }, Other: { to: "field", field: "company" }, Ghost: { to: "ignore" } };
    const problems = checkMapping("leads", ["Mail", "Other", "Extra"], mapping).map((p) => p.message);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/column "Ghost" that the file does not have/),
        expect.stringMatching(/"emial" is not a field of leads/),
        expect.stringMatching(/Column "Extra" is not mapped/),
        expect.stringMatching(/E-mail or External id/),
      ]),
    );
    expect(checkMapping("opportunities", ["id"], { id: { to: "field", field: "externalId" } }).length).toBe(2);
  });

  it("reads the shorthand mapping file format", () => {
    expect(mappingFromShorthand({ "E-mail": "email", Budget: "custom", Fav: "custom:fav", Notes: "ignore" })).toEqual({
      ok: true,
      mapping: { "E-mail": { to: "field", field: "email" }, Budget: { to: "custom", name: "budget" }, Fav: { to: "custom", name: "fav" }, Notes: { to: "ignore" } },
    });
    expect(mappingFromShorthand({ a: 3 }).ok).toBe(false);
  });
});

describe("validateRows", () => {
  const csv = (text: string) => {
    const r = readCsv(utf8(text));
    if (!r.ok) throw new Error(r.message);
    return r.csv;
  };

  it("turns lead rows into intake input with typed custom attributes and an outcome", () => {
    const { headers, rows } = csv("Email,Employees,Budget,Demo booked,Signed up,Outcome\na@acme.io,\"1,200\",5000,Yes,2024-01-05,won\nb@acme.io,,12.5,No,03/02/2024,\n");
    const result = validateRows("leads", headers, rows, suggestMapping("leads", headers));
    expect(result.errors).toEqual([]);
    expect(result.customTypes).toEqual({ budget: "number", demo_booked: "boolean", signed_up: "date" });
    expect(result.records).toEqual([
      { kind: "leads", line: 2, lead: { email: "a@acme.io", employees: 1200, customAttributes: { budget: 5000, demo_booked: true, signed_up: "2024-01-05" } }, outcome: "WON" },
      { kind: "leads", line: 3, lead: { email: "b@acme.io", customAttributes: { budget: 12.5, demo_booked: false, signed_up: "2024-03-02" } }, outcome: null },
    ]);
  });

  it("reports each bad cell with line, column and message, and keeps good rows", () => {
    const { headers, rows } = csv("Email,Employees,Country,Outcome\nnot-an-email,10,DE,lost\nc@acme.io,ten,DE,won\nd@acme.io,5,Atlantis,won\n=cmd|'/C calc'!A0,1,DE,won\ne@acme.io,1,DE,maybe\nf@acme.io,3,DE,converted\n");
    const result = validateRows("leads", headers, rows, suggestMapping("leads", headers));
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [2, "Email"],
      [3, "Employees"],
      [4, "Country"],
      [5, "Email"],
      [6, "Outcome"],
    ]);
    expect(result.errors[1]!.message).toMatch(/"ten" is not a number/);
    expect(result.errors[3]!.message).toMatch(/formula/);
    expect(result.records.map((r) => r.line)).toEqual([7]);
  });

  it("reads accounts with revenue in millions and warns on an unknown country", () => {
    const { headers, rows } = csv("account,revenue,office_location,subsidiary_of\nAcme,1100.04,United States,\nBeta,2.5,Philipines,Acme\n");
    const result = validateRows("accounts", headers, rows, suggestMapping("accounts", headers));
    expect(result.records).toMatchObject([
      { name: "Acme", annualRevenue: 1_100_040_000, country: "US", parent: null },
      { name: "Beta", annualRevenue: 2_500_000, country: null, parent: "Acme" },
    ]);
    expect(result.warnings).toMatchObject([{ line: 3, column: "office_location" }]);
  });

  it("maps opportunity stages and requires an id, owner and stage", () => {
    const { headers, rows } = csv("opportunity_id,sales_agent,deal_stage,close_value,close_date\nA1,Moses Frase,Won,1054,2017-03-01\nA2,,Engaging,,\nA3,Moses Frase,Dreaming,,\n");
    const result = validateRows("opportunities", headers, rows, suggestMapping("opportunities", headers));
    expect(result.records).toMatchObject([{ externalId: "A1", stage: "CLOSED_WON", amount: 1054, closeDate: "2017-03-01" }]);
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "sales_agent"],
      [4, "deal_stage"],
    ]);
  });

  it.each([
    ["Won", "CLOSED_WON"],
    ["Lost", "CLOSED_LOST"],
    ["Engaging", "DISCOVERY"],
    ["Prospecting", "QUALIFIED"],
    ["closed won", "CLOSED_WON"],
  ])("stage %s → %s", (raw, stage) => expect(parseOpportunityStage(raw)).toEqual({ ok: true, value: stage }));

  it.each([
    ["Converted", "CONVERTED"],
    ["1", "CONVERTED"],
    ["0", "LOST"],
    ["Closed Won", "WON"],
  ])("outcome %s → %s", (raw, outcome) => expect(parseOutcome(raw)).toEqual({ ok: true, value: outcome }));
});
