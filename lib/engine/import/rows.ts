// Row validation: one CSV row + the mapping → a typed record for the kind, or the row's errors
// with line and column. Pure and total: the dry run and the real run call the same code, so a
// dry run that passes means the run will not refuse a row for its shape.
import { ZLeadInput } from "@/lib/schemas/leads";
import { normaliseLead } from "../intake/normalise";
import { countryCode } from "../intake/countries";
import { coerceBoolean, coerceDate, coerceInteger, coerceNumber, inferColumnType, type TCoerced, type TInferredType } from "./coerce";
import { IMPORT_FIELDS, type TFieldType, type TImportKind } from "./fields";
import { looksLikeFormula } from "./formula";
import type { TColumnMapping } from "./mapping";
import type { TCsvProblem, TCsvRow } from "./parse";
import { parseOpportunityStage, parseOutcome, type TOpportunityStage, type TOutcome } from "./values";

export type TLeadRecord = { kind: "leads"; line: number; lead: Record<string, unknown>; outcome: TOutcome | null };
export type TAccountRecord = {
  kind: "accounts";
  line: number;
  name: string;
  externalId: string | null;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  annualRevenue: number | null;
  country: string | null;
  parent: string | null;
};
export type TOpportunityRecord = {
  kind: "opportunities";
  line: number;
  externalId: string;
  name: string | null;
  owner: string;
  product: string | null;
  account: string | null;
  stage: TOpportunityStage;
  engageDate: string | null;
  closeDate: string | null;
  amount: number | null;
  listAmount: number | null;
  currency: string | null;
};
export type TImportRecord = TLeadRecord | TAccountRecord | TOpportunityRecord;

export type TRowsResult<R> = { records: R[]; errors: TCsvProblem[]; warnings: TCsvProblem[]; customTypes: Record<string, TInferredType> };

/** Types of the columns kept as custom attributes, inferred from all their values. */
export function inferCustomTypes(headers: readonly string[], rows: readonly TCsvRow[], mapping: TColumnMapping): Record<string, TInferredType> {
  const types: Record<string, TInferredType> = {};
  headers.forEach((header, i) => {
    const target = mapping[header];
    if (target?.to === "custom") types[target.name] = inferColumnType(rows.map((r) => r.values[i] ?? ""));
  });
  return types;
}

export function validateRows(kind: TImportKind, headers: readonly string[], rows: readonly TCsvRow[], mapping: TColumnMapping): TRowsResult<TImportRecord> {
  const customTypes = kind === "leads" ? inferCustomTypes(headers, rows, mapping) : {};
  const fieldTypes = new Map(IMPORT_FIELDS[kind].map((f) => [f.key, f.type]));
  // Which column feeds each field, so an error about a missing value still names its column.
  const fieldColumn: Record<string, string> = {};
  for (const [header, target] of Object.entries(mapping)) if (target.to === "field") fieldColumn[target.field] = header;
  const records: TImportRecord[] = [];
  const errors: TCsvProblem[] = [];
  const warnings: TCsvProblem[] = [];
  for (const row of rows) {
    const rowErrors: TCsvProblem[] = [];
    const fields: Record<string, unknown> = {};
    const columnOf: Record<string, string> = { ...fieldColumn };
    const custom: Record<string, string | number | boolean> = {};
    headers.forEach((header, i) => {
      const target = mapping[header];
      const raw = (row.values[i] ?? "").trim();
      if (!target || target.to === "ignore" || raw === "") return;
      if (looksLikeFormula(raw)) {
        rowErrors.push({ line: row.line, column: header, message: `"${raw.slice(0, 40)}" looks like a spreadsheet formula; formulas are refused so they can never run from an export. Remove the leading =, +, - or @.` });
        return;
      }
      if (target.to === "custom") {
        const value = coerceAs(customTypes[target.name] ?? "string", raw);
        if (value.ok) custom[target.name] = value.value;
        else rowErrors.push({ line: row.line, column: header, message: value.message });
        return;
      }
      const value = coerceAs(fieldTypes.get(target.field) ?? "string", raw);
      if (value.ok) {
        fields[target.field] = value.value;
      } else rowErrors.push({ line: row.line, column: header, message: value.message });
    });
    const built = rowErrors.length ? null : buildRecord(kind, row.line, fields, custom, columnOf, rowErrors, warnings);
    if (built) records.push(built);
    errors.push(...rowErrors);
  }
  return { records, errors, warnings, customTypes };
}

