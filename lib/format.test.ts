import { describe, expect, it } from "vitest";
import { formatDate, formatDuration, formatMoney, humanize } from "./format";

describe("format", () => {
  it.each([
    ["CLOSED_WON", "Closed won"],
    ["MQL", "Mql"],
    ["SALES_MANAGER", "Sales manager"],
  ])("humanize(%s) = %s", (input, expected) => expect(humanize(input)).toBe(expected));

  it("formats money from decimal strings without float arithmetic in callers", () => {
    expect(formatMoney("25000.00")).toBe("$25,000");
    expect(formatMoney(null)).toBe("—");
  });

  it("formats dates in the given timezone", () => {
    expect(formatDate("2026-03-29T23:30:00Z", "Europe/Berlin")).toBe("30 Mar 2026");
    expect(formatDate(null)).toBe("—");
  });

  it.each([
    [5 * 60_000, "5 min"],
    [90 * 60_000, "1 h 30 min"],
    [72 * 3_600_000, "3 days"],
  ])("formatDuration(%d) = %s", (ms, expected) => expect(formatDuration(ms)).toBe(expected));
});
