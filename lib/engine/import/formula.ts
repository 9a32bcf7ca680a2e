// Formula injection: a cell such as =HYPERLINK(…) or =cmd|' /C calc'!A0 runs when someone opens
// an export in a spreadsheet. Imports refuse such cells (so they never reach the database);
// exports neutralise anything that still starts like a formula with a leading apostrophe.

/** True for text a spreadsheet would evaluate. "+49 30 1234" and "-12.5" are data, not formulas. */
export function looksLikeFormula(value: string): boolean {
  const v = value.trimStart();
  if (v.startsWith("=") || v.startsWith("@")) return true;
  if (/^[\t\r]/.test(value)) return true;
  if (/^[+-]/.test(v)) return !/^[+-][\d\s().-]*$/.test(v);
  return false;
}

export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
