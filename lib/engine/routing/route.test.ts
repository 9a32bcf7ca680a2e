import { describe, expect, it } from "vitest";
import type { TRoutingCondition } from "@/lib/schemas/policies/common";
import { defaultRoutingPolicy } from "@/lib/schemas/policies/default-routing";
import type { TRoutingLead } from "./facts";
import { route } from "./route";
import {
  MONDAY_10_UTC,
  TEAM_INBOUND,
  TEAM_PARTNER,
  directoryOf,
  policyOf,
  pool,
  queue,
  toOwner,
  toPool,
  toUser,
  uid,
  user,
} from "./test-fixtures";

const COLUMNS = [
  "country", "region", "segment", "employees", "industry", "source", "domain", "email", "language",
  "isNamedAccount", "isPartnerSourced", "hasAccount", "score", "custom.plan", "custom.seats", "activity.demo_request", "title",
];
const ada = user(1, "Ada");
const dir = directoryOf([ada]);

function hits(attribute: string, condition: TRoutingCondition, lead: TRoutingLead): boolean {
  const policy = policyOf(COLUMNS, [{ id: "hit", when: { [attribute]: condition }, to: toUser(1) }]);
  return route(policy, lead, { directory: dir }, MONDAY_10_UTC).rowId === "hit";
}

const acct = (extra: Record<string, unknown> = {}) => ({ account: { id: "a1", ...extra } });

describe("every condition type, through the matrix", () => {
  it.each<[string, string, TRoutingCondition, TRoutingLead, boolean]>([
    ["any matches an empty lead", "country", { op: "any" }, {}, true],
    ["equals ignores case and spaces", "country", { op: "equals", value: "DE" }, { country: " de " }, true],
    ["equals misses", "country", { op: "equals", value: "DE" }, { country: "AT" }, false],
    ["equals never matches a missing fact", "country", { op: "equals", value: "DE" }, {}, false],
    ["equals on a number", "employees", { op: "equals", value: 50 }, { employees: 50 }, true],
    ["equals on a boolean", "isPartnerSourced", { op: "equals", value: true }, { isPartnerSourced: true }, true],
    ["boolean false when absent", "isPartnerSourced", { op: "equals", value: false }, {}, true],
    ["in any listed value", "industry", { op: "in", values: ["Software", "Fintech"] }, { industry: "fintech" }, true],
    ["in misses", "industry", { op: "in", values: ["Software"] }, { industry: "Retail" }, false],
    ["in never matches empty", "industry", { op: "in", values: ["Software"] }, { industry: "  " }, false],
    ["in numbers", "custom.seats", { op: "in", values: [10, 20] }, { custom: { seats: 20 } }, true],
    ["range includes min", "employees", { op: "range", min: 200, max: 2000 }, { employees: 200 }, true],
    ["range excludes max", "employees", { op: "range", min: 200, max: 2000 }, { employees: 2000 }, false],
    ["range open above", "employees", { op: "range", min: 2000 }, { employees: 1e6 }, true],
    ["range open below", "score", { op: "range", max: 50 }, { score: -3 }, true],
    ["range never matches missing", "score", { op: "range", max: 50 }, {}, false],
    ["range never matches text", "custom.seats", { op: "range", min: 1 }, { custom: { seats: "5" } }, false],
    ["prefix any listed", "title", { op: "prefix", values: ["VP", "Head"] }, { title: "head of sales" }, true],
    ["prefix misses", "title", { op: "prefix", values: ["VP"] }, { title: "SVP" }, false],
    ["suffix on the domain from the email", "domain", { op: "suffix", values: [".edu"] }, { email: "x@Uni.EDU" }, true],
    ["suffix misses", "email", { op: "suffix", values: [".edu"] }, { email: "x@corp.com" }, false],
    ["isEmpty on missing", "language", { op: "isEmpty" }, {}, true],
    ["isEmpty on blank", "language", { op: "isEmpty" }, { language: " " }, true],
    ["isEmpty misses present", "language", { op: "isEmpty" }, { language: "de" }, false],
    ["isEmpty false = filled in", "language", { op: "isEmpty", value: false }, { language: "de" }, true],
    ["custom attribute text", "custom.plan", { op: "equals", value: "pro" }, { custom: { plan: "PRO" } }, true],
    ["custom attribute missing", "custom.plan", { op: "isEmpty" }, { custom: {} }, true],
    ["activity count", "activity.demo_request", { op: "range", min: 1 }, { activityCounts: { demo_request: 2 } }, true],
    ["activity count is 0 when none", "activity.demo_request", { op: "equals", value: 0 }, {}, true],
    ["region derived from country", "region", { op: "equals", value: "EMEA" }, { country: "de" }, true],
    ["explicit region wins", "region", { op: "equals", value: "APAC" }, { country: "DE", region: "APAC" }, true],
    ["segment derived from employees", "segment", { op: "equals", value: "MID_MARKET" }, { employees: 1999 }, true],
    ["segment boundary", "segment", { op: "equals", value: "ENTERPRISE" }, { employees: 2000 }, true],
    ["account wins for firmographics", "country", { op: "equals", value: "US" }, { country: "DE", ...acct({ country: "US" }) }, true],
    ["account employees drive segment", "segment", { op: "equals", value: "SMB" }, { employees: 5000, ...acct({ employees: 10 }) }, true],
    ["named account flag", "isNamedAccount", { op: "equals", value: true }, acct({ isNamedAccount: true }), true],
    ["hasAccount", "hasAccount", { op: "equals", value: false }, {}, true],
  ])("%s", (_name, attribute, condition, lead, expected) => {
    expect(hits(attribute, condition, lead)).toBe(expected);
  });
});

