import { describe, expect, it } from "vitest";
import type { TApprovalPolicy } from "@/lib/schemas/policies/approval";
import { acvCentsOf, centsFromDecimal, discountPctOf, formatCents } from "./money";
import { planApprovals } from "./plan";
import { NOW, days, discount, legal, net, org, policy, request, seniorOnlyPolicy, years } from "./test-fixtures";
import type { TApprovalPlan, TRequestedDeviation } from "./types";

const chain = (p: TApprovalPlan) => (p.outcome === "AUTO_APPROVED" ? "AUTO" : p.stages.map((s) => s.approvers.map((a) => a.role).join("+")).join(" > "));
const who = (p: TApprovalPlan) => p.stages.map((s) => s.approvers.map((a) => a.assigneeId ?? `queue:${a.groupRole}`).join("+")).join(" > ");
const plan = (deviations: TRequestedDeviation[], deal = {}, requesterId = "rita", chart = org()) => planApprovals(policy, request(deviations, deal, requesterId), chart, NOW, "approval-v1");

describe("discount tier boundaries (default policy, cumulative: auto ≤ 10 < manager; > 20 adds the VP; > 40 adds the deal desk)", () => {
  // Bounds are half-open, min < d, so each boundary value belongs to the LOWER rung.
  it.each([
    [0, "AUTO"],
    [10, "AUTO"],
    [10.01, "MANAGER"],
    [20, "MANAGER"],
    [20.01, "MANAGER > REGION_VP"],
    [27, "MANAGER > REGION_VP"],
    [40, "MANAGER > REGION_VP"],
    [40.01, "MANAGER > REGION_VP > DEAL_DESK"],
    [100, "MANAGER > REGION_VP > DEAL_DESK"],
  ])("%s%% → %s", (pct, expected) => {
    expect(chain(plan([discount(pct)]))).toBe(expected);
  });

  it.each([
    // Configured per tier: bounded bands without cumulative give the most senior rung only.
    [10, "AUTO"],
    [20, "MANAGER"],
    [20.01, "REGION_VP"],
    [27, "REGION_VP"],
    [40, "REGION_VP"],
    [40.01, "DEAL_DESK"],
  ])("senior-rung-only configuration: %s%% → %s", (pct, expected) => {
    expect(chain(planApprovals(seniorOnlyPolicy, request([discount(pct)]), org(), NOW))).toBe(expected);
  });

  it("says why in plain words, naming the limit that was crossed", () => {
    expect(plan([discount(27)]).reasons).toEqual([
      "Needs the sales manager: a 27% discount is above the 10% auto-approve limit",
      "Needs VP Sales: a 27% discount is above the 20% limit of tier 1",
    ]);
    expect(plan([discount(15)]).reasons).toEqual(["Needs the sales manager: a 15% discount is above the 10% auto-approve limit"]);
    expect(plan([discount(45)]).reasons).toEqual([
      "Needs the sales manager: a 45% discount is above the 10% auto-approve limit",
      "Needs VP Sales: a 45% discount is above the 20% limit of tier 1",
      "Needs the deal desk: a 45% discount is above the 40% limit of tier 2",
    ]);
    expect(planApprovals(seniorOnlyPolicy, request([discount(27)]), org(), NOW).reasons).toEqual(["Needs VP Sales: a 27% discount is above the 20% limit of tier 1"]);
  });

  it("auto-approves inside the band, with a reason to log and the policy version", () => {
    const p = plan([discount(8)], { acvCents: 10_000_000 });
    // The band wins over the ACV ≥ $25K tier: an 8% discount is standard pricing, not a deviation.
    expect(p).toEqual({
      outcome: "AUTO_APPROVED",
      stages: [],
      reasons: ["Approved at once and logged: an 8% discount is within the 10% auto-approve limit, so it needs no approval"],
      policyVersion: "approval-v1",
    });
  });

  it("resolves people and SLAs: manager for rita is mona, the EMEA VP is victor", () => {
    expect(who(plan([discount(15)]))).toBe("mona");
    expect(who(plan([discount(27)]))).toBe("mona > victor");
    expect(who(plan([discount(27)], { region: "NA" }))).toBe("mona > vera");
    expect(plan([discount(27)]).stages[1]).toMatchObject({ index: 1, slaBusinessHours: 24, tierIds: ["discount-vp"] });
  });
});

