// Benchmark (not a test): the routing engine on a 500-row ROE matrix and 100,000 leads,
// against @gorules/zen-engine (decision table, hit policy "first") and json-rules-engine on
// the same matrix and leads. All three must pick the same row for every lead.
//   npm run bench:routing   (ROUTING_BENCH_LEADS=20000 for a quicker run, ROUTING_BENCH_PEERS=0 to time only ours)
import { ZenEngine } from "@gorules/zen-engine";
import { Engine, type ConditionProperties } from "json-rules-engine";
import { normaliseText, type TFactValue } from "@/lib/engine/conditions/evaluate";
import { deriveFacts, firstMatchingRow, lintRoutingPolicy, route, applyPoolDelta, emptyPoolState, type TDirectory, type TPoolState, type TRoutingLead } from "@/lib/engine/routing";
import type { TRoutingCondition } from "@/lib/schemas/policies/common";
import { ZRoutingPolicy, type TRoutingAction, type TRoutingPolicy, type TRoutingRow } from "@/lib/schemas/policies/routing";
import { mulberry32 } from "@/lib/engine/random/mulberry32";

const LEAD_COUNT = Number(process.env.ROUTING_BENCH_LEADS ?? 100_000);
const ROW_COUNT = 500;
const RUNS = 5;

// ---------------------------------------------------------------- deterministic data
function prng(seed: number) {
  const next = mulberry32(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const some = <T>(xs: readonly T[], k: number): T[] => [...new Set(Array.from({ length: k }, () => pick(xs)))];
  return { next, int, pick, some, chance: (p: number) => next() < p };
}
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

const COUNTRIES: Record<string, readonly string[]> = {
  NA: ["US", "CA", "MX", "BR", "AR", "CL"],
  EMEA: ["GB", "DE", "FR", "NL", "ES", "IT", "SE", "CH", "AT", "IE", "PL", "DK", "AE", "ZA"],
  APAC: ["AU", "JP", "IN", "SG", "NZ", "KR", "ID"],
};
const REGIONS = Object.keys(COUNTRIES);
const LANGUAGE: Record<string, string> = { DE: "de", AT: "de", CH: "de", FR: "fr", ES: "es", MX: "es", AR: "es", CL: "es", BR: "pt", IT: "it", JP: "ja", KR: "ko", NL: "nl", SE: "sv", PL: "pl" };
const INDUSTRIES = ["Software", "Fintech", "Healthcare", "Retail", "Manufacturing", "Logistics", "Education", "Media", "Telecom", "Energy", "Insurance", "Banking", "Government", "Hospitality", "Biotech"];
const SOURCES = ["web", "webinar", "event", "paid_search", "outbound", "referral", "content", "partner"];
const PRODUCTS = ["analytics", "platform", "security", "integrations", "mobile", "ai"];
const SEGMENTS = ["SMB", "MID_MARKET", "ENTERPRISE"];
const BANDS = [0, 50, 200, 500, 1000, 2000, 5000, 10_000];
const COLUMNS = ["isNamedAccount", "isPartnerSourced", "region", "country", "segment", "employees", "industry", "source", "productInterest", "language", "score", "title"];

function buildMatrix(seed: number): TRoutingPolicy {
  const r = prng(seed);
  const pools = Array.from({ length: 40 }, (_, p) => ({
    id: `pool-${p}`,
    name: `Pool ${p}`,
    members: Array.from({ length: 4 + r.int(6) }, (_, m) => ({ userId: uuid(1 + ((p * 7 + m) % 120)), weight: 1 + r.int(3), ...(r.chance(0.3) ? { capPerDay: 20 + r.int(20) } : {}) })),
    requiredSkills: [],
    catchUpAfterAbsence: false,
  }));
  const action = (): TRoutingAction => {
    const k = r.next();
    if (k < 0.7) return { type: "POOL", poolId: r.pick(pools).id };
    if (k < 0.85) return { type: "USER", userId: uuid(1 + r.int(120)) };
    return { type: "QUEUE", teamId: uuid(900 + r.int(5)) };
  };
  const rows: TRoutingRow[] = [
    { id: "named", label: "Named accounts", conditions: { isNamedAccount: { op: "equals", value: true } }, action: { type: "ACCOUNT_OWNER" } },
    { id: "partner", label: "Partner-sourced", conditions: { isPartnerSourced: { op: "equals", value: true } }, action: { type: "QUEUE", teamId: uuid(901) } },
  ];
  // Most specific first, as RevOps orders a real matrix: narrow rows (country, segment or
  // employee band, industry, product line, ...), then one row per region × segment, then per region.
  const general = REGIONS.length * SEGMENTS.length + REGIONS.length;
  for (let i = rows.length; i < ROW_COUNT - 1 - general; i++) {
    const region = r.pick(REGIONS);
    const c: Record<string, TRoutingCondition> = { region: { op: "equals", value: region } };
    if (r.chance(0.7)) c.country = { op: "in", values: r.some(COUNTRIES[region]!, 1 + r.int(3)) };
    if (r.chance(0.5)) {
      const segs = r.some(SEGMENTS, 1 + r.int(2));
      c.segment = segs.length === 1 ? { op: "equals", value: segs[0]! } : { op: "in", values: segs };
    } else if (r.chance(0.6)) {
      const lo = r.int(BANDS.length - 1);
      const hi = lo + 1 + r.int(BANDS.length - lo - 1);
      c.employees = { op: "range", ...(lo > 0 ? { min: BANDS[lo]! } : {}), ...(hi < BANDS.length - 1 ? { max: BANDS[hi]! } : { min: BANDS[lo]! }) };
    }
    if (r.chance(0.8)) c.industry = { op: "in", values: r.some(INDUSTRIES, 1 + r.int(3)) };
    if (r.chance(0.3)) c.source = r.chance(0.5) ? { op: "equals", value: r.pick(SOURCES) } : { op: "in", values: r.some(SOURCES, 2) };
    if (r.chance(0.6)) c.productInterest = { op: "in", values: r.some(PRODUCTS, 1 + r.int(2)) };
    if (r.chance(0.15)) c.language = r.chance(0.8) ? { op: "equals", value: r.pick(Object.values(LANGUAGE)) } : { op: "isEmpty" };
    if (r.chance(0.25)) c.score = { op: "range", min: r.pick([40, 60, 80]) };
    if (r.chance(0.05)) c.title = { op: "prefix", values: r.some(["VP", "Head", "Chief", "Director"], 2) };
    rows.push({ id: `r${i}`, conditions: c, action: action() });
  }
  for (const region of REGIONS) {
    for (const segment of SEGMENTS) {
      rows.push({ id: `${region}-${segment}`, conditions: { region: { op: "equals", value: region }, segment: { op: "equals", value: segment } }, action: { type: "POOL", poolId: r.pick(pools).id } });
    }
  }
  for (const region of REGIONS) rows.push({ id: `${region}-all`, conditions: { region: { op: "equals", value: region } }, action: { type: "QUEUE", teamId: uuid(902) } });
  rows.push({ id: "fallback", label: "Everything else", conditions: {}, action: { type: "QUEUE", teamId: uuid(900) } });
  return ZRoutingPolicy.parse({ columns: COLUMNS, rows, pools });
}

function buildLeads(seed: number, n: number): TRoutingLead[] {
  const r = prng(seed);
  const regionWeights = [["NA", 0.5], ["EMEA", 0.32], ["APAC", 0.18]] as const;
  return Array.from({ length: n }, (_, i) => {
    const x = r.next();
    const region = x < regionWeights[0][1] ? "NA" : x < regionWeights[0][1] + regionWeights[1][1] ? "EMEA" : "APAC";
    const country = r.pick(COUNTRIES[region]!);
    const employees = Math.round(Math.exp(2 + r.next() * 8.5));
    const hasAccount = r.chance(0.3);
    return {
      id: `lead-${i}`,
      email: `p${i}@c${r.int(5000)}.example`,
      country: r.chance(0.1) ? country.toLowerCase() : country,
      employees,
      industry: r.chance(0.05) ? null : r.pick(INDUSTRIES),
      source: r.pick(SOURCES),
      productInterest: r.chance(0.1) ? null : r.pick(PRODUCTS),
      language: r.chance(0.7) ? (LANGUAGE[country] ?? "en") : null,
      score: r.int(100),
      title: r.pick(["VP Sales", "Head of Ops", "Engineer", "Chief of Staff", "Director IT", "Analyst"]),
      isPartnerSourced: r.chance(0.04),
      account: hasAccount ? { id: `acc-${i}`, employees, country, isNamedAccount: r.chance(0.1), ownerId: r.chance(0.8) ? uuid(1 + r.int(120)) : null } : null,
    };
  });
}

// ---------------------------------------------------------------- peers' formats
const norm = (v: string | number | boolean) => (typeof v === "string" ? normaliseText(v) : v);
const lit = (v: string | number | boolean) => JSON.stringify(norm(v));

/** One zen unary cell ("$" is the column's value). Strings are pre-normalised on both sides. */
function zenCell(c: TRoutingCondition): string {
  switch (c.op) {
    case "any":
      return "";
    case "equals":
      return lit(c.value);
    case "in":
      return c.values.map(lit).join(", ");
    case "range":
      if (c.min !== undefined && c.max !== undefined) return `[${c.min}..${c.max})`;
      return c.min !== undefined ? `>= ${c.min}` : `< ${c.max}`;
    case "prefix":
      return c.values.map((p) => `startsWith($, ${lit(p)})`).join(" or ");
    case "suffix":
      return c.values.map((p) => `endsWith($, ${lit(p)})`).join(" or ");
    case "isEmpty":
      return c.value === false ? `$ != null and $ != ""` : `$ == null or $ == ""`;
  }
}

function zenContent(policy: TRoutingPolicy) {
  const inputs = policy.columns.map((key, i) => ({ id: `in${i}`, name: key, field: key }));
  const rules = policy.rows.map((row) => {
    const rule: Record<string, string> = { _id: row.id, out: JSON.stringify(row.id) };
    policy.columns.forEach((key, i) => (rule[`in${i}`] = row.conditions[key] ? zenCell(row.conditions[key]) : ""));
    return rule;
  });
  return {
    contentType: "application/vnd.gorules.decision",
    nodes: [
      { id: "request", type: "inputNode", name: "Request", position: { x: 0, y: 0 } },
      { id: "table", type: "decisionTableNode", name: "ROE", position: { x: 200, y: 0 }, content: { hitPolicy: "first", inputs, outputs: [{ id: "out", name: "row", field: "row" }], rules } },
      { id: "response", type: "outputNode", name: "Response", position: { x: 400, y: 0 } },
    ],
    edges: [
      { id: "e1", sourceId: "request", targetId: "table" },
      { id: "e2", sourceId: "table", targetId: "response" },
    ],
  };
}

function jreEngine(policy: TRoutingPolicy): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator("inList", (fact: TFactValue, values: TFactValue[]) => fact !== null && fact !== "" && values.includes(fact));
  engine.addOperator("rangeHalfOpen", (fact: TFactValue, [min, max]: [number | null, number | null]) => typeof fact === "number" && (min === null || fact >= min) && (max === null || fact < max));
  engine.addOperator("startsWithAny", (fact: TFactValue, values: string[]) => typeof fact === "string" && values.some((p) => fact.startsWith(p)));
  engine.addOperator("endsWithAny", (fact: TFactValue, values: string[]) => typeof fact === "string" && values.some((p) => fact.endsWith(p)));
  engine.addOperator("emptyIs", (fact: TFactValue, want: boolean) => (fact === null || fact === undefined || fact === "") === want);
  const n = policy.rows.length;
  policy.rows.forEach((row, i) => {
    const all = Object.entries(row.conditions).flatMap(([fact, c]): ConditionProperties[] => {
      switch (c.op) {
        case "any":
          return [];
        case "equals":
          return [{ fact, operator: "equal", value: norm(c.value) }];
        case "in":
          return [{ fact, operator: "inList", value: c.values.map(norm) }];
        case "range":
          return [{ fact, operator: "rangeHalfOpen", value: [c.min ?? null, c.max ?? null] }];
        case "prefix":
          return [{ fact, operator: "startsWithAny", value: c.values.map(normaliseText) }];
        case "suffix":
          return [{ fact, operator: "endsWithAny", value: c.values.map(normaliseText) }];
        case "isEmpty":
          return [{ fact, operator: "emptyIs", value: c.value ?? true }];
      }
    });
    // Distinct priorities run rule by rule in row order; stopping on the first success makes it "first hit".
    engine.addRule({ name: row.id, priority: n - i, conditions: { all }, event: { type: "row", params: { row: i } }, onSuccess: () => void engine.stop() });
  });
  return engine;
}

