// Benchmark (not a test): lead scoring throughput with a deterministic 40-rule model on 200k
// synthetic leads, with and without building the explanation; then a backtest on 100k rows
// and a calibration on 20k rows × 8 attributes.
//   npm run bench:scoring
import { backtest, calibrate, scoreLead, scoreTotals, type TActivity } from "@/lib/engine/scoring";
import { prng, syntheticLeads } from "@/lib/engine/scoring/testing/synthetic";
import { ZScoringPolicy } from "@/lib/schemas/policies/scoring";

const LEADS = 200_000;
const RUNS = 7;
const NOW = new Date("2026-06-01T00:00:00Z");
const DAY = 86_400_000;

const ACTIVITY_TYPES = [
  "demo_request", "pricing_page_visit", "product_signup", "webinar_attended", "event_attended", "case_study_visit",
  "content_download", "email_click", "email_open", "page_visit", "trial_started", "contact_sales",
];
const INDUSTRIES = ["Software", "Fintech", "Healthcare", "Logistics", "Retail", "Education", "Media", "Energy"];
const TITLES = ["VP Sales", "Chief Revenue Officer", "Head of Marketing", "Sales Manager", "Engineer", "Marketing Intern", "Director of Operations", "Analyst"];
const COUNTRIES = ["US", "CA", "GB", "DE", "FR", "AU", "IN", "BR", "JP"];
const DOMAINS = ["acme.com", "globex.io", "gmail.com", "quotient.io", "uni.edu", "initech.de", "hooli.com", "yahoo.com"];

// 16 fit + 12 engagement + 12 negative = 40 rules, every condition type the schema allows.
const model = ZScoringPolicy.parse({
  fit: [
    { id: "f1", label: "Enterprise", attribute: "employees", condition: { op: "range", min: 2000 }, points: 20 },
    { id: "f2", label: "Mid-market", attribute: "employees", condition: { op: "range", min: 200, max: 2000 }, points: 15 },
    { id: "f3", label: "SMB", attribute: "employees", condition: { op: "range", min: 50, max: 200 }, points: 8 },
    { id: "f4", label: "ICP industry", attribute: "industry", condition: { op: "in", values: ["Software", "Fintech", "Healthcare", "Logistics"] }, points: 10 },
    { id: "f5", label: "Exec", attribute: "title", condition: { op: "contains", values: ["Chief", "VP", "Head of"] }, points: 15 },
    { id: "f6", label: "Manager", attribute: "title", condition: { op: "contains", values: ["Director", "Manager"] }, points: 8 },
    { id: "f7", label: "Revenue team", attribute: "title", condition: { op: "contains", values: ["Sales", "Revenue", "Marketing"] }, points: 5 },
    { id: "f8", label: "Core market", attribute: "country", condition: { op: "in", values: ["US", "CA", "GB", "DE", "AU"] }, points: 5 },
    { id: "f9", label: "Revenue 50M+", attribute: "annualRevenue", condition: { op: "range", min: 50_000_000 }, points: 10 },
    { id: "f10", label: "Named account", attribute: "isNamedAccount", condition: { op: "equals", value: true }, points: 10 },
    { id: "f11", label: "Partner sourced", attribute: "isPartnerSourced", condition: { op: "equals", value: true }, points: 5 },
    { id: "f12", label: "Has account", attribute: "hasAccount", condition: { op: "equals", value: true }, points: 3 },
    { id: "f13", label: "Plan pro", attribute: "custom.plan", condition: { op: "in", values: ["pro", "team"] }, points: 10 },
    { id: "f14", label: "Seats", attribute: "custom.seats", condition: { op: "range", min: 10 }, points: 5 },
    { id: "f15", label: "Web source", attribute: "source", condition: { op: "prefix", values: ["web", "organic"] }, points: 3 },
    { id: "f16", label: "Phone given", attribute: "custom.phone", condition: { op: "isEmpty", value: false }, points: 2 },
  ],
  engagement: ACTIVITY_TYPES.map((type, i) => ({
    id: `e${i + 1}`,
    label: type,
    activityType: type,
    points: 2 + (i % 5) * 5,
    cap: (2 + (i % 5) * 5) * 2,
    ...(i % 4 === 3 ? {} : { halfLifeDays: 14 + i * 3 }),
  })),
  negative: [
    { id: "n1", label: "Competitor", attribute: "domain", condition: { op: "in", values: ["quotient.io", "pactly.com"] }, points: -60 },
    { id: "n2", label: "Personal email", attribute: "domain", condition: { op: "in", values: ["gmail.com", "yahoo.com", "hotmail.com"] }, points: -15 },
    { id: "n3", label: "Student", attribute: "domain", condition: { op: "suffix", values: [".edu", ".ac.uk"] }, points: -25 },
    { id: "n4", label: "Intern", attribute: "title", condition: { op: "contains", values: ["Intern", "Student"] }, points: -30 },
    { id: "n5", label: "Unsubscribed", attribute: "activity.unsubscribe", condition: { op: "range", min: 1 }, points: -20 },
    { id: "n6", label: "Spam complaint", attribute: "activity.spam_complaint", condition: { op: "range", min: 1 }, points: -50 },
    { id: "n7", label: "Tiny company", attribute: "employees", condition: { op: "range", max: 5 }, points: -10 },
    { id: "n8", label: "No company", attribute: "company", condition: { op: "isEmpty" }, points: -5 },
    { id: "n9", label: "Sanctioned", attribute: "country", condition: { op: "in", values: ["KP", "IR"] }, points: -100 },
    { id: "n10", label: "Free plan", attribute: "custom.plan", condition: { op: "equals", value: "free" }, points: -5 },
    { id: "n11", label: "Bounced", attribute: "custom.bounced", condition: { op: "equals", value: true }, points: -10 },
    { id: "n12", label: "Job seeker", attribute: "source", condition: { op: "contains", values: ["careers"] }, points: -40 },
  ],
  fitMin: 20,
  engagementMin: 15,
  mqlThreshold: 60,
});

