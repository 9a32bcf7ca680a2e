import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TFactValue } from "@/lib/engine/conditions/evaluate";
import type { TRoutingCondition } from "@/lib/schemas/policies/common";
import type { TRoutingAction, TRoutingPolicy } from "@/lib/schemas/policies/routing";
import { deriveFacts, type TRoutingLead } from "./facts";
import { lintRoutingPolicy } from "./lint";
import { route } from "./route";
import { MONDAY_10_UTC, directoryOf, policyOf, pool, queue, toOwner, toPool, toUser, uid, user } from "./test-fixtures";

// The reference: a straightforward loop over rows with the condition semantics written out
// again from the schema comments, independent of the compiled evaluator and column indexes.
const rNorm = (v: unknown) => (typeof v === "string" ? v.trim().toLowerCase() : v);
const rEmpty = (v: unknown) => v === null || v === undefined || (typeof v === "string" && v.trim() === "");
function refHolds(c: TRoutingCondition, v: TFactValue): boolean {
  switch (c.op) {
    case "any":
      return true;
    case "equals":
      return rNorm(v) === rNorm(c.value);
    case "in":
      return !rEmpty(v) && c.values.some((x) => rNorm(x) === rNorm(v));
    case "range":
      return typeof v === "number" && (c.min === undefined || v >= c.min) && (c.max === undefined || v < c.max);
    case "prefix":
      return typeof v === "string" && c.values.some((p) => v.trim().toLowerCase().startsWith(p.trim().toLowerCase()));
    case "suffix":
      return typeof v === "string" && c.values.some((p) => v.trim().toLowerCase().endsWith(p.trim().toLowerCase()));
    case "isEmpty":
      return rEmpty(v) === (c.value ?? true);
  }
}
const factsOf = new WeakMap<TRoutingLead, Record<string, TFactValue>>();
const refMatches = (policy: TRoutingPolicy, i: number, lead: TRoutingLead) => {
  let facts = factsOf.get(lead);
  if (!facts) factsOf.set(lead, (facts = deriveFacts(lead, policy.columns)));
  return Object.entries(policy.rows[i]!.conditions).every(([k, c]) => refHolds(c, facts[k]));
};
function refRoute(policy: TRoutingPolicy, lead: TRoutingLead): number {
  for (let i = 0; i < policy.rows.length; i++) if (refMatches(policy, i, lead) && refCanAssign(policy.rows[i]!.action, lead)) return i;
  return -1;
}

// Users 1 active, 2 inactive; pool "open" can always serve, pool "closed" never.
const directory = directoryOf([user(1, "Ada"), user(2, "Bo", { active: false })]);
const POOLS = [pool("open", "Open", [[1]]), pool("closed", "Closed", [[2]])];
function refCanAssign(action: TRoutingAction, lead: TRoutingLead): boolean {
  if (action.type === "QUEUE") return true;
  if (action.type === "USER") return action.userId === uid(1);
  if (action.type === "POOL") return action.poolId === "open";
  return lead.account?.ownerId === uid(1);
}

const TEXTS = ["DE", "de ", " At", "US", "", "  ", "VP Sales", "vp", "Head of IT", "x.edu", "EDU"];
const NUMBERS = [-1, 0, 1, 5, 10, 99.5, 100, 200, 1999, 2000, 1e6];
const text = fc.constantFrom(...TEXTS);
const nonBlank = fc.constantFrom(...TEXTS.filter((t) => t !== ""));
const num = fc.constantFrom(...NUMBERS);
const range = fc
  .tuple(fc.option(num, { nil: undefined }), fc.option(num, { nil: undefined }))
  .filter(([a, b]) => (a !== undefined || b !== undefined) && (a === undefined || b === undefined || a < b))
  .map(([min, max]): TRoutingCondition => ({ op: "range", ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) }));
const isEmpty = fc.option(fc.boolean(), { nil: undefined }).map((value): TRoutingCondition => (value === undefined ? { op: "isEmpty" } : { op: "isEmpty", value }));
const textCondition: fc.Arbitrary<TRoutingCondition> = fc.oneof(
  fc.constant({ op: "any" as const }),
  text.map((value) => ({ op: "equals" as const, value })),
  fc.array(text, { minLength: 1, maxLength: 3 }).map((values) => ({ op: "in" as const, values })),
  fc.array(nonBlank, { minLength: 1, maxLength: 2 }).map((values) => ({ op: "prefix" as const, values })),
  fc.array(nonBlank, { minLength: 1, maxLength: 2 }).map((values) => ({ op: "suffix" as const, values })),
  isEmpty,
);
const numberCondition: fc.Arbitrary<TRoutingCondition> = fc.oneof(
  fc.constant({ op: "any" as const }),
  num.map((value) => ({ op: "equals" as const, value })),
  fc.array(num, { minLength: 1, maxLength: 3 }).map((values) => ({ op: "in" as const, values })),
  range,
  isEmpty,
);
const boolCondition: fc.Arbitrary<TRoutingCondition> = fc.oneof(fc.constant({ op: "any" as const }), fc.boolean().map((value) => ({ op: "equals" as const, value })));
const anyCondition = fc.oneof(textCondition, numberCondition, boolCondition);