/** Facts as the peers get them: flat, text already trimmed and lower-cased (their tables hold normalised literals). */
function peerFacts(policy: TRoutingPolicy, lead: TRoutingLead): Record<string, TFactValue> {
  const facts = deriveFacts(lead, policy.columns);
  const out: Record<string, TFactValue> = {};
  for (const key of policy.columns) {
    const v = facts[key];
    out[key] = typeof v === "string" ? normaliseText(v) : (v ?? null);
  }
  return out;
}

// ---------------------------------------------------------------- timing helpers
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
function stats(rates: number[]) {
  const sorted = [...rates].sort((a, b) => a - b);
  return { best: sorted.at(-1)!, median: sorted[Math.floor(sorted.length / 2)]! };
}
function timeSync(label: string, fn: () => void, count: number) {
  fn(); // warm-up
  const rates: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    rates.push(count / ((performance.now() - t0) / 1000));
  }
  const s = stats(rates);
  console.log(`${label.padEnd(58)} best ${fmt(s.best).padStart(11)} /s   median ${fmt(s.median).padStart(11)} /s`);
  return s;
}

// ---------------------------------------------------------------- run
const policy = buildMatrix(20260301);
const leads = buildLeads(4242, LEAD_COUNT);
const now = new Date("2026-03-03T10:00:00Z");
// The comparison matrix: same conditions, every action a queue, so the picked row is the first matching row.
const matchOnly: TRoutingPolicy = { ...policy, rows: policy.rows.map((r) => ({ ...r, action: { type: "QUEUE", teamId: uuid(900) } as const })) };
const users = Object.fromEntries(
  Array.from({ length: 120 }, (_, i) => [
    uuid(i + 1),
    {
      id: uuid(i + 1),
      name: `Rep ${i + 1}`,
      active: i % 37 !== 0,
      timezone: ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Europe/London", "Australia/Sydney"][i % 5]!,
      workingHours: i % 3 === 0 ? { mon: [["00:00", "24:00"]], tue: [["00:00", "24:00"]], wed: [["00:00", "24:00"]], thu: [["00:00", "24:00"]], fri: [["00:00", "24:00"]] } : undefined,
      absences: i % 11 === 0 ? [{ startsAt: Date.parse("2026-03-01T00:00:00Z"), endsAt: Date.parse("2026-03-06T00:00:00Z") }] : [],
    },
  ]),
) as TDirectory["users"];
const directory: TDirectory = { users };

