import { describe, expect, it } from "vitest";
import type { TRoutingCondition } from "@/lib/schemas/policies/common";
import type { TRoutingPolicy } from "@/lib/schemas/policies/routing";
import { contains, unionContains, witness } from "./containment";
import { lintRoutingPolicy, type TLintCode } from "./lint";
import { TEAM_INBOUND, directoryOf, policyOf, pool, queue, toOwner, toPool, toUser, uid, user } from "./test-fixtures";

const directory = directoryOf([user(1, "Ada"), user(2, "Bo", { active: false }), user(3, "Cy", { skills: ["lang:de"] })]);
const eq = (value: string | number | boolean): TRoutingCondition => ({ op: "equals", value });
const codes = (policy: TRoutingPolicy, extra = {}) => {
  const r = lintRoutingPolicy(policy, { directory, ...extra });
  return { errors: r.errors.map((i) => i.code), warnings: r.warnings.map((i) => i.code), result: r };
};

describe("lint", () => {
  it("a clean matrix has no issues", () => {
    const p = policyOf(["region"], [{ id: "emea", when: { region: eq("EMEA") }, to: toUser(1) }]);
    expect(lintRoutingPolicy(p, { directory })).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it.each<[string, () => TRoutingPolicy, TLintCode]>([
    ["missing fallback", () => policyOf(["region"], [{ id: "emea", when: { region: eq("EMEA") }, to: toUser(1) }], [], false), "MISSING_FALLBACK"],
    ["fallback to the account owner", () => policyOf(["region"], [{ id: "any", to: toOwner }], [], false), "FALLBACK_MAY_NOT_ASSIGN"],
    ["fallback to a pool", () => policyOf(["region"], [{ id: "any", to: toPool("p") }], [pool("p", "P", [[1]])], false), "FALLBACK_MAY_NOT_ASSIGN"],
    ["route to an inactive user", () => policyOf(["region"], [{ id: "r", when: { region: eq("NA") }, to: toUser(2) }]), "INACTIVE_USER"],
    ["route to an unknown user", () => policyOf(["region"], [{ id: "r", when: { region: eq("NA") }, to: toUser(77) }]), "INACTIVE_USER"],
    ["route to an empty pool", () => policyOf(["region"], [{ id: "r", when: { region: eq("NA") }, to: toPool("p") }], [pool("p", "P", [])]), "EMPTY_POOL"],
    ["route to a pool nobody can serve", () => policyOf(["region"], [{ id: "r", when: { region: eq("NA") }, to: toPool("p") }], [pool("p", "P", [[1], [2]], { requiredSkills: ["lang:de"] })]), "POOL_NEVER_AVAILABLE"],
    ["route to a missing pool", () => ({ ...policyOf(["region"], [{ id: "r", when: { region: eq("NA") }, to: toUser(1) }]), rows: [{ id: "r", conditions: {}, action: toPool("ghost") }] }), "UNKNOWN_POOL"],
    [
      "a row after an identical always-assigning row",
      () => policyOf(["region"], [{ id: "a", when: { region: eq("EMEA") }, to: queue() }, { id: "b", when: { region: eq("emea ") }, to: toUser(1) }]),
      "UNREACHABLE_ROW",
    ],
    [
      "a narrower range below a wider one",
      () => policyOf(["employees", "region"], [{ id: "wide", when: { employees: { op: "range", min: 100 } }, to: toUser(1) }, { id: "narrow", when: { employees: { op: "range", min: 200, max: 2000 }, region: eq("NA") }, to: queue() }]),
      "UNREACHABLE_ROW",
    ],
    [
      "a row covered by the union of two earlier bands",
      () => policyOf(["employees"], [
        { id: "lo", when: { employees: { op: "range", max: 200 } }, to: queue() },
        { id: "hi", when: { employees: { op: "range", min: 200 } }, to: toUser(1) },
        { id: "all", when: { employees: { op: "range", min: 0, max: 5000 } }, to: toUser(1) },
      ]),
      "UNREACHABLE_ROW",
    ],
    ["a row after a non-last fallback", () => policyOf(["region"], [{ id: "all", to: toUser(1) }, { id: "late", when: { region: eq("NA") }, to: queue() }]), "UNREACHABLE_ROW"],
  ])("error: %s", (_name, make, code) => {
    const { errors, result } = codes(make());
    expect(errors).toContain(code);
    expect(result.ok).toBe(false);
    for (const issue of result.errors) expect(issue.message).toMatch(/\w/);
  });

  it.each<[string, () => TRoutingPolicy, TLintCode, object?]>([
    [
      "covered only by a row that can fall through",
      () => policyOf(["isNamedAccount", "region"], [{ id: "named", when: { isNamedAccount: eq(true) }, to: toOwner }, { id: "named-na", when: { isNamedAccount: eq(true), region: eq("NA") }, to: toUser(1) }]),
      "SHADOWED_ROW",
    ],
    [
      "overlapping rows with different actions",
      () => policyOf(["region", "segment"], [{ id: "emea", when: { region: eq("EMEA") }, to: toUser(1) }, { id: "smb", when: { segment: eq("SMB") }, to: queue() }]),
      "OVERLAPPING_ROWS",
    ],
    ["an inactive pool member", () => policyOf(["region"], [{ id: "r", when: { region: eq("NA") }, to: toPool("p") }], [pool("p", "P", [[1], [2]])]), "INACTIVE_POOL_MEMBER"],
    ["a member lacking the pool's skill", () => policyOf(["region"], [{ id: "r", when: { region: eq("NA") }, to: toPool("p") }], [pool("p", "P", [[1], [3]], { requiredSkills: ["lang:de"] })]), "MEMBER_LACKS_SKILL"],
    ["an unused pool", () => policyOf(["region"], [{ id: "r", when: { region: eq("NA") }, to: toUser(1) }], [pool("p", "P", [[1]])]), "UNUSED_POOL"],
    ["an activity type no lead has", () => policyOf(["activity.fax_sent"], [{ id: "r", when: { "activity.fax_sent": { op: "range", min: 1 } }, to: toUser(1) }]), "UNKNOWN_ATTRIBUTE"],
    ["a custom attribute no lead has", () => policyOf(["custom.plan"], [{ id: "r", when: { "custom.plan": eq("pro") }, to: toUser(1) }]), "UNKNOWN_ATTRIBUTE", { customAttributes: ["tier"] }],
  ])("warning: %s", (_name, make, code, extra) => {
    const { warnings, errors } = codes(make(), extra);
    expect(warnings).toContain(code);
    expect(errors).toEqual([]);
  });

  it("names the rows and says what to do", () => {
    const p = policyOf(["region"], [{ id: "a", label: "All EMEA", when: { region: eq("EMEA") }, to: queue() }, { id: "b", when: { region: eq("EMEA") }, to: toUser(1) }]);
    const [issue] = lintRoutingPolicy(p, { directory }).errors;
    expect(issue).toEqual({
      severity: "error",
      code: "UNREACHABLE_ROW",
      rowId: "b",
      rowNumber: 2,
      relatedRowIds: ["a"],
      message: "Row 2 can never route a lead: row 1 (All EMEA) above already takes every lead it matches. Move it up or narrow the earlier rows",
    });
  });

  it("does not call a row unreachable when the cover is not provable", () => {
    // EMEA rows for SMB and MID_MARKET do not cover "EMEA, any segment" (ENTERPRISE and empty remain).
    const p = policyOf(["region", "segment"], [
      { id: "smb", when: { region: eq("EMEA"), segment: eq("SMB") }, to: queue() },
      { id: "mm", when: { region: eq("EMEA"), segment: eq("MID_MARKET") }, to: queue() },
      { id: "emea", when: { region: eq("EMEA") }, to: toUser(1) },
    ]);
    expect(codes(p).errors).toEqual([]);
  });

  it("the default fallback queue is accepted", () => {
    const p = policyOf(["region"], []);
    expect(p.rows.at(-1)!.action).toEqual({ type: "QUEUE", teamId: TEAM_INBOUND });
    expect(codes(p).errors).toEqual([]);
    expect(uid(1)).toMatch(/^0{8}-/);
  });
});

describe("containment rules", () => {
  it.each<[string, TRoutingCondition | undefined, TRoutingCondition | undefined, boolean]>([
    ["any contains all", undefined, eq("x"), true],
    ["only any contains any", { op: "isEmpty", value: false }, undefined, false],
    ["equals ignores case", eq("EMEA"), eq(" emea"), true],
    ["number vs text", eq(5), eq("5"), false],
    ["in ⊇ equals", { op: "in", values: ["DE", "AT"] }, eq("at"), true],
    ["in ⊇ in", { op: "in", values: ["DE", "AT", "CH"] }, { op: "in", values: ["de", "ch"] }, true],
    ["in ⊉ larger in", { op: "in", values: ["DE"] }, { op: "in", values: ["DE", "AT"] }, false],
    ["range ⊇ range", { op: "range", min: 0, max: 100 }, { op: "range", min: 10, max: 100 }, true],
    ["range ⊉ open range", { op: "range", min: 0, max: 100 }, { op: "range", min: 10 }, false],
    ["range ⊇ in numbers", { op: "range", min: 0, max: 100 }, { op: "in", values: [1, 99] }, true],
    ["range ⊉ max value", { op: "range", min: 0, max: 100 }, eq(100), false],
    ["prefix ⊇ longer prefix", { op: "prefix", values: ["vp"] }, { op: "prefix", values: ["VP Sales"] }, true],
    ["prefix ⊇ equals", { op: "prefix", values: ["vp"] }, eq("VP of X"), true],
    ["suffix ⊇ suffix", { op: "suffix", values: [".edu"] }, { op: "suffix", values: ["mit.edu"] }, true],
    ["filled in ⊇ range", { op: "isEmpty", value: false }, { op: "range", min: 1 }, true],
    ["filled in ⊉ equals blank", { op: "isEmpty", value: false }, eq(""), false],
    ["isEmpty ⊇ equals blank", { op: "isEmpty" }, eq(" "), true],
    ["isEmpty ⊉ filled in", { op: "isEmpty" }, { op: "isEmpty", value: false }, false],
  ])("%s", (_name, a, b, expected) => {
    expect(contains(a, b)).toBe(expected);
  });

  it("unions along one column", () => {
    expect(unionContains([{ op: "range", max: 10 }, { op: "range", min: 10, max: 20 }], { op: "range", min: 0, max: 20 })).toBe(true);
    expect(unionContains([{ op: "range", max: 10 }, { op: "range", min: 11, max: 20 }], { op: "range", min: 0, max: 20 })).toBe(false);
    expect(unionContains([eq("DE"), eq("AT")], { op: "in", values: ["de", "at"] })).toBe(true);
  });

  it("finds overlap witnesses with the evaluator", () => {
    expect(witness({ op: "prefix", values: ["vp"] }, { op: "suffix", values: ["sales"] })).toEqual({ value: "vpsales" });
    expect(witness(eq("DE"), eq("AT"))).toBeUndefined();
    expect(witness({ op: "range", min: 0, max: 10 }, { op: "range", min: 5 })).toBeDefined();
  });
});
