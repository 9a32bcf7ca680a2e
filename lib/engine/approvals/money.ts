// Integer-cents helpers. Money never goes through float multiplication or division that
// could lose a cent: ACV is an exact integer division (floor) corrected with integer
// products, and Decimal strings from the database are parsed digit by digit.
import type { TCents, TDealContext } from "./types";

/** "12345.6" / "-3.07" / "100" (Prisma Decimal#toString) → integer cents; throws on anything else. */
export function centsFromDecimal(text: string): TCents {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new RangeError(`"${text}" is not an amount with at most two decimals`);
  const cents = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) throw new RangeError(`"${text}" is too large to hold in cents`);
  return m[1] === "-" ? -cents : cents;
}

export function assertCents(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be whole cents, got ${value}`);
}

/**
 * Annual contract value: the given ACV, else amount × 12 / term for terms of a year or
 * more (a shorter contract's ACV is its whole amount), rounded down to the cent.
 */
export function acvCentsOf(deal: TDealContext, termMonths: number): TCents {
  if (deal.acvCents !== undefined) return deal.acvCents;
  if (termMonths <= 12) return deal.amountCents;
  const total = deal.amountCents * 12;
  let q = Math.floor(total / termMonths);
  // A float quotient of two exact integers can land one off after flooring; fix it exactly.
  while (q * termMonths > total) q -= 1;
  while ((q + 1) * termMonths <= total) q += 1;
  return q;
}

/** The deal's discount from list, in percent with two decimals; 0 without a list amount. */
export function discountPctOf(deal: TDealContext): number {
  const list = deal.listAmountCents;
  if (list === undefined || list <= 0 || deal.amountCents >= list) return 0;
  return Math.round(((list - deal.amountCents) * 10_000) / list) / 100;
}

/** $25,000 or $1,234.50 — hand-rolled because toLocaleString costs microseconds per call. */
export function formatCents(cents: TCents): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const whole = Math.floor(abs / 100);
  const rest = abs % 100;
  let digits = String(whole);
  let grouped = "";
  while (digits.length > 3) {
    grouped = `,${digits.slice(-3)}${grouped}`;
    digits = digits.slice(0, -3);
  }
  const tail = rest === 0 ? "" : `.${String(rest).padStart(2, "0")}`;
  return `${negative ? "-" : ""}$${digits}${grouped}${tail}`;
}

/** Policy thresholds are whole currency units (minAcv: 25000); compare them as cents. */
export function unitsToCents(units: number): TCents {
  return Math.round(units * 100);
}