const COLUMN_KINDS = { industry: textCondition, title: textCondition, employees: numberCondition, score: numberCondition, isPartnerSourced: boolCondition, "custom.plan": anyCondition } as const;
const COLUMNS = Object.keys(COLUMN_KINDS);
const action: fc.Arbitrary<TRoutingAction> = fc.constantFrom(queue(), toUser(1), toUser(2), toOwner, toPool("open"), toPool("closed"));

const rowsArb = (columns: readonly string[], maxRows: number) =>
  fc.array(
    fc.record({
      when: fc.record(Object.fromEntries(columns.map((c) => [c, COLUMN_KINDS[c as keyof typeof COLUMN_KINDS]])) as Record<string, fc.Arbitrary<TRoutingCondition>>, { requiredKeys: [] }),
      to: action,
    }),
    { minLength: 1, maxLength: maxRows },
  );
const matrixArb = (columns: readonly string[], maxRows: number) =>
  rowsArb(columns, maxRows).map((rows) =>
    policyOf([...columns], rows.map((r, i) => ({ id: `r${i}`, to: r.to, when: r.when as Record<string, TRoutingCondition> })), POOLS),
  );

const leadArb: fc.Arbitrary<TRoutingLead> = fc.record(
  {
    industry: fc.option(text, { nil: undefined }),
    title: fc.option(text, { nil: undefined }),
    employees: fc.option(num, { nil: undefined }),
    score: fc.option(num, { nil: undefined }),
    isPartnerSourced: fc.boolean(),
    custom: fc.record({ plan: fc.oneof(text, num, fc.boolean(), fc.constant(null)) }, { requiredKeys: [] }),
    account: fc.option(fc.record({ id: fc.constant("acc"), ownerId: fc.constantFrom(uid(1), uid(2), null) }), { nil: undefined }),
  },
  { requiredKeys: [] },
);

describe("property: route() agrees with a naive reference", () => {
  it("picks the same row for random matrices and leads (first match, fall-through, fallback)", () => {
    fc.assert(
      fc.property(matrixArb(COLUMNS, 30), fc.array(leadArb, { minLength: 25, maxLength: 25 }), (policy, leads) => {
        for (const lead of leads) {
          const r = route(policy, lead, { directory }, MONDAY_10_UTC);
          expect(r.rowIndex).toBe(refRoute(policy, lead));
          // Every earlier row is explained: either its first failed condition or why it fell through.
          expect(r.explanation.rowsBefore.length + r.explanation.fellThrough.length).toBe(r.rowIndex);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

/** Boundary values for one column, from every condition in it: the search space for lint's claims. */
function searchValues(policy: TRoutingPolicy, column: string): TFactValue[] {
  const values = new Set<TFactValue>([undefined, "", " ", "zzz", 0, true, false]);
  for (const row of policy.rows) {
    const c = row.conditions[column];
    if (!c) continue;
    const add = (v: string | number | boolean) => {
      values.add(v);
      if (typeof v === "number") [v - 1, v - 0.5, v + 0.5].forEach((x) => values.add(x));
      if (typeof v === "string") [`${v}x`, `x${v}`].forEach((x) => values.add(x));
    };
    if (c.op === "equals") add(c.value);
    if (c.op === "in" || c.op === "prefix" || c.op === "suffix") c.values.forEach(add);
    if (c.op === "range") [c.min, c.max].forEach((v) => v !== undefined && add(v));
  }
  return [...values];
}

const LINT_COLUMNS = ["industry", "employees", "isPartnerSourced"] as const;
function leadsCovering(policy: TRoutingPolicy): TRoutingLead[] {
  const leads: TRoutingLead[] = [];
  for (const industry of searchValues(policy, "industry"))
    for (const employees of searchValues(policy, "employees"))
      for (const isPartnerSourced of [true, false])
        for (const account of [undefined, { id: "acc", ownerId: uid(1) }])
          leads.push({ industry: industry as string, employees: employees as number, isPartnerSourced, ...(account ? { account } : {}) });
  return leads;
}

describe("property: lint's reachability claims hold under search", () => {
  it("no searched lead is ever routed by a row lint calls unreachable; shadowed rows' leads always match the covering rows", () => {
    let unreachableClaims = 0;
    let shadowedClaims = 0;
    fc.assert(
      fc.property(matrixArb(LINT_COLUMNS, 8), (policy) => {
        const { errors, warnings } = lintRoutingPolicy(policy, { directory });
        const unreachable = errors.filter((e) => e.code === "UNREACHABLE_ROW").map((e) => e.rowNumber! - 1);
        const shadowed = warnings.filter((w) => w.code === "SHADOWED_ROW");
        if (unreachable.length === 0 && shadowed.length === 0) return;
        unreachableClaims += unreachable.length;
        shadowedClaims += shadowed.length;
        for (const lead of leadsCovering(policy)) {
          const r = route(policy, lead, { directory }, MONDAY_10_UTC);
          expect(unreachable).not.toContain(r.rowIndex);
          for (const s of shadowed) {
            const j = s.rowNumber! - 1;
            if (!refMatches(policy, j, lead)) continue;
            const related = s.relatedRowIds!.map((id) => policy.rows.findIndex((row) => row.id === id));
            expect(related.some((i) => refMatches(policy, i, lead))).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
    // Not vacuous: the generator does produce claims to check.
    expect(unreachableClaims).toBeGreaterThan(20);
    expect(shadowedClaims).toBeGreaterThan(5);
  }, 60_000);
});
