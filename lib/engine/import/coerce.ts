// Typed coercion of CSV cells. Every function returns the value or a message that says what
// was expected, so the dry run can report "line 7, column Employees: …".

export type TCoerced<T> = { ok: true; value: T } | { ok: false; message: string };

const TRUE = new Set(["yes", "y", "true", "t", "1", "ja", "oui", "si", "x"]);
const FALSE = new Set(["no", "n", "false", "f", "0", "nein", "non"]);

export function coerceBoolean(raw: string): TCoerced<boolean> {
  const v = raw.trim().toLowerCase();
  if (TRUE.has(v)) return { ok: true, value: true };
  if (FALSE.has(v)) return { ok: true, value: false };
  return { ok: false, message: `"${raw}" is not yes/no (use Yes, No, true, false, 1 or 0)` };
}

/**
 * Numbers as spreadsheets write them: "1234.5", "1,234.5", "$1,200", "1 200", "12%", and the
 * European "1.234,5". A lone separator followed by exactly three digits is read as thousands.
 */
export function coerceNumber(raw: string): TCoerced<number> {
  let v = raw.trim().replace(/^[$€£¥]|[$€£¥]$/g, "").replace(/\s|\u00a0/g, "").replace(/%$/, "");
  if (/^\(.*\)$/.test(v)) v = `-${v.slice(1, -1)}`;
  if (/^-?\d{1,3}(\.\d{3})+,\d+$/.test(v) || /^-?\d+,\d{1,2}$/.test(v)) v = v.replaceAll(".", "").replace(",", ".");
  else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(v)) v = v.replaceAll(",", "");
  if (!/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v)) return { ok: false, message: `"${raw}" is not a number` };
  const n = Number(v);
  return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: `"${raw}" is not a number` };
}

export function coerceInteger(raw: string): TCoerced<number> {
  const n = coerceNumber(raw);
  if (!n.ok) return n;
  return Number.isInteger(n.value) ? n : { ok: false, message: `"${raw}" is not a whole number` };
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * Dates in the common export formats → "YYYY-MM-DD". Slashes are read month-first (US, what
 * CRMs export) unless the first part is over 12; dots and dashes with the day first are
 * European (31.12.2024, 31-12-2024). ISO timestamps keep only their date.
 */
export function coerceDate(raw: string, options: { dayFirst?: boolean } = {}): TCoerced<string> {
  const v = raw.trim();
  let y: number, m: number, d: number;
  let match: RegExpMatchArray | null;
  if ((match = v.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/))) [y, m, d] = [+match[1]!, +match[2]!, +match[3]!];
  else if ((match = v.match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/))) {
    const [a, b] = [+match[1]!, +match[2]!];
    const dayFirst = options.dayFirst || a > 12;
    [y, m, d] = [+match[3]!, dayFirst ? b : a, dayFirst ? a : b];
  } else if ((match = v.match(/^(\d{1,2})[.-](\d{1,2})[.-](\d{4})$/))) [y, m, d] = [+match[3]!, +match[2]!, +match[1]!];
  else if ((match = v.match(/^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -,]*(\d{4})$/))) [y, m, d] = [+match[3]!, MONTHS.indexOf(match[2]!.toLowerCase()) + 1, +match[1]!];
  else if ((match = v.match(/^([A-Za-z]{3})[A-Za-z]*\.? (\d{1,2}),? (\d{4})$/))) [y, m, d] = [+match[3]!, MONTHS.indexOf(match[1]!.toLowerCase()) + 1, +match[2]!];
  else return { ok: false, message: `"${raw}" is not a date (use 2024-03-31, 03/31/2024, 31.03.2024 or 31 Mar 2024)` };
  const date = new Date(Date.UTC(y, m - 1, d));
  if (m < 1 || m > 12 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, message: `"${raw}" is not a real calendar date` };
  }
  return { ok: true, value: `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` };
}

export type TInferredType = "number" | "boolean" | "date" | "string";

/** The narrowest type every non-empty value of a column fits; numbers win over 0/1 booleans. */
export function inferColumnType(values: readonly string[]): TInferredType {
  const present = values.map((v) => v.trim()).filter((v) => v !== "");
  if (present.length === 0) return "string";
  if (present.every((v) => coerceNumber(v).ok)) {
    return present.every((v) => v === "0" || v === "1") && present.some((v) => v === "0") && present.some((v) => v === "1") ? "boolean" : "number";
  }
  if (present.every((v) => coerceBoolean(v).ok)) return "boolean";
  if (present.every((v) => coerceDate(v).ok)) return "date";
  return "string";
}