console.log(`routing benchmark: ${policy.rows.length}-row matrix, ${policy.columns.length} columns, ${policy.pools.length} pools, ${fmt(leads.length)} leads (node ${process.version}, ${process.platform})`);

// Expected rows, and how deep they are.
const expected = leads.map((l) => firstMatchingRow(matchOnly, l));
const depth = expected.reduce((a, b) => a + b, 0) / expected.length;
console.log(`matched row: mean index ${depth.toFixed(1)}, fallback for ${((expected.filter((e) => e === policy.rows.length - 1).length / expected.length) * 100).toFixed(1)}% of leads, ${new Set(expected).size} distinct rows hit`);

let sink = 0;
const ours = timeSync("ours: route(), explanations on (rows-before rendered lazily)", () => {
  for (const lead of leads) sink += route(matchOnly, lead, { directory }, now).rowIndex;
}, leads.length);
timeSync("ours: route() + explanation fully rendered (toJSON)", () => {
  for (const lead of leads) sink += route(matchOnly, lead, { directory }, now).explanation.toJSON().rowsBefore.length;
}, leads.length);
timeSync("ours: first matching row only (no explanation)", () => {
  for (const lead of leads) sink += firstMatchingRow(matchOnly, lead);
}, leads.length);

let oursMismatches = 0;
leads.forEach((lead, i) => {
  if (route(matchOnly, lead, { directory }, now).rowIndex !== expected[i]) oursMismatches++;
});

