import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TFacts } from "@/lib/engine/conditions/evaluate";
import { defaultScoringPolicy } from "@/lib/schemas/policies/default-commercial";
import { ZScoringPolicy, type TScoringPolicy } from "@/lib/schemas/policies/scoring";
import { withBreakdownReasons } from "./explain";
import { scoreLead, scoreTotals } from "./score";
import type { TActivity } from "./types";

const NOW = new Date("2026-06-01T12:00:00Z");
const DAY = 86_400_000;
const daysAgo = (days: number, type: string): TActivity => ({ type, occurredAt: new Date(NOW.getTime() - days * DAY) });
const model = ZScoringPolicy.parse(defaultScoringPolicy("2026-12-31"));

const vp = { employees: 5000, industry: "Software", title: "VP Sales", country: "US", domain: "acme.com" };

// [name, facts, activities, expected totals]. Default model: fitMin 20, engagementMin 15, threshold 60.
const cases: [string, TFacts, TActivity[], { fit: number; engagement: number; negative: number; total: number; isMql: boolean }][] = [
  // fit: enterprise 20 + ICP 10 + exec 15 + revenue team 5 + core market 5 = 55; demo today 30
  ["qualified enterprise VP with a fresh demo", vp, [daysAgo(0, "demo_request")], { fit: 55, engagement: 30, negative: 0, total: 85, isMql: true }],
  // one half-life (30 days): 30 × 0.5 = 15
  ["demo decays by half after its half-life", vp, [daysAgo(30, "demo_request")], { fit: 55, engagement: 15, negative: 0, total: 70, isMql: true }],
  // two half-lives: 30 × 0.25 = 7.5 → rounds to 8, below the engagement minimum 15
  ["decayed engagement misses the minimum", vp, [daysAgo(60, "demo_request")], { fit: 55, engagement: 8, negative: 0, total: 63, isMql: false }],
  // 3 fresh pricing visits = 30, capped at 20
  ["cap bounds a rule's points", vp, [0, 1, 2].map((h) => daysAgo(h / 24, "pricing_page_visit")), { fit: 55, engagement: 20, negative: 0, total: 75, isMql: true }],
  ["activity after now counts as fresh", vp, [daysAgo(-1, "demo_request")], { fit: 55, engagement: 30, negative: 0, total: 85, isMql: true }],
  ["unknown activity types score nothing", vp, [daysAgo(0, "podcast_listen")], { fit: 55, engagement: 0, negative: 0, total: 55, isMql: false }],
  // competitor -60: 55 + 30 - 60 = 25
  ["competitor domain subtracts", { ...vp, domain: "quotient.io" }, [daysAgo(0, "demo_request")], { fit: 55, engagement: 30, negative: -60, total: 25, isMql: false }],
  // student email -25, intern -30 … fit: "Marketing Intern" → revenue team 5; engagement 30 → 35 - 55 = -20 → clamped 0
  ["total is clamped at 0", { title: "Marketing Intern", domain: "ox.ac.uk" }, [daysAgo(0, "demo_request")], { fit: 5, engagement: 30, negative: -55, total: 0, isMql: false }],
  // 55 + 30 + 20 + 20 + 16 + 10 + 10 + 8 + 9 = 178 → clamped 100
  [
    "total is clamped at 100",
    vp,
    ["demo_request", "pricing_page_visit", "pricing_page_visit", "product_signup", "webinar_attended", "webinar_attended", "event_attended", "case_study_visit", "case_study_visit", "content_download", "content_download", "email_click", "email_click", "email_click"].map((t) => daysAgo(0, t)),
    { fit: 55, engagement: 123, negative: 0, total: 100, isMql: true },
  ],
  // activity.unsubscribe counted from activities: -20
  ["activity counts feed negative rules", vp, [daysAgo(0, "demo_request"), daysAgo(3, "unsubscribe")], { fit: 55, engagement: 30, negative: -20, total: 65, isMql: true }],
  ["a count given in the facts wins", { ...vp, "activity.unsubscribe": 0 }, [daysAgo(3, "unsubscribe")], { fit: 55, engagement: 0, negative: 0, total: 55, isMql: false }],
  // engagement alone is never enough: fit 0 < 20
  ["engagement without fit is not an MQL", {}, [daysAgo(0, "demo_request"), daysAgo(0, "product_signup"), daysAgo(0, "pricing_page_visit"), daysAgo(0, "pricing_page_visit")], { fit: 0, engagement: 70, negative: 0, total: 70, isMql: false }],
  ["empty lead", {}, [], { fit: 0, engagement: 0, negative: 0, total: 0, isMql: false }],
];