describe("each deviation type", () => {
  it.each<[string, TRequestedDeviation, string, number[]]>([
    ["payment terms beyond net 30: deal desk, then finance", net(60), "DEAL_DESK > FINANCE", [24, 24]],
    ["net 31 is the first non-standard term (minPaymentTermsDays is inclusive)", net(31), "DEAL_DESK > FINANCE", [24, 24]],
    ["net 30 matches no tier, so the fallback group reviews it", net(30), "DEAL_DESK", [24]],
    ["multi-year from 24 months: finance + legal in parallel", years(24), "FINANCE+LEGAL", [24]],
    ["23 months matches no tier: fallback", years(23), "DEAL_DESK", [24]],
    ["custom legal: deal desk, then legal with its 40-hour SLA", legal, "DEAL_DESK > LEGAL", [24, 40]],
    ["volume discount: deal desk", { type: "VOLUME_DISCOUNT", discountPct: 12, quantity: 500 }, "DEAL_DESK", [24]],
    ["other: deal desk", { type: "OTHER", description: "Free onboarding" }, "DEAL_DESK", [24]],
  ])("%s", (_name, deviation, expected, slas) => {
    const p = plan([deviation]);
    expect(chain(p)).toBe(expected);
    expect(p.stages.map((s) => s.slaBusinessHours)).toEqual(slas);
  });

  it("explains payment terms, term and the fallback", () => {
    expect(plan([net(60)]).reasons).toEqual(["Needs the deal desk, then Finance: net 60 is beyond the standard net 30"]);
    expect(plan([years(36)]).reasons).toEqual(["Needs Finance and Legal in parallel: a 36-month term is at least 24 months"]);
    expect(plan([net(30)]).reasons).toEqual([
      "Needs the deal desk: no tier of the approval policy covers this (net 30 payment terms were requested), so the deal desk reviews it",
    ]);
    expect(plan([legal]).reasons).toEqual(["Needs the deal desk, then Legal: custom legal terms were requested"]);
  });
});

describe("the enterprise tier (ANY deviation, ACV ≥ $25,000, cumulative)", () => {
  it.each([
    // minAcv is inclusive: exactly $25,000.00 applies, one cent less does not.
    [2_500_000, "DEAL_DESK > FINANCE+LEGAL"],
    [2_499_999, "DEAL_DESK > FINANCE"],
  ])("net 60 at ACV %s cents → %s", (acvCents, expected) => {
    expect(chain(plan([net(60)], { acvCents }))).toBe(expected);
  });

  it("adds finance + legal after the discount ladder, and the ACV comes from amount and term", () => {
    // $90,000 over 36 months is an ACV of $30,000.
    const p = plan([discount(15)], { amountCents: 9_000_000, termMonths: 36 });
    expect(chain(p)).toBe("MANAGER > FINANCE+LEGAL");
    expect(p.reasons[1]).toBe("Needs Finance and Legal in parallel: the ACV of $30,000 is at least $25,000");
  });
});

describe("combined deviations: the strictest path, one stage per rank", () => {
  it("27% + net 60 + 36 months at ACV $30K → manager → VP → deal desk → finance + legal in parallel", () => {
    // Per deviation: 27% → discount-manager + discount-vp (cumulative: MANAGER, REGION_VP);
    // net 60 → payment-terms (DEAL_DESK, then FINANCE); 36 months → multi-year (FINANCE +
    // LEGAL); ACV $30K → enterprise-deal (FINANCE + LEGAL, cumulative). Laid out by rank:
    // manager < VP < deal desk < finance = legal, and finance, asked for by three tiers, appears once.
    const p = plan([discount(27), net(60), years(36)], { amountCents: 9_000_000, termMonths: 36 });
    expect(chain(p)).toBe("MANAGER > REGION_VP > DEAL_DESK > FINANCE+LEGAL");
    expect(who(p)).toBe("mona > victor > queue:DEAL_DESK > queue:FINANCE+queue:LEGAL");
    expect(p.stages.map((s) => s.tierIds)).toEqual([["discount-manager"], ["discount-vp"], ["payment-terms"], ["enterprise-deal", "payment-terms", "multi-year"]]);
    expect(p.reasons).toEqual([
      "Needs the sales manager: a 27% discount is above the 10% auto-approve limit",
      "Needs VP Sales: a 27% discount is above the 20% limit of tier 1",
      "Needs Finance and Legal in parallel: the ACV of $30,000 is at least $25,000",
      "Needs the deal desk, then Finance: net 60 is beyond the standard net 30",
      "Needs Finance and Legal in parallel: a 36-month term is at least 24 months",
    ]);
  });

  it("custom legal + multi-year merge legal into the parallel stage, keeping legal's longer SLA", () => {
    const p = plan([legal, years(24)]);
    expect(chain(p)).toBe("DEAL_DESK > FINANCE+LEGAL");
    expect(p.stages.map((s) => s.slaBusinessHours)).toEqual([24, 40]);
  });

  it("a discount inside the band adds nothing to another deviation's path, and says so", () => {
    const p = plan([discount(8), net(45)]);
    expect(chain(p)).toBe("DEAL_DESK > FINANCE");
    expect(p.reasons[0]).toBe("An 8% discount is within the 10% auto-approve limit, so it needs no approval");
  });

  it("15% + 45% volume discount: manager then deal desk", () => {
    expect(chain(plan([discount(15), { type: "VOLUME_DISCOUNT", discountPct: 45 }]))).toBe("MANAGER > DEAL_DESK");
  });
});

