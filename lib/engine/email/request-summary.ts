// Plain words for what an exception request asks ("Discount of 27%"), for the e-mail link's
// confirmation page. A type this list does not know still reads as "Its type: field value".

const KNOWN: Record<string, (d: Record<string, unknown>) => string> = {
  DISCOUNT: (d) => `Discount of ${String(d.discountPct)}%`,
  VOLUME_DISCOUNT: (d) => `Volume discount of ${String(d.discountPct)}%${d.quantity ? ` on ${String(d.quantity)} units` : ""}`,
  PAYMENT_TERMS: (d) => `Payment terms of ${String(d.paymentTermsDays)} days`,
  MULTI_YEAR: (d) => `Multi-year term of ${String(d.termMonths)} months`,
  CUSTOM_LEGAL: (d) => `Custom legal clause: ${String(d.clause)}`,
  OTHER: (d) => `Other: ${String(d.description)}`,
};

export function describeRequestedDeviations(type: string, details: unknown): string[] {
  const list = (details as { deviations?: unknown } | null)?.deviations;
  if (!Array.isArray(list) || list.length === 0) return [words(type)];
  return list.map((raw) => {
    const d = (raw ?? {}) as Record<string, unknown>;
    const kind = String(d.type ?? type);
    const known = KNOWN[kind];
    if (known) return known(d);
    const rest = Object.entries(d)
      .filter(([k]) => k !== "type")
      .map(([k, v]) => `${words(k)} ${typeof v === "object" ? JSON.stringify(v) : String(v)}`);
    return [words(kind), ...rest].join(": ");
  });
}

function words(value: string): string {
  const spaced = value.replace(/([a-z])([A-Z])/g, "$1 $2").replaceAll("_", " ").toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
