import { describe, expect, it } from "vitest";
import { defaultPolicyBodies, type TDefaultPolicyContext } from "./defaults";
import { POLICY_KINDS, parsePolicyBody, policyBodySchemas, policyIssues } from "./index";

const ids = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const CONTEXT: TDefaultPolicyContext = {
  referenceDate: new Date("2026-11-21T00:00:00Z"),
  fallbackTeamId: ids(900),
  partnerTeamId: ids(901),
  revopsUserId: ids(902),
  pools: [
    { id: "na-mm", name: "NA Mid-Market", region: "NA", segments: ["MID_MARKET"], members: [{ userId: ids(1), weight: 1, capPerDay: 20 }, { userId: ids(2), weight: 2 }] },
    { id: "emea-dach", name: "EMEA DACH (German)", region: "EMEA", segments: ["SMB", "MID_MARKET"], language: "de", members: [{ userId: ids(3), weight: 1 }] },
    { id: "apac-ent", name: "APAC Enterprise", region: "APAC", segments: ["ENTERPRISE"], members: [] },
  ],
};

describe("default policy bodies", () => {
  const bodies = defaultPolicyBodies(CONTEXT);

  it.each(POLICY_KINDS)("%s default parses", (kind) => {
    const result = parsePolicyBody(kind, bodies[kind]);
    if (!result.success) throw new Error(JSON.stringify(policyIssues(result.error), null, 2));
    expect(result.data).toEqual(bodies[kind]);
  });

  it("has a schema for every policy kind", () => {
    expect(Object.keys(policyBodySchemas).sort()).toEqual([...POLICY_KINDS].sort());
  });

  it("is deterministic for the same context", () => {
    expect(JSON.stringify(defaultPolicyBodies(CONTEXT))).toBe(JSON.stringify(bodies));
  });

  it("survives a JSON round trip (as stored in jsonb)", () => {
    for (const kind of POLICY_KINDS) {
      expect(parsePolicyBody(kind, JSON.parse(JSON.stringify(bodies[kind]))).success).toBe(true);
    }
  });

  it("routes named accounts first, language pools before regional pools, and ends on the fallback queue", () => {
    const rows = bodies.ROUTING.rows;
    expect(rows[0]?.action).toEqual({ type: "ACCOUNT_OWNER" });
    expect(rows.map((r) => r.id)).toEqual(["named-accounts", "partner-sourced", "pool-emea-dach", "pool-na-mm", "pool-apac-ent", "fallback"]);
    expect(rows.at(-1)?.action).toEqual({ type: "QUEUE", teamId: CONTEXT.fallbackTeamId });
    expect(bodies.ROUTING.pools.find((p) => p.id === "emea-dach")?.requiredSkills).toEqual(["lang:de"]);
  });

  it("leaves out the partner row when there is no partner team", () => {
    const { partnerTeamId: _unused, ...withoutPartner } = CONTEXT;
    const routing = defaultPolicyBodies(withoutPartner).ROUTING;
    expect(routing.rows.some((r) => r.id === "partner-sourced")).toBe(false);
    expect(parsePolicyBody("ROUTING", routing).success).toBe(true);
  });

  it("follows the product's approval table", () => {
    const a = bodies.APPROVAL;
    expect(a.autoApproveMaxDiscountPct).toBe(10);
    const byId = Object.fromEntries(a.tiers.map((t) => [t.id, t]));
    expect(byId["discount-manager"]?.stages[0]?.approvers).toEqual(["MANAGER"]);
    // A cumulative ladder (issue 5): each rung has a lower bound only and adds its approver.
    expect(byId["discount-vp"]).toMatchObject({ when: { deviation: "DISCOUNT", minDiscountPct: 20 }, cumulative: true });
    expect(byId["discount-vp"]?.when.maxDiscountPct).toBeUndefined();
    expect(byId["discount-manager"]?.cumulative).toBe(true);
    expect(byId["discount-deal-desk"]?.stages[0]?.approvers).toEqual(["DEAL_DESK"]);
    expect(byId["enterprise-deal"]).toMatchObject({ when: { deviation: "ANY", minAcv: 25_000 }, cumulative: true });
    expect(byId["enterprise-deal"]?.stages[0]?.approvers).toEqual(["FINANCE", "LEGAL"]);
  });

  it("sets review-by 90 days after the reference date and holidays for this year and next", () => {
    expect(bodies.SCORING.reviewBy).toBe("2027-02-19");
    const na = bodies.SLA.calendars.find((c) => c.id === "na");
    expect(na?.holidays).toContain("2026-11-26"); // Thanksgiving 2026
    expect(na?.holidays).toContain("2027-07-04");
    expect(bodies.SLA.clocks.find((c) => c.id === "LEAD_FIRST_TOUCH")?.durationMinutes).toBe(240);
  });
});