describe("scoreLead", () => {
  it.each(cases)("%s", (_name, facts, activities, expected) => {
    const result = scoreLead(model, facts, activities, NOW);
    expect({ fit: result.fit, engagement: result.engagement, negative: result.negative, total: result.total, isMql: result.isMql }).toEqual(expected);
    expect(scoreTotals(model, facts, activities, NOW)).toEqual(expected);
  });

  it("explains each contribution in plain words", () => {
    const result = scoreLead(model, { ...vp, domain: "gmail.com" }, [daysAgo(30, "demo_request"), daysAgo(0, "pricing_page_visit")], NOW);
    expect(result.breakdown).toEqual([
      { group: "fit", ruleId: "size-enterprise", label: "Enterprise (2,000+ employees)", points: 20, detail: "employees is at least 2000 (it is 5000)" },
      { group: "fit", ruleId: "icp-industry", label: "ICP industry", points: 10, detail: "industry is one of Software, Fintech, Healthcare, Logistics (it is Software)" },
      { group: "fit", ruleId: "seniority-exec", label: "Executive buyer (C-level, VP, Head of)", points: 15, detail: "title contains Chief, VP, Vice President, Head of, Founder (it is VP Sales)" },
      { group: "fit", ruleId: "department-revenue", label: "Revenue team (sales, revops, marketing)", points: 5, detail: "title contains Sales, Revenue, Operations, Marketing (it is VP Sales)" },
      { group: "fit", ruleId: "geo-core", label: "Core market", points: 5, detail: "country is one of US, CA, GB, DE, AU (it is US)" },
      { group: "engagement", ruleId: "demo-request", label: "Requested a demo", points: 15, detail: "1 × demo_request (30 points each, halving every 30 days): 15 points" },
      { group: "engagement", ruleId: "pricing-page", label: "Visited the pricing page", points: 10, detail: "1 × pricing_page_visit (10 points each, halving every 14 days): 10 points" },
      { group: "negative", ruleId: "personal-email", label: "Personal email address", points: -15, detail: "domain is one of gmail.com, yahoo.com, hotmail.com, outlook.com, icloud.com and 3 more (it is gmail.com)" },
    ]);
    expect(result.reasons.slice(0, 2)).toEqual(["MQL: fit 55 ≥ 20, engagement 25 ≥ 15, total 65 ≥ 60", "Total 65 = fit 55 + engagement 25 + negative -15"]);
    expect(result.reasons[2]).toBe("+20 fit · Enterprise (2,000+ employees): employees is at least 2000 (it is 5000)");
    // The log keeps the verdict as reasons and the contributions once, as the breakdown; together they say it all.
    expect(result.summary).toEqual(result.reasons.slice(0, 2));
    expect(withBreakdownReasons(result.summary, result.breakdown)).toEqual(result.reasons);
    expect(withBreakdownReasons(result.reasons, result.breakdown)).toEqual(result.reasons);
  });

  it("says why a lead is not an MQL, and when the total was clamped", () => {
    const result = scoreLead(model, { title: "Student", domain: "pactly.com" }, [], NOW);
    expect(result.reasons[0]).toBe("Not an MQL: fit 0 is below the minimum 20; engagement 0 is below the minimum 15; total 0 is below the MQL threshold 60");
    expect(result.reasons[1]).toBe("Total 0 = fit 0 + engagement 0 + negative -90 (-90 clamped to the 0–100 scale)");
  });

  it("notes a capped rule", () => {
    const result = scoreLead(model, vp, [daysAgo(0, "demo_request"), daysAgo(0, "demo_request")], NOW);
    expect(result.breakdown.find((b) => b.ruleId === "demo-request")?.detail).toBe(
      "2 × demo_request (30 points each, halving every 30 days): 60 points, capped at 30",
    );
  });

  it("serialises with its breakdown (for the decision log)", () => {
    const json = JSON.parse(JSON.stringify(scoreLead(model, vp, [], NOW)));
    expect(json).toMatchObject({ fit: 55, total: 55, isMql: false });
    expect(json.breakdown).toHaveLength(5);
    expect(json.reasons[0]).toMatch(/^Not an MQL/);
  });

  it("scores custom attributes and rules without decay or cap", () => {
    const custom: TScoringPolicy = ZScoringPolicy.parse({
      fit: [
        { id: "plan", label: "Paid plan", attribute: "custom.plan", condition: { op: "in", values: ["pro", "team"] }, points: 30 },
        { id: "seats", label: "Many seats", attribute: "custom.seats", condition: { op: "range", min: 10 }, points: 20 },
        { id: "no-phone", label: "Phone missing", attribute: "custom.phone", condition: { op: "isEmpty" }, points: 1 },
      ],
      engagement: [{ id: "visit", label: "Page visit", activityType: "page_visit", points: 2 }],
      negative: [],
      fitMin: 0,
      engagementMin: 0,
      mqlThreshold: 50,
    });
    const result = scoreLead(custom, { "custom.plan": " PRO ", "custom.seats": 12, "custom.phone": "" }, Array.from({ length: 5 }, () => daysAgo(400, "page_visit")), NOW);
    expect(result).toMatchObject({ fit: 51, engagement: 10, total: 61, isMql: true });
  });

  it("memoised text matches give the same points, past the memo's size too", () => {
    // The text memo is cleared at 20,000 values per fact; 25,000 distinct titles cross it.
    for (let i = 0; i < 25_000; i++) {
      const title = i % 2 === 0 ? `VP Sales ${i}` : `Intern ${i}`;
      expect(scoreTotals(model, { title }, [], NOW).fit + scoreTotals(model, { title }, [], NOW).negative).toBe(i % 2 === 0 ? 20 : -30);
    }
    expect(scoreTotals(model, { industry: " software " }, [], NOW).fit).toBe(scoreTotals(model, { industry: "Software" }, [], NOW).fit);
  });

  it("breakdown always adds up to the totals", () => {
    const types = ["demo_request", "pricing_page_visit", "email_click", "unsubscribe", "spam_complaint", "webinar_attended"];
    fc.assert(
      fc.property(
        fc.record({
          employees: fc.option(fc.integer({ min: 0, max: 20_000 }), { nil: undefined }),
          industry: fc.constantFrom("Software", "Retail", "", undefined),
          title: fc.constantFrom("VP Sales", "Intern", "Director of Marketing", undefined),
          domain: fc.constantFrom("acme.com", "gmail.com", "quotient.io", "mit.edu"),
        }),
        fc.array(fc.record({ type: fc.constantFrom(...types), days: fc.double({ min: -2, max: 200, noNaN: true }) }), { maxLength: 12 }),
        (facts, acts) => {
          const activities = acts.map((a) => daysAgo(a.days, a.type));
          const r = scoreLead(model, facts, activities, NOW);
          const sum = (g: string) => r.breakdown.filter((b) => b.group === g).reduce((s, b) => s + b.points, 0);
          expect(sum("fit")).toBe(r.fit);
          expect(sum("negative")).toBe(r.negative);
          expect(Math.abs(sum("engagement") - r.engagement)).toBeLessThanOrEqual(0.5 + 0.01 * r.breakdown.length);
          expect(r.total).toBe(Math.max(0, Math.min(100, r.fit + r.engagement + r.negative)));
        },
      ),
      { seed: 7, numRuns: 300 },
    );
  });
});