const r = prng(2026);
const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const leads = Array.from({ length: LEADS }, () => {
  const facts = {
    employees: Math.round(10 ** (r() * 4.5)),
    industry: pick(INDUSTRIES),
    title: pick(TITLES),
    country: pick(COUNTRIES),
    domain: pick(DOMAINS),
    company: r() < 0.9 ? "Acme" : "",
    annualRevenue: Math.round(10 ** (5 + r() * 4)),
    isNamedAccount: r() < 0.1,
    isPartnerSourced: r() < 0.05,
    hasAccount: r() < 0.6,
    source: pick(["web form", "organic search", "event", "careers page", "partner"]),
    "custom.plan": pick(["free", "pro", "team", null]),
    "custom.seats": Math.floor(r() * 40),
    "custom.phone": r() < 0.5 ? "+1 555 0100" : null,
    "custom.bounced": r() < 0.03,
  };
  const activities: TActivity[] = Array.from({ length: Math.floor(r() * 7) }, () => ({
    type: r() < 0.03 ? "unsubscribe" : pick(ACTIVITY_TYPES),
    occurredAt: new Date(NOW.getTime() - r() * 120 * DAY),
  }));
  return { facts, activities };
});

function time(label: string, runs: number, count: number, unit: string, body: () => number) {
  body(); // warm-up: compile, JIT
  const rates: number[] = [];
  let check = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    check += body();
    rates.push(count / ((performance.now() - t0) / 1000));
  }
  rates.sort((a, b) => a - b);
  const fmt = (x: number) => Math.round(x).toLocaleString("en-US");
  console.log(`${label.padEnd(46)} best ${fmt(rates[rates.length - 1]!).padStart(11)} ${unit}  median ${fmt(rates[Math.floor(rates.length / 2)]!).padStart(11)} ${unit}  (check ${check})`);
}

console.log(`scoring benchmark: 40-rule model, ${LEADS.toLocaleString("en-US")} leads, avg ${(leads.reduce((s, l) => s + l.activities.length, 0) / LEADS).toFixed(1)} activities (node ${process.version}, ${process.platform})`);
time("scoreTotals (totals only)", RUNS, LEADS, "scorings/s", () => {
  let mql = 0;
  for (const lead of leads) if (scoreTotals(model, lead.facts, lead.activities, NOW).isMql) mql++;
  return mql;
});
time("scoreLead (breakdown built lazily, not read)", RUNS, LEADS, "scorings/s", () => {
  let mql = 0;
  for (const lead of leads) if (scoreLead(model, lead.facts, lead.activities, NOW).isMql) mql++;
  return mql;
});
// Worst case for the text memo: every lead's title and company distinct (free text).
const distinct = leads.map((lead, i) => ({ ...lead, facts: { ...lead.facts, title: `${lead.facts.title} ${i}`, company: `Company ${i}` } }));
time("scoreTotals, every title distinct (memo misses)", RUNS, LEADS, "scorings/s", () => {
  let mql = 0;
  for (const lead of distinct) if (scoreTotals(model, lead.facts, lead.activities, NOW).isMql) mql++;
  return mql;
});
time("scoreLead + breakdown and reasons read", 3, LEADS, "scorings/s", () => {
  let items = 0;
  for (const lead of leads) {
    const result = scoreLead(model, lead.facts, lead.activities, NOW);
    items += result.breakdown.length + result.reasons.length;
  }
  return items;
});

const scored = leads.slice(0, 100_000).map((lead, i) => {
  const t = scoreTotals(model, lead.facts, lead.activities, NOW);
  return { id: `lead-${i}`, score: t.total, isMql: t.isMql, outcome: r() < 0.05 + t.total / 250 };
});
time("backtest (AUC, deciles, confusion), 100k rows", 5, 100_000, "rows/s", () => {
  const report = backtest(scored);
  return Math.round((report.auc ?? 0) * 1000);
});
const report = backtest(scored);
console.log(`  backtest: ${report.reasons.join("; ")}`);

const r2 = prng(7);
const history = syntheticLeads(20_000, 11).map((row) => ({
  ...row,
  attributes: { ...row.attributes, country: pick(COUNTRIES), web_visits: r2() < 0.1 ? null : Math.floor(r2() * 60) },
}));
const t0 = performance.now();
const result = calibrate(history, { target: { precision: 0.5 } });
const seconds = (performance.now() - t0) / 1000;
console.log(
  `calibrate 20k rows × 8 attributes: ${seconds.toFixed(2)} s (${result.columns.filter((c) => c.kind !== "dropped").length} columns kept after screening, ` +
    `${result.model.features} features, ${result.model.iterations} Newton steps); ` +
    `held-out AUC logistic ${result.heldOut.logisticAuc?.toFixed(4)}, points ${result.heldOut.pointAuc?.toFixed(4)}; threshold ${result.threshold.value}`,
);
