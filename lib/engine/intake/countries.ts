// Country codes without a data dependency: the runtime's ICU data knows every ISO 3166
// region and its English name. Inputs may say "DE", "de", "Germany" or "Deutschland"-free
// English names; everything becomes the alpha-2 code.
// Groupings and reserved codes ICU also names; "UK" is reserved for the United Kingdom, which is GB.
const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "UK"]);
const ALIASES: Record<string, string> = {
  usa: "US",
  "united states of america": "US",
  america: "US",
  uk: "GB",
  "great britain": "GB",
  england: "GB",
  scotland: "GB",
  wales: "GB",
  "south korea": "KR",
  korea: "KR",
  russia: "RU",
  holland: "NL",
  "czech republic": "CZ",
  uae: "AE",
};

const byName = new Map<string, string>();
const codes = new Set<string>();
{
  const names = new Intl.DisplayNames(["en"], { type: "region", fallback: "none" });
  for (let a = 65; a < 91; a++) {
    for (let b = 65; b < 91; b++) {
      const code = String.fromCharCode(a, b);
      const name = names.of(code);
      if (!name || NOT_COUNTRIES.has(code)) continue;
      codes.add(code);
      byName.set(name.toLowerCase().replace("&", "and"), code);
    }
  }
}

/** ISO alpha-2 code for a code or English name, or null when it is not a country we know. */
export function countryCode(input: string): string | null {
  const raw = input.trim();
  if (raw.length === 2 && codes.has(raw.toUpperCase())) return raw.toUpperCase();
  const key = raw.toLowerCase().replace(/\s+/g, " ").replace("&", "and").replace(/\.$/, "");
  return ALIASES[key] ?? byName.get(key) ?? null;
}

export function countryName(code: string): string {
  return new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;
}