describe("first match, fall-through and fallback", () => {
  const dana = user(2, "Dana", { absences: [{ startsAt: new Date("2026-03-01T00:00:00Z"), endsAt: new Date("2026-03-08T00:00:00Z") }] });
  const lee = user(3, "Lee");
  const directory = directoryOf([ada, dana, lee, user(4, "Old", { active: false })]);
  const emeaMm = pool("emea-mm", "EMEA MM", [[2], [3]]);
  const policy = policyOf(
    ["isNamedAccount", "region", "segment"],
    [
      { id: "named", label: "Named accounts", when: { isNamedAccount: { op: "equals", value: true } }, to: toOwner },
      { id: "emea-mm", when: { region: { op: "equals", value: "EMEA" }, segment: { op: "equals", value: "MID_MARKET" } }, to: toPool("emea-mm") },
      { id: "emea", when: { region: { op: "equals", value: "EMEA" } }, to: toUser(1) },
    ],
    [emeaMm],
  );
  const emeaMid: TRoutingLead = { country: "DE", employees: 500 };

  it("the first matching row wins and the pool skips Dana on PTO", () => {
    const r = route(policy, emeaMid, { directory }, MONDAY_10_UTC, { policyVersion: 7 });
    expect(r).toMatchObject({ rowId: "emea-mm", rowIndex: 1, ownerId: uid(3), queueTeamId: null, action: { type: "POOL", poolId: "emea-mm" } });
    expect(r.explanation.sentence).toBe("Routed to you by row 2: EMEA · Mid-market · round-robin pool EMEA MM — Dana skipped, on PTO");
    expect(r.explanation.skipped).toEqual([{ poolId: "emea-mm", userId: uid(2), name: "Dana", reason: "ON_PTO", detail: "on PTO" }]);
    expect(r.explanation.rowsBefore).toEqual([{ rowId: "named", rowNumber: 1, label: "Named accounts", failed: "isNamedAccount is not yes (it is no)" }]);
    expect(r.explanation.toJSON()).toMatchObject({ policyVersion: 7, matchedRow: { rowId: "emea-mm", rowNumber: 2 }, facts: { isNamedAccount: false, region: "EMEA", segment: "MID_MARKET" } });
    expect(r.poolDelta).toMatchObject({ poolId: "emea-mm", expectedVersion: 0, version: 1, seq: 1 });
  });

  it("a named account without an owner falls through, and the explanation says so", () => {
    const r = route(policy, { ...emeaMid, account: { id: "a", isNamedAccount: true, ownerId: null } }, { directory }, MONDAY_10_UTC);
    expect(r.rowId).toBe("emea-mm");
    expect(r.explanation.fellThrough).toEqual([{ rowId: "named", rowNumber: 1, label: "Named accounts", why: "the account has no owner" }]);
    expect(r.explanation.rowsBefore).toEqual([]);
    expect(r.explanation.sentence).toContain("row 1 could not assign (the account has no owner)");
  });

  it("an inactive account owner falls through; an active one gets the lead", () => {
    const inactive = route(policy, { account: { id: "a", isNamedAccount: true, ownerId: uid(4) } }, { directory }, MONDAY_10_UTC);
    expect(inactive.explanation.fellThrough[0]!.why).toBe("the account owner Old is inactive");
    expect(inactive.rowId).toBe("fallback");
    const active = route(policy, { account: { id: "a", isNamedAccount: true, ownerId: uid(1) } }, { directory }, MONDAY_10_UTC);
    expect(active).toMatchObject({ rowId: "named", ownerId: uid(1) });
    expect(active.explanation.sentence).toBe("Routed to you by row 1: Named account · account owner");
  });

  it.each<[string, Parameters<typeof user>[2]]>([
    ["on PTO", { absences: [{ startsAt: Date.parse("2026-03-02T00:00:00Z"), endsAt: Date.parse("2026-03-03T00:00:00Z") }] }],
    ["outside working hours", { workingHours: { mon: [["14:00", "18:00"]] } }],
    ["lacking a skill", { skills: [] }],
    ["inactive", { active: false }],
  ])("a pool whose members are all %s falls through to the next matching row", (_name, extra) => {
    const p = pool("emea-mm", "EMEA MM", [[2], [3]], { requiredSkills: _name === "lacking a skill" ? ["lang:de"] : [] });
    const pol = policyOf(policy.columns, policy.rows.slice(0, 3).map((r) => ({ id: r.id, ...(r.label ? { label: r.label } : {}), when: r.conditions, to: r.action })), [p]);
    const d = directoryOf([ada, user(2, "Dana", extra), user(3, "Lee", extra)]);
    const r = route(pol, emeaMid, { directory: d }, MONDAY_10_UTC);
    expect(r.rowId).toBe("emea");
    expect(r.explanation.fellThrough).toEqual([expect.objectContaining({ rowId: "emea-mm", why: "nobody in pool EMEA MM is available" })]);
    expect(r.explanation.skipped.map((s) => s.name)).toEqual(["Dana", "Lee"]);
    expect(r.explanation.sentence).toMatch(/^Routed to you by row 3: EMEA · assigned to Ada — Dana skipped, .+; Lee skipped, .+; row 2 could not assign \(nobody in pool EMEA MM is available\)$/);
  });

  it("a capped pool falls through", () => {
    const p = pool("emea-mm", "EMEA MM", [[3]]);
    p.members[0]!.capPerDay = 1;
    const pol = policyOf(["region"], [{ id: "pool", when: { region: { op: "equals", value: "EMEA" } }, to: toPool("emea-mm") }], [p]);
    const d = directoryOf([lee]);
    const first = route(pol, emeaMid, { directory: d }, MONDAY_10_UTC);
    expect(first.ownerId).toBe(uid(3));
    const state = { poolId: "emea-mm", version: 1, seq: 1, members: Object.fromEntries(first.poolDelta!.members.map((m) => [m.userId, m])) };
    const second = route(pol, emeaMid, { directory: d, poolStates: { "emea-mm": state } }, MONDAY_10_UTC);
    expect(second).toMatchObject({ rowId: "fallback", queueTeamId: TEAM_INBOUND, ownerId: null });
    expect(second.explanation.skipped[0]).toMatchObject({ reason: "DAILY_CAP", detail: "reached the daily cap of 1" });
    expect(second.explanation.sentence).toBe(
      "Routed to the Inbound queue by row 2: every lead · Inbound queue — Lee skipped, reached the daily cap of 1; row 1 could not assign (nobody in pool EMEA MM is available)",
    );
  });

  it("the fallback catches leads no row matches, with every earlier row's first failed condition", () => {
    const r = route(policy, { country: "US", employees: 10 }, { directory }, MONDAY_10_UTC);
    expect(r).toMatchObject({ rowId: "fallback", rowIndex: 3, queueTeamId: TEAM_INBOUND, ownerId: null });
    expect(r.explanation.rowsBefore.map((m) => m.failed)).toEqual([
      "isNamedAccount is not yes (it is no)",
      "region is not EMEA (it is NA)",
      "region is not EMEA (it is NA)",
    ]);
    expect(r.explanation.sentence).toBe("Routed to the Inbound queue by row 4: every lead · Inbound queue");
    expect(JSON.parse(JSON.stringify(r.explanation)).rowsBefore).toHaveLength(3);
  });

  it("a draft without a fallback leaves the lead unassigned and says why", () => {
    const draft = policyOf(["region"], [{ id: "emea", when: { region: { op: "equals", value: "EMEA" } }, to: toUser(4) }], [], false);
    const r = route(draft, { country: "DE" }, { directory }, MONDAY_10_UTC);
    expect(r).toMatchObject({ assignee: { kind: "NONE" }, rowId: null, rowIndex: -1 });
    expect(r.explanation.sentence).toBe("No row could assign this lead: row 1 could not assign (Old is inactive).");
  });

  it("routes the default matrix: partner leads to the partner queue", () => {
    const def = defaultRoutingPolicy({
      pools: [{ id: "emea-mm", name: "EMEA MM", region: "EMEA", segments: ["MID_MARKET"], members: [{ userId: uid(3), weight: 1 }] }],
      fallbackTeamId: TEAM_INBOUND,
      partnerTeamId: TEAM_PARTNER,
    });
    expect(route(def, { isPartnerSourced: true, country: "DE", employees: 500 }, { directory }, MONDAY_10_UTC)).toMatchObject({ rowId: "partner-sourced", queueTeamId: TEAM_PARTNER });
    expect(route(def, { country: "DE", employees: 500 }, { directory }, MONDAY_10_UTC)).toMatchObject({ rowId: "pool-emea-mm", ownerId: uid(3) });
  });

  it("is deterministic and does not touch its inputs", () => {
    const before = JSON.stringify(policy);
    const a = route(policy, emeaMid, { directory }, MONDAY_10_UTC);
    const b = route(policy, emeaMid, { directory }, MONDAY_10_UTC);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(policy)).toBe(before);
  });
});

describe("queue and user actions", () => {
  it("USER routes to an active user; QUEUE always assigns", () => {
    const pol = policyOf(["source"], [
      { id: "web", when: { source: { op: "equals", value: "web" } }, to: toUser(1) },
      { id: "partner", when: { source: { op: "equals", value: "partner" } }, to: queue(TEAM_PARTNER) },
    ]);
    expect(route(pol, { source: "Web" }, { directory: dir }, MONDAY_10_UTC)).toMatchObject({ rowId: "web", ownerId: uid(1) });
    const q = route(pol, { source: "partner" }, { directory: dir }, MONDAY_10_UTC);
    expect(q).toMatchObject({ rowId: "partner", queueTeamId: TEAM_PARTNER, ownerId: null });
    expect(q.explanation.sentence).toBe("Routed to the Partner queue by row 2: partner · Partner queue");
  });
});
