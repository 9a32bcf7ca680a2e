import { describe, expect, it } from "vitest";
import { defaultScoringPolicy } from "@/lib/schemas/policies/default-commercial";
import { ZScoringPolicy } from "@/lib/schemas/policies/scoring";
import { formPathOf, formToPolicy, lenientPolicy, nextRuleId, policyToForm, validateScoringForm, ZScoringForm, type TAttributeRuleForm, type TScoringForm } from "./form";

const model = ZScoringPolicy.parse(defaultScoringPolicy("2026-12-31"));
const rule = (over: Partial<TAttributeRuleForm>): TAttributeRuleForm => ({ id: "r1", label: "Rule", attribute: "industry", op: "equals", value: "", min: "", max: "", points: 5, ...over });
const form = (over: Partial<TScoringForm> = {}): TScoringForm => ({ fit: [], engagement: [], negative: [], fitMin: 0, engagementMin: 0, mqlThreshold: 50, reviewBy: "", ...over });

describe("scoring form ↔ policy body", () => {
  it("round-trips the default model exactly", () => {
    expect(ZScoringPolicy.parse(formToPolicy(policyToForm(model)))).toEqual(model);
  });

  it.each([
    ["equals on a number attribute", rule({ attribute: "employees", op: "equals", value: " 250 " }), { op: "equals", value: 250 }],
    ["equals on a boolean attribute", rule({ attribute: "isNamedAccount", op: "equals", value: "Yes" }), { op: "equals", value: true }],
    ["equals on text keeps text", rule({ value: "Software" }), { op: "equals", value: "Software" }],
    ["custom attribute guesses numbers", rule({ attribute: "custom.seats", op: "in", value: "5, 10,,x" }), { op: "in", values: [5, 10, "x"] }],
    ["leading zeros stay text", rule({ attribute: "custom.zip", op: "equals", value: "01234" }), { op: "equals", value: "01234" }],
    ["in-list splits on commas", rule({ op: "in", value: "Software, Fintech ,  " }), { op: "in", values: ["Software", "Fintech"] }],
    ["contains", rule({ attribute: "title", op: "contains", value: "VP,Head of" }), { op: "contains", values: ["VP", "Head of"] }],
    ["open-ended range", rule({ attribute: "employees", op: "range", min: "200", max: "" }), { op: "range", min: 200 }],
    ["is empty", rule({ op: "isEmpty" }), { op: "isEmpty" }],
    ["is not empty", rule({ op: "notEmpty" }), { op: "isEmpty", value: false }],
  ])("%s", (_name, r, condition) => {
    const body = formToPolicy(form({ fit: [r] })) as { fit: { condition: unknown }[] };
    expect(body.fit[0]!.condition).toEqual(condition);
  });

  it("maps engagement caps and half-lives, blank meaning none", () => {
    const body = formToPolicy(form({ engagement: [{ id: "e", label: "Demo", activityType: "demo_request", points: 30, cap: "", halfLifeDays: "30" }] })) as { engagement: unknown[] };
    expect(body.engagement[0]).toEqual({ id: "e", label: "Demo", activityType: "demo_request", points: 30, halfLifeDays: 30 });
  });
});

describe("validateScoringForm", () => {
  it("puts condition issues on the input that caused them", () => {
    const result = validateScoringForm(form({ fit: [rule({ attribute: "employees", op: "range", min: "500", max: "100" }), rule({ id: "r2", op: "in", value: " , " })] }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual({ path: ["fit", 0, "max"], message: "max (100) must be greater than min (500); max is exclusive" });
    expect(result.issues.find((i) => i.path.join(".") === "fit.1.value")?.message).toMatch(/at least one value/);
  });

  it("reports condition-level issues (no bound, wrong type for the attribute) under the value input", () => {
    expect(formPathOf(["fit", 0, "condition"])).toEqual(["fit", 0, "value"]);
    const result = validateScoringForm(form({ negative: [rule({ attribute: "employees", op: "contains", value: "x", points: -5 })] }));
    expect(!result.ok && result.issues[0]).toEqual({ path: ["negative", 0, "value"], message: '"employees" is number; contains needs a text attribute' });
  });

  it("the zod schema used by the form reports the same issues and accepts a valid model", () => {
    expect(ZScoringForm.safeParse(policyToForm(model)).success).toBe(true);
    const bad = ZScoringForm.safeParse(form({ mqlThreshold: 120 }));
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(["mqlThreshold"]);
  });
});

describe("lenientPolicy", () => {
  it("scores with the rules that are valid on their own and counts the others", () => {
    const f = policyToForm(model);
    f.fit[0] = { ...f.fit[0]!, value: "", op: "in" };
    f.engagement.push({ ...f.engagement[0]!, id: "dup" });
    const { policy, skipped } = lenientPolicy({ ...f, mqlThreshold: Number.NaN });
    expect(skipped).toBe(2);
    expect(policy.fit).toHaveLength(model.fit.length - 1);
    expect(policy.engagement).toHaveLength(model.engagement.length);
    expect(policy.mqlThreshold).toBe(0);
  });
});

it("nextRuleId picks the first free id", () => {
  expect(nextRuleId(form({ fit: [rule({ id: "fit-1" }), rule({ id: "fit-3" })] }), "fit")).toBe("fit-2");
});

describe("sample lead fields", () => {
  it("types what is typed and lists each attribute a rule reads once", async () => {
    const { factFromText, ruleAttributes } = await import("./form");
    expect([factFromText("employees", "250"), factFromText("country", " DE "), factFromText("custom.plan", ""), factFromText("isNamedAccount", "no")]).toEqual([250, "DE", null, false]);
    expect(ruleAttributes(form({ fit: [rule({ attribute: "industry" }), rule({ attribute: "nonsense" })], negative: [rule({ attribute: "industry" }), rule({ attribute: "custom.plan" })] }))).toEqual(["industry", "custom.plan"]);
  });
});
