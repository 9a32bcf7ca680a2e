import { describe, expect, it } from "vitest";
import type { TScoringCondition } from "@/lib/schemas/policies/common";
import { describeCondition, describeMiss } from "./describe";
import { conditionMatches, type TFactValue } from "./evaluate";

const cases: [string, TScoringCondition, TFactValue, boolean][] = [
  ["any matches missing", { op: "any" }, undefined, true],
  ["equals ignores case and spaces", { op: "equals", value: "Germany" }, "  germany ", true],
  ["equals on numbers", { op: "equals", value: 5 }, 5, true],
  ["equals number vs text", { op: "equals", value: 5 }, "5", false],
  ["equals booleans", { op: "equals", value: true }, true, true],
  ["equals misses", { op: "equals", value: "DE" }, "AT", false],
  ["in any value", { op: "in", values: ["DE", "AT", "CH"] }, "at", true],
  ["in numbers", { op: "in", values: [1, 2] }, 2, true],
  ["in never matches empty", { op: "in", values: [""] as unknown as string[] }, "", false],
  ["in misses", { op: "in", values: ["DE"] }, "FR", false],
  ["range includes min", { op: "range", min: 200, max: 2000 }, 200, true],
  ["range excludes max", { op: "range", min: 200, max: 2000 }, 2000, false],
  ["range open above", { op: "range", min: 2000 }, 1_000_000, true],
  ["range open below", { op: "range", max: 200 }, -5, true],
  ["range never matches missing", { op: "range", max: 200 }, null, false],
  ["range never matches text", { op: "range", max: 200 }, "100", false],
  ["prefix any", { op: "prefix", values: ["VP", "Head"] }, "head of sales", true],
  ["prefix misses", { op: "prefix", values: ["VP"] }, "SVP Sales", false],
  ["suffix", { op: "suffix", values: [".edu", ".ac.uk"] }, "ox.AC.UK", true],
  ["contains", { op: "contains", values: ["intern", "student"] }, "Marketing Intern", true],
  ["contains misses non-text", { op: "contains", values: ["1"] }, 123, false],
  ["isEmpty missing", { op: "isEmpty" }, undefined, true],
  ["isEmpty blank", { op: "isEmpty" }, "   ", true],
  ["isEmpty present", { op: "isEmpty" }, "x", false],
  ["isEmpty false means present", { op: "isEmpty", value: false }, 0, true],
  ["isEmpty false on missing", { op: "isEmpty", value: false }, null, false],
];

describe("conditionMatches", () => {
  it.each(cases)("%s", (_name, condition, value, expected) => {
    expect(conditionMatches(condition, value)).toBe(expected);
  });
});

describe("describing conditions", () => {
  it.each<[TScoringCondition, string]>([
    [{ op: "in", values: ["DE", "AT"] }, "country is one of DE, AT"],
    [{ op: "in", values: ["a", "b", "c", "d", "e", "f", "g"] }, "country is one of a, b, c, d, e and 2 more"],
    [{ op: "range", min: 200, max: 2000 }, "country is from 200 to under 2000"],
    [{ op: "range", min: 2000 }, "country is at least 2000"],
    [{ op: "isEmpty", value: false }, "country is filled in"],
  ])("%j", (condition, text) => {
    expect(describeCondition("country", condition)).toBe(text);
  });

  it("says why a value missed", () => {
    expect(describeMiss("country", { op: "in", values: ["DE", "AT"] }, "US")).toBe("country is not one of DE, AT (it is US)");
    expect(describeMiss("title", { op: "prefix", values: ["VP"] }, null)).toBe("title does not start with VP (it is empty)");
    expect(describeMiss("isNamedAccount", { op: "equals", value: true }, false)).toBe("isNamedAccount is not yes (it is no)");
  });
});