describe("resolution: delegation, fallback, availability", () => {
  const monaAway = { mona: { absences: [{ startsAt: days(-1), endsAt: days(6) }] } };

  it("an out-of-office manager's delegate decides instead", () => {
    const chart = org({ users: monaAway, delegations: [{ delegatorId: "mona", delegateId: "sam", startsAt: days(-1), endsAt: days(6) }] });
    const [a] = plan([discount(15)], {}, "rita", chart).stages[0]!.approvers;
    expect(a).toEqual({
      role: "MANAGER",
      assigneeId: "sam",
      via: "delegate",
      onBehalfOfId: "mona",
      reason: "Sam decides as delegate: Mona (the requester's manager) is out of office until 2026-03-10",
    });
  });

  it.each([
    ["the delegate is the requester", [{ delegatorId: "mona", delegateId: "rita", startsAt: days(-1), endsAt: days(6) }], {}, "Rita is the requester"],
    ["the delegation has ended", [{ delegatorId: "mona", delegateId: "sam", startsAt: days(-5), endsAt: NOW }], {}, "has no delegate for these dates"],
    ["the delegation starts later", [{ delegatorId: "mona", delegateId: "sam", startsAt: days(1), endsAt: days(6) }], {}, "has no delegate"],
    ["the delegate is away too", [{ delegatorId: "mona", delegateId: "sam", startsAt: days(-1), endsAt: days(6) }], { sam: { absences: [{ startsAt: days(-2), endsAt: days(2) }] } }, "Sam is out of office too"],
    ["there is no delegation", [], {}, "has no delegate for these dates"],
  ])("fallback group when %s", (_name, delegations, users, why) => {
    const chart = org({ users: { ...monaAway, ...users }, delegations });
    const [a] = plan([discount(15)], {}, "rita", chart).stages[0]!.approvers;
    expect(a).toMatchObject({ role: "MANAGER", assigneeId: null, groupRole: "DEAL_DESK", via: "fallback" });
    expect(a!.reason).toContain(why);
  });

  it("an absence that ended before now does not count", () => {
    const chart = org({ users: { mona: { absences: [{ startsAt: days(-3), endsAt: NOW }] } } });
    expect(who(plan([discount(15)], {}, "rita", chart))).toBe("mona");
  });

  it("no manager on record → the deal desk queue, and the reasons say so", () => {
    const p = plan([discount(15)], {}, "orphan");
    expect(p.stages[0]!.approvers[0]).toMatchObject({ assigneeId: null, groupRole: "DEAL_DESK", via: "fallback" });
    expect(p.reasons).toContain("Stage 1: The deal desk queue decides: Orphan has no manager on record");
  });

  it("an inactive manager → the next manager up the chain", () => {
    const p = plan([discount(15)], {}, "rita", org({ users: { mona: { active: false } } }));
    expect(p.stages[0]!.approvers[0]).toMatchObject({ assigneeId: "victor", via: "escalated" });
  });

  it("a region without a VP → the first VP Sales up the requester's chain; none at all → fallback", () => {
    expect(who(plan([discount(27)], { region: "APAC" }))).toBe("mona > victor");
    const none = plan([discount(27)], { region: "APAC" }, "rita", org({ users: { victor: { role: "EXEC" } } }));
    expect(none.stages[1]!.approvers[0]).toMatchObject({ role: "REGION_VP", groupRole: "DEAL_DESK", via: "fallback" });
  });

  it("an empty or unavailable group falls back to the deal desk", () => {
    const p = plan([years(24)], {}, "rita", org({ groups: { LEGAL: [] } }));
    expect(p.stages[0]!.approvers.map((a) => [a.role, a.groupRole, a.via])).toEqual([
      ["FINANCE", "FINANCE", undefined],
      ["LEGAL", "DEAL_DESK", "fallback"],
    ]);
  });
});