// Pools on: the real matrix with in-memory fairness state, one lead a second.
let states: Record<string, TPoolState> = {};
const poolRun = () => {
  states = Object.fromEntries(policy.pools.map((p) => [p.id, emptyPoolState(p.id)]));
  const t0 = now.getTime();
  leads.forEach((lead, i) => {
    const r = route(policy, lead, { directory, poolStates: states }, new Date(t0 + i * 1000));
    if (r.poolDelta) states[r.poolDelta.poolId] = applyPoolDelta(states[r.poolDelta.poolId]!, r.poolDelta);
  });
};
timeSync("ours: route() with pool picks (in-memory state), explanations on", poolRun, leads.length);
const assigned = Object.values(states).reduce((a, s) => a + s.seq, 0);
console.log(`  pool assignments in the last run: ${fmt(assigned)}`);

// Lint runs on every edit of the matrix, so its latency on 500 rows matters too.
{
  lintRoutingPolicy(policy, { directory }); // warm-up
  const t0 = performance.now();
  const lint = lintRoutingPolicy(policy, { directory });
  const ms = performance.now() - t0;
  const unreachable = new Set(lint.errors.filter((e) => e.code === "UNREACHABLE_ROW").map((e) => e.rowNumber! - 1));
  let routedByUnreachable = 0;
  leads.forEach((lead) => {
    if (unreachable.has(route(policy, lead, { directory, poolStates: states }, now).rowIndex)) routedByUnreachable++;
  });
  const count = (xs: { code: string }[]) => {
    const by = new Map<string, number>();
    for (const x of xs) by.set(x.code, (by.get(x.code) ?? 0) + 1);
    return [...by].map(([k, v]) => `${k} ${v}`).join(", ");
  };
  console.log(`lint on the ${policy.rows.length}-row matrix: ${ms.toFixed(0)} ms; errors: ${count(lint.errors) || "none"}; warnings: ${count(lint.warnings) || "none"}`);
  console.log(`  leads routed by a row lint calls unreachable: ${routedByUnreachable} (must be 0)`);
  if (routedByUnreachable > 0) process.exitCode = 1;
}

