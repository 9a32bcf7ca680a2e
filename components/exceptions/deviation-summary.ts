import { humanize } from "@/lib/format";

// The requested deviations in a few words ("Discount 27%", "Payment terms net 60"), from
// details.deviations, or from the older flat details (discountPct, paymentTermsDays, …).

type TDetails = { deviations?: Record<string, unknown>[] } & Record<string, unknown>;

function one(d: Record<string, unknown>): string {
  switch (d.type) {
    case "DISCOUNT":
      return `Discount ${String(d.discountPct)}%`;
    case "VOLUME_DISCOUNT":
      return `Volume discount ${String(d.discountPct)}%${typeof d.quantity === "number" ? ` on ${d.quantity} units` : ""}`;
    case "PAYMENT_TERMS":
      return `Payment terms net ${String(d.paymentTermsDays)}`;
    case "MULTI_YEAR":
      return `${String(d.termMonths)}-month term`;
    case "CUSTOM_LEGAL":
      return `${d.customSla ? "Custom SLA" : "Custom legal terms"}: ${String(d.clause ?? "")}`;
    case "OTHER":
      return `Other: ${String(d.description ?? "")}`;
    default:
      return humanize(String(d.type ?? "Other"));
  }
}

export function deviationSummary(type: string, details: unknown): string[] {
  const d = (details ?? {}) as TDetails;
  if (Array.isArray(d.deviations) && d.deviations.length > 0) return d.deviations.map(one);
  return [one({ ...d, type })];
}