function coerceAs(type: TFieldType | TInferredType, raw: string): TCoerced<string | number | boolean> {
  switch (type) {
    case "integer":
      return coerceInteger(raw);
    case "number":
      return coerceNumber(raw);
    case "boolean":
      return coerceBoolean(raw);
    case "date":
      return coerceDate(raw);
    case "outcome":
      return parseOutcome(raw);
    default:
      return { ok: true, value: raw };
  }
}

function buildRecord(
  kind: TImportKind,
  line: number,
  fields: Record<string, unknown>,
  custom: Record<string, string | number | boolean>,
  columnOf: Record<string, string>,
  errors: TCsvProblem[],
  warnings: TCsvProblem[],
): TImportRecord | null {
  const text = (k: string) => (typeof fields[k] === "string" ? (fields[k] as string) : null);
  const num = (k: string) => (typeof fields[k] === "number" ? (fields[k] as number) : null);
  if (kind === "leads") {
    const { outcome, ...rest } = fields;
    const lead = { ...rest, ...(Object.keys(custom).length ? { customAttributes: custom } : {}) };
    const parsed = ZLeadInput.safeParse(lead);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "");
        errors.push({ line, column: columnOf[field] ?? (field || undefined), message: issue.message });
      }
      return null;
    }
    const normalised = normaliseLead(parsed.data);
    if (!normalised.ok) {
      for (const [field, messages] of Object.entries(normalised.fields)) for (const message of messages) errors.push({ line, column: columnOf[field] ?? field, message });
      return null;
    }
    return { kind, line, lead, outcome: (outcome as TOutcome | undefined) ?? null };
  }
  if (kind === "accounts") {
    const name = text("name");
    if (!name) {
      errors.push({ line, column: columnOf.name, message: "An account needs a name." });
      return null;
    }
    let country: string | null = null;
    if (text("country")) {
      country = countryCode(text("country")!);
      if (!country) warnings.push({ line, column: columnOf.country, message: `Unknown country "${text("country")}": the account is imported without a country.` });
    }
    const millions = num("annualRevenueMillions");
    return {
      kind,
      line,
      name,
      externalId: text("externalId"),
      domain: text("domain")?.toLowerCase().replace(/^https?:\/\//, "").replace(/^www\./, "").replace(/\/.*$/, "") ?? null,
      industry: text("industry"),
      employees: num("employees"),
      annualRevenue: millions !== null ? Math.round(millions * 1_000_000) : num("annualRevenue"),
      country,
      parent: text("parent"),
    };
  }
  const stage = text("stage");
  const owner = text("owner");
  const externalId = text("externalId");
  for (const [k, v] of [["externalId", externalId], ["owner", owner], ["stage", stage]] as const) {
    if (!v) errors.push({ line, column: columnOf[k], message: `An opportunity needs a value for ${k}.` });
  }
  const parsedStage = stage ? parseOpportunityStage(stage) : null;
  if (parsedStage && !parsedStage.ok) errors.push({ line, column: columnOf.stage, message: parsedStage.message });
  const amount = num("amount");
  if (amount !== null && amount < 0) errors.push({ line, column: columnOf.amount, message: "The amount cannot be negative." });
  if (!externalId || !owner || !parsedStage?.ok || (amount !== null && amount < 0)) return null;
  return {
    kind,
    line,
    externalId,
    name: text("name"),
    owner,
    product: text("product"),
    account: text("account"),
    stage: parsedStage.value,
    engageDate: text("engageDate"),
    closeDate: text("closeDate"),
    amount,
    listAmount: num("listAmount"),
    currency: text("currency")?.toUpperCase() ?? null,
  };
}
