import { describe, expect, it } from "vitest";
import { ZRoutingCondition, ZScoringCondition, attributeType, conditionTypeProblem } from "./common";

describe("conditions", () => {
  it.each([
    { op: "any" },
    { op: "equals", value: "EMEA" },
    { op: "equals", value: true },
    { op: "in", values: ["DE", "AT", "CH"] },
    { op: "range", min: 200 },
    { op: "range", max: 2000 },
    { op: "range", min: 200, max: 2000 },
    { op: "prefix", values: ["+44"] },
    { op: "suffix", values: [".edu", ".ac.uk"] },
    { op: "isEmpty" },
    { op: "isEmpty", value: false },
  ])("routing accepts %j", (condition) => {
    expect(ZRoutingCondition.safeParse(condition).success).toBe(true);
  });

  it("keeps `contains` for scoring only", () => {
    const contains = { op: "contains", values: ["VP"] };
    expect(ZScoringCondition.safeParse(contains).success).toBe(true);
    expect(ZRoutingCondition.safeParse(contains).success).toBe(false);
  });

  it.each([
    [{ op: "in", values: [] }, "values", "The list needs at least one value"],
    [{ op: "prefix", values: [""] }, "values.0", "Empty text never narrows anything"],
    [{ op: "equals" }, "value", "Values are text, numbers or true/false"],
    [{ op: "range", min: 5, max: 5 }, "max", "max (5) must be greater than min (5); max is exclusive"],
  ])("refuses %j at %s", (condition, path, message) => {
    const result = ZScoringCondition.safeParse(condition);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toContainEqual([path, message]);
  });
});

describe("attributes", () => {
  it.each([
    ["employees", "number"],
    ["region", "string"],
    ["isPartnerSourced", "boolean"],
    ["custom.seniority", "unknown"],
    ["activity.demo_request", "number"],
    ["activity.DemoRequest", undefined],
    ["custom.", undefined],
    ["toString", undefined],
  ])("%s is %s", (key, type) => {
    expect(attributeType(key)).toBe(type);
  });

  it("lets custom attributes take any condition, since their type is only known at run time", () => {
    expect(conditionTypeProblem("custom.tier", { op: "range", min: 1 })).toBeUndefined();
    expect(conditionTypeProblem("custom.tier", { op: "contains", values: ["gold"] })).toBeUndefined();
  });

  it("refuses `in` on a yes/no attribute", () => {
    expect(conditionTypeProblem("isNamedAccount", { op: "in", values: ["true"] })).toMatch(/use equals/);
  });
});
