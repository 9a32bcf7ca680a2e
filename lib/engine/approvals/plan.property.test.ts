import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ROLES } from "@/lib/schemas/policies/common";
import { planApprovals, ROLE_RANK } from "./plan";
import { NOW, days, policy, seniorOnlyPolicy } from "./test-fixtures";
import type { TApprovalRequest, TOrgChart, TRequestedDeviation } from "./types";

// Random org charts (including manager cycles, self-managers, unknown ids, absences and
// delegations to anyone, the requester included) and random requests. Whatever the data,
// a plan never asks the requester, never asks one person twice, and runs junior → senior.

const interval = fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 0, max: 5 })).map(([from, len]) => ({ startsAt: days(from), endsAt: days(from + len) }));

const orgArb = fc.integer({ min: 2, max: 25 }).chain((n) => {
  const id = fc.integer({ min: 0, max: n }).map((i) => `u${i}`); // u{n} is not in the chart
  return fc.record({
    users: fc.array(
      fc.record({ role: fc.constantFrom(...ROLES), managerId: fc.option(id, { nil: null }), region: fc.constantFrom("EMEA", "NA", null), active: fc.boolean(), absences: fc.array(interval, { maxLength: 2 }) }),
      { minLength: n, maxLength: n },
    ),
    delegations: fc.array(fc.record({ delegatorId: id, delegateId: id, span: interval }), { maxLength: 8 }),
    vpEmea: fc.option(id, { nil: undefined }),
    deskGroup: fc.uniqueArray(id, { maxLength: 4 }),
    financeGroup: fc.uniqueArray(id, { maxLength: 3 }),
    legalGroup: fc.uniqueArray(id, { maxLength: 3 }),
    requester: id,
  }).map((g): { chart: TOrgChart; requester: string } => ({
    requester: g.requester,
    chart: {
      users: g.users.map((u, i) => ({ id: `u${i}`, name: `User ${i}`, ...u })),
      delegations: g.delegations.map((d) => ({ delegatorId: d.delegatorId, delegateId: d.delegateId, ...d.span })),
      regionVps: g.vpEmea === undefined ? {} : { EMEA: g.vpEmea },
      groups: { DEAL_DESK: g.deskGroup, FINANCE: g.financeGroup, LEGAL: g.legalGroup },
    },
  }));
});

const deviationArb: fc.Arbitrary<TRequestedDeviation> = fc.oneof(
  fc.double({ min: 0, max: 100, noNaN: true }).map((discountPct) => ({ type: "DISCOUNT" as const, discountPct })),
  fc.constantFrom(10, 10.01, 20, 20.01, 40, 40.01).map((discountPct) => ({ type: "DISCOUNT" as const, discountPct })),
  fc.integer({ min: 0, max: 180 }).map((paymentTermsDays) => ({ type: "PAYMENT_TERMS" as const, paymentTermsDays })),
  fc.integer({ min: 1, max: 60 }).map((termMonths) => ({ type: "MULTI_YEAR" as const, termMonths })),
  fc.constant({ type: "CUSTOM_LEGAL" as const, clause: "x" }),
  fc.double({ min: 0, max: 100, noNaN: true }).map((discountPct) => ({ type: "VOLUME_DISCOUNT" as const, discountPct })),
  fc.constant({ type: "OTHER" as const, description: "x" }),
);

describe("plan invariants (property)", () => {
  it("never the requester, never one person twice, ranks strictly increasing, each role once", () => {
    fc.assert(
      fc.property(
        orgArb,
        fc.array(deviationArb, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom("EMEA", "NA", null),
        fc.boolean(),
        ({ chart, requester }, deviations, amountCents, termMonths, region, cumulative) => {
          const request: TApprovalRequest = { requesterId: requester, deviations, deal: { amountCents, termMonths, region } };
          const p = planApprovals(cumulative ? policy : seniorOnlyPolicy, request, chart, NOW);
          expect(p.outcome === "AUTO_APPROVED").toBe(p.stages.length === 0);
          expect(p.reasons.length).toBeGreaterThan(0);
          const people = p.stages.flatMap((s) => s.approvers.map((a) => a.assigneeId)).filter((x): x is string => x !== null);
          expect(people).not.toContain(requester);
          expect(new Set(people).size).toBe(people.length);
          const roles = p.stages.flatMap((s) => s.approvers.map((a) => a.role));
          expect(new Set(roles).size).toBe(roles.length);
          const ranks = p.stages.map((s) => Math.max(...s.approvers.map((a) => ROLE_RANK[a.role])));
          for (let i = 1; i < ranks.length; i++) expect(ranks[i]!).toBeGreaterThan(ranks[i - 1]!);
          p.stages.forEach((s, i) => expect(s.index).toBe(i));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