if (process.env.ROUTING_BENCH_PEERS === "0") {
  console.log(`ours: ${oursMismatches} mismatches; peers skipped (ROUTING_BENCH_PEERS=0)`);
  process.exit(oursMismatches > 0 ? 1 : 0);
}

// Peers get pre-built, pre-normalised flat facts (not timed).
const facts = leads.map((l) => peerFacts(policy, l));

const zen = new ZenEngine();
const decision = zen.createDecision(zenContent(policy));
const zenRows = new Int32Array(leads.length);
const rowIndex = new Map(policy.rows.map((r, i) => [r.id, i]));
async function zenBatched(batch: number) {
  const t0 = performance.now();
  for (let i = 0; i < facts.length; i += batch) {
    const chunk = facts.slice(i, i + batch);
    const results = await Promise.all(chunk.map((f) => decision.evaluate(f)));
    results.forEach((res, k) => (zenRows[i + k] = rowIndex.get((res.result as { row?: string } | null)?.row ?? "") ?? -1));
  }
  return facts.length / ((performance.now() - t0) / 1000);
}
async function zenSequential(n: number) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await decision.evaluate(facts[i]!);
  return n / ((performance.now() - t0) / 1000);
}
await zenBatched(1000); // warm-up
const zenSeq = await zenSequential(Math.min(10_000, facts.length));
const zenRates = [await zenBatched(1000), await zenBatched(1000), await zenBatched(1000)];
const zenBest = Math.max(...zenRates);
console.log(`${"zen-engine 0.54: decision table, hitPolicy first".padEnd(58)} best ${fmt(zenBest).padStart(11)} /s   (Promise.all batches of 1000; sequential await: ${fmt(zenSeq)} /s on 10,000)`);
const zenMismatches = expected.filter((e, i) => zenRows[i] !== e).length;
zen.dispose();

const jre = jreEngine(policy);
const jreRows = new Int32Array(leads.length);
async function jreRun(n: number) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const { events } = await jre.run(facts[i]!);
    jreRows[i] = (events[0]?.params?.row as number | undefined) ?? -1;
  }
  return n / ((performance.now() - t0) / 1000);
}
await jreRun(Math.min(2000, facts.length)); // warm-up
const jreRate = await jreRun(facts.length);
console.log(`${"json-rules-engine 7.3: priorities + stop on first success".padEnd(58)} best ${fmt(jreRate).padStart(11)} /s   (sequential await, one run over all leads)`);
const jreMismatches = expected.filter((e, i) => jreRows[i] !== e).length;

console.log(`same row for every lead: ours ${oursMismatches} mismatches, zen ${zenMismatches} mismatches, json-rules-engine ${jreMismatches} mismatches (of ${fmt(leads.length)})`);
const faster = Math.max(zenBest, jreRate);
console.log(`ratios (ours with explanations, best): ours/zen ${(ours.best / zenBest).toFixed(1)}x, ours/json-rules-engine ${(ours.best / jreRate).toFixed(1)}x`);
console.log(
  `targets: >= 500,000 decisions/s ${ours.best >= 500_000 ? "MET" : "NOT MET"} (${fmt(ours.best)}); >= 3x the faster peer ${ours.best >= 3 * faster ? "MET" : "NOT MET"} (${(ours.best / faster).toFixed(1)}x)`,
);
if (sink === -1) console.log(sink);
if (oursMismatches + zenMismatches + jreMismatches > 0) process.exitCode = 1;
