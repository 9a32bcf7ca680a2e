// Column mapping: each CSV header goes to a field, to a custom attribute (leads) or nowhere.
// The suggestion is deterministic: exact synonym matches first, each field used at most once,
// in header order, so two "email" columns never both claim the e-mail field.
import { IMPORT_FIELDS, KEEPS_CUSTOM_ATTRIBUTES, normaliseHeader, type TImportKind } from "./fields";

export type TColumnTarget = { to: "field"; field: string } | { to: "custom"; name: string } | { to: "ignore" };
export type TColumnMapping = Record<string, TColumnTarget>;

export function suggestMapping(kind: TImportKind, headers: readonly string[]): TColumnMapping {
  const fields = IMPORT_FIELDS[kind];
  const bySynonym = new Map<string, string>();
  for (const field of fields) for (const s of [field.key, field.label, ...field.synonyms]) if (!bySynonym.has(normaliseHeader(s))) bySynonym.set(normaliseHeader(s), field.key);
  const used = new Set<string>();
  const mapping: TColumnMapping = {};
  for (const header of headers) {
    const field = bySynonym.get(normaliseHeader(header));
    if (field && !used.has(field)) {
      used.add(field);
      mapping[header] = { to: "field", field };
    } else mapping[header] = KEEPS_CUSTOM_ATTRIBUTES[kind] ? { to: "custom", name: customAttributeName(header) } : { to: "ignore" };
  }
  return mapping;
}

/** "Budget (EUR)" → "budget_eur": the custom attribute naming rule intake enforces. */
export function customAttributeName(header: string): string {
  const base = header
    .replaceAll("ß", "ss")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  const named = /^[a-z]/.test(base) ? base : `c_${base}`;
  return named.slice(0, 50).replace(/_+$/, "") || "column";
}

export type TMappingProblem = { column?: string; message: string };

/**
 * Checks a mapping (edited in the UI or read from a --mapping file) against the file's headers:
 * every header mapped, no unknown column or field, required fields present, no field twice.
 */
export function checkMapping(kind: TImportKind, headers: readonly string[], mapping: TColumnMapping): TMappingProblem[] {
  const problems: TMappingProblem[] = [];
  const fields = new Map(IMPORT_FIELDS[kind].map((f) => [f.key, f]));
  const headerSet = new Set(headers);
  for (const column of Object.keys(mapping)) {
    if (!headerSet.has(column)) problems.push({ column, message: `The mapping names a column "${column}" that the file does not have.` });
  }
  const claimed = new Map<string, string>();
  const customNames = new Map<string, string>();
  for (const header of headers) {
    const target = mapping[header];
    if (!target) {
      problems.push({ column: header, message: `Column "${header}" is not mapped: map it to a field${KEEPS_CUSTOM_ATTRIBUTES[kind] ? ", keep it as a custom attribute" : ""} or ignore it.` });
      continue;
    }
    if (target.to === "field") {
      if (!fields.has(target.field)) problems.push({ column: header, message: `"${target.field}" is not a field of ${kind}. Known fields: ${[...fields.keys()].join(", ")}.` });
      else if (claimed.has(target.field)) problems.push({ column: header, message: `Columns "${claimed.get(target.field)}" and "${header}" are both mapped to ${target.field}.` });
      else claimed.set(target.field, header);
    } else if (target.to === "custom") {
      if (!KEEPS_CUSTOM_ATTRIBUTES[kind]) problems.push({ column: header, message: `${kind} have no custom attributes: map column "${header}" to a field or ignore it.` });
      else if (!/^[A-Za-z][A-Za-z0-9_]{0,49}$/.test(target.name)) problems.push({ column: header, message: `"${target.name}" is not a valid custom attribute name: start with a letter, then letters, digits or _ (at most 50).` });
      else if (customNames.has(target.name)) problems.push({ column: header, message: `Columns "${customNames.get(target.name)}" and "${header}" both become custom attribute ${target.name}.` });
      else customNames.set(target.name, header);
    }
  }
  for (const field of IMPORT_FIELDS[kind]) {
    if (field.required && !claimed.has(field.key)) problems.push({ message: `No column is mapped to ${field.label} (${field.key}), which ${kind} need.` });
  }
  if (kind === "leads" && !claimed.has("email") && !claimed.has("externalId")) problems.push({ message: "Map a column to E-mail or External id: a lead needs one of them." });
  if (kind === "accounts" && claimed.has("annualRevenue") && claimed.has("annualRevenueMillions")) problems.push({ message: "Map revenue once: as Annual revenue or as Annual revenue (millions), not both." });
  return problems;
}

/**
 * The shorthand a mapping file may use: {"E-mail": "email", "Budget": "custom", "Notes": "ignore",
 * "Fav": "custom:favourite"}. Full objects ({"to": "field", "field": "email"}) are accepted too.
 */
export function mappingFromShorthand(raw: Record<string, unknown>): { ok: true; mapping: TColumnMapping } | { ok: false; message: string } {
  const mapping: TColumnMapping = {};
  for (const [column, value] of Object.entries(raw)) {
    if (typeof value === "string") {
      if (value === "ignore") mapping[column] = { to: "ignore" };
      else if (value === "custom") mapping[column] = { to: "custom", name: customAttributeName(column) };
      else if (value.startsWith("custom:")) mapping[column] = { to: "custom", name: value.slice(7) };
      else mapping[column] = { to: "field", field: value };
    } else if (value && typeof value === "object" && "to" in value) {
      const v = value as { to: unknown; field?: unknown; name?: unknown };
      if (v.to === "field" && typeof v.field === "string") mapping[column] = { to: "field", field: v.field };
      else if (v.to === "custom" && typeof v.name === "string") mapping[column] = { to: "custom", name: v.name };
      else if (v.to === "ignore") mapping[column] = { to: "ignore" };
      else return { ok: false, message: `The mapping for column "${column}" is not understood.` };
    } else return { ok: false, message: `The mapping for column "${column}" must be a field name, "custom", "custom:<name>" or "ignore".` };
  }
  return { ok: true, mapping };
}