describe("separation of duties", () => {
  it("a requester in the deal desk is excluded from its queue", () => {
    const desk = plan([discount(45)], {}, "dana").stages.find((st) => st.approvers[0]!.role === "DEAL_DESK");
    const [a] = desk!.approvers;
    expect(a).toMatchObject({ assigneeId: null, groupRole: "DEAL_DESK" });
    expect(a!.reason).toBe("The deal desk queue: any of 1 eligible member decides; not Dana (the requester)");
  });

  it("a requester who is the only finance member sends finance to the fallback group", () => {
    const p = plan([net(60)], {}, "fiona", org({ groups: { FINANCE: ["fiona"] } }));
    expect(p.stages[1]!.approvers[0]).toMatchObject({ role: "FINANCE", groupRole: "DEAL_DESK", via: "fallback" });
  });

  it("a VP requesting 27% cannot approve it: the step goes up to their manager", () => {
    const seniorOnly = planApprovals(seniorOnlyPolicy, request([discount(27)], {}, "victor"), org(), NOW);
    expect(seniorOnly.stages[0]!.approvers[0]).toMatchObject({ assigneeId: "cora", via: "escalated" });
    // Cumulative: cora is victor's manager (stage 1), so nobody above is left for the VP
    // stage and the deal desk decides it instead of cora deciding twice.
    const p = plan([discount(27)], {}, "victor");
    expect(who(p)).toBe("cora > queue:DEAL_DESK");
    expect(p.stages[1]!.approvers[0]).toMatchObject({ role: "REGION_VP", via: "fallback" });
  });

  it("when the manager is also the region's VP, the VP stage goes up the chain instead of asking them twice", () => {
    // A policy where discounts are cumulative (manager, then VP), as some teams configure.
    const cumulative: TApprovalPolicy = {
      ...policy,
      tiers: policy.tiers.map((t) => (t.id === "discount-vp" ? { ...t, stages: [{ approvers: ["MANAGER"], slaBusinessHours: 24 }, ...t.stages] } : t)),
    };
    const p = planApprovals(cumulative, request([discount(27)], {}, "paul"), org(), NOW);
    expect(chain(p)).toBe("MANAGER > REGION_VP");
    expect(who(p)).toBe("victor > cora");
    expect(p.stages[1]!.approvers[0]!.reason).toBe("Cora decides up the management chain: Victor already approves stage 1 (VP Sales for EMEA)");
  });
});

describe("money", () => {
  it.each([
    ["12345.6", 1_234_560],
    ["100", 10_000],
    ["-3.07", -307],
    ["0.05", 5],
  ])("centsFromDecimal(%s) = %s", (text, cents) => expect(centsFromDecimal(text)).toBe(cents));

  it("refuses amounts with fractions of a cent", () => expect(() => centsFromDecimal("1.005")).toThrow(RangeError));

  it("computes ACV exactly in cents, rounding down", () => {
    expect(acvCentsOf({ amountCents: 10_000_001, termMonths: 36, region: null }, 36)).toBe(3_333_333);
    expect(acvCentsOf({ amountCents: 500_000, termMonths: 6, region: null }, 6)).toBe(500_000);
    expect(acvCentsOf({ amountCents: 1, acvCents: 7, termMonths: 36, region: null }, 36)).toBe(7);
  });

  it("derives the discount from list and formats dollars", () => {
    expect(discountPctOf({ amountCents: 800_000, listAmountCents: 1_000_000, termMonths: 12, region: null })).toBe(20);
    expect(formatCents(2_500_000)).toBe("$25,000");
    expect(formatCents(123_456_789)).toBe("$1,234,567.89");
  });
});

describe("input guards", () => {
  it.each<[string, () => unknown]>([
    ["no deviation", () => plan([])],
    ["discount above 100", () => plan([discount(120)])],
    ["fractional cents", () => plan([discount(15)], { amountCents: 10.5 })],
    ["a zero-month term", () => plan([discount(15)], { termMonths: 0 })],
  ])("refuses %s", (_name, run) => expect(run).toThrow(RangeError));
});
