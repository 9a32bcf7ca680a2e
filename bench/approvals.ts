// Benchmark (not a test): planApprovals throughput on a deterministic org of ~50 people and
// 200,000 varied requests (single and combined deviations, absences, delegations, reps
// inside approver groups). Target: ≥ 100,000 plans/s on one core.
//   npm run bench:approvals
import { indexOrgChart, planApprovals, type TApprovalRequest, type TOrgChart, type TOrgUser, type TRequestedDeviation } from "@/lib/engine/approvals";
import { defaultApprovalPolicy } from "@/lib/schemas/policies/default-commercial";
import { mulberry32 } from "@/lib/engine/random/mulberry32";

const REQUESTS = 200_000;
const RUNS = 7;
const NOW = new Date("2026-03-04T10:00:00Z");
const day = (n: number) => new Date(NOW.getTime() + n * 86_400_000);

// Seeded, so every run plans exactly the same requests.
const rng = mulberry32;
const rand = rng(20260304);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

function buildOrg(): { chart: TOrgChart; reps: string[] } {
  const users: TOrgUser[] = [];
  const add = (id: string, role: TOrgUser["role"], managerId: string | null, region: string | null) => {
    const away = rand() < 0.1 ? [{ startsAt: day(-2), endsAt: day(3) }] : [];
    users.push({ id, name: `Person ${id}`, role, managerId, region, active: rand() > 0.03, absences: away });
  };
  add("cro", "EXEC", null, null);
  const regions = ["EMEA", "NA", "APAC"];
  const reps: string[] = [];
  const regionVps: Record<string, string> = {};
  for (const r of regions) {
    add(`vp-${r}`, "VP_SALES", "cro", r);
    regionVps[r] = `vp-${r}`;
    for (let m = 0; m < 3; m++) {
      add(`mgr-${r}-${m}`, "SALES_MANAGER", `vp-${r}`, r);
      for (let k = 0; k < 3; k++) {
        add(`rep-${r}-${m}-${k}`, "REP", `mgr-${r}-${m}`, r);
        reps.push(`rep-${r}-${m}-${k}`);
      }
    }
  }
  const groups = { DEAL_DESK: ["dd-0", "dd-1", "dd-2"], FINANCE: ["fin-0", "fin-1"], LEGAL: ["leg-0", "leg-1"] };
  for (const ids of Object.values(groups)) for (const id of ids) add(id, id.startsWith("dd") ? "DEAL_DESK" : id.startsWith("fin") ? "FINANCE" : "LEGAL", "cro", null);
  reps.push("dd-0", "fin-0", "mgr-EMEA-0"); // requesters who are also approvers
  const delegations = users
    .filter((u) => u.absences.length > 0)
    .map((u) => ({ delegatorId: u.id, delegateId: pick(users).id, startsAt: day(-2), endsAt: day(3) }));
  return { chart: { users, delegations, regionVps, groups }, reps };
}

function deviation(): TRequestedDeviation {
  const r = rand();
  if (r < 0.55) return { type: "DISCOUNT", discountPct: pick([5, 10, 10.01, 15, 20, 20.01, 27, 35, 40, 40.01, 55]) };
  if (r < 0.67) return { type: "PAYMENT_TERMS", paymentTermsDays: pick([30, 45, 60, 90]) };
  if (r < 0.77) return { type: "MULTI_YEAR", termMonths: pick([18, 24, 36]) };
  if (r < 0.87) return { type: "CUSTOM_LEGAL", clause: "Custom liability cap" };
  if (r < 0.95) return { type: "VOLUME_DISCOUNT", discountPct: pick([8, 12, 25]) };
  return { type: "OTHER", description: "Free onboarding" };
}

const { chart, reps } = buildOrg();
const policy = defaultApprovalPolicy();
const requests: TApprovalRequest[] = Array.from({ length: REQUESTS }, () => {
  const n = rand() < 0.7 ? 1 : rand() < 0.8 ? 2 : 3;
  const termMonths = pick([12, 12, 24, 36]);
  return {
    requesterId: pick(reps),
    deviations: Array.from({ length: n }, deviation),
    deal: { amountCents: Math.floor(rand() * 20_000_000), termMonths, region: pick(["EMEA", "NA", "APAC", "LATAM"]) },
  };
});

const t0 = performance.now();
indexOrgChart(chart);
const indexMs = performance.now() - t0;

let sink = 0;
function pass(): number {
  const started = performance.now();
  for (const r of requests) sink += planApprovals(policy, r, chart, NOW, "approval-v1").stages.length;
  return REQUESTS / ((performance.now() - started) / 1000);
}

console.log(`approval planner benchmark (node ${process.version}, ${process.platform}/${process.arch})`);
console.log(`org: ${chart.users.length} users, ${chart.delegations.length} delegations (index built once in ${indexMs.toFixed(2)} ms); ${REQUESTS.toLocaleString("en-US")} requests`);
pass(); // warm-up: JIT and the per-policy / per-org caches
const rates: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const rate = pass();
  rates.push(rate);
  console.log(`run ${i + 1}: ${Math.round(rate).toLocaleString("en-US")} plans/s`);
}
const sorted = [...rates].sort((a, b) => a - b);
const best = sorted.at(-1)!;
const median = sorted[Math.floor(sorted.length / 2)]!;
let auto = 0;
let stages = 0;
let fallbacks = 0;
let delegates = 0;
for (const r of requests) {
  const p = planApprovals(policy, r, chart, NOW);
  if (p.outcome === "AUTO_APPROVED") auto += 1;
  stages += p.stages.length;
  for (const s of p.stages) for (const a of s.approvers) {
    if (a.via === "fallback") fallbacks += 1;
    if (a.via === "delegate") delegates += 1;
  }
}
console.log(`mix: ${((auto / REQUESTS) * 100).toFixed(1)}% auto-approved, ${(stages / REQUESTS).toFixed(2)} stages/plan, ${fallbacks} fallback and ${delegates} delegate steps`);
console.log(`best ${Math.round(best).toLocaleString("en-US")} plans/s, median ${Math.round(median).toLocaleString("en-US")} plans/s (target ≥ 100,000): ${median >= 100_000 ? "PASS" : "FAIL"}`);
if (sink < 0) console.log(sink); // keeps the work observable so it is not optimised away
