import { describe, expect, it } from "vitest";
import { defaultScoringPolicy } from "@/lib/schemas/policies/default-commercial";
import { ZScoringPolicy } from "@/lib/schemas/policies/scoring";
import { backtest, compareBacktests, scoreHistory, type TBacktestRow } from "./backtest";
import { csvCell, scoresToCsv, toCsvRows } from "./export-csv";
import { liftByDecile, rocAuc } from "./metrics";
import { proposeThreshold } from "./threshold";

// Eight leads. Positives: a 90, b 80, e 60, h 40. Negatives: c 80, d 70, f 50, g 40.
// d scores 70 but is not an MQL (say it missed the fit minimum).
const small: TBacktestRow[] = [
  { id: "a", score: 90, isMql: true, outcome: true },
  { id: "b", score: 80, isMql: true, outcome: true },
  { id: "c", score: 80, isMql: true, outcome: false },
  { id: "d", score: 70, isMql: false, outcome: false },
  { id: "e", score: 60, isMql: false, outcome: true },
  { id: "f", score: 50, isMql: false, outcome: false },
  { id: "g", score: 40, isMql: false, outcome: false },
  { id: "h", score: 40, isMql: false, outcome: true },
];

describe("backtest on a hand-computed case", () => {
  const report = backtest(small);

  it("ROC AUC counts ties as one half", () => {
    // Pairs (positive beats negative) out of 4 × 4 = 16:
    //   a90 beats c, d, f, g = 4; b80 ties c (½), beats d, f, g = 3.5; e60 beats f, g = 2;
    //   h40 ties g (½) = 0.5. Total 10 / 16 = 0.625.
    // By ranks: g,h share 1.5; f 3; e 4; d 5; b,c share 6.5; a 8. Positive ranks
    //   8 + 6.5 + 4 + 1.5 = 20; (20 − 4·5/2) / 16 = 10 / 16.
    expect(report.auc).toBe(0.625);
  });

  it("confusion matrix and figures at the MQL flag", () => {
    // MQL: a, b, c → tp 2 (a, b), fp 1 (c). Not MQL: d, e, f, g, h → fn 2 (e, h), tn 3.
    expect(report.atThreshold.confusion).toEqual({ tp: 2, fp: 1, fn: 2, tn: 3 });
    expect(report.atThreshold.precision).toBeCloseTo(2 / 3, 12); // 2 / (2 + 1)
    expect(report.atThreshold.recall).toBe(0.5); // 2 / (2 + 2)
    expect(report.atThreshold.f1).toBeCloseTo(4 / 7, 12); // 2 · (2/3 · 1/2) / (2/3 + 1/2) = (2/3) / (7/6)
    expect(report.atThreshold.mqlRate).toBe(0.375); // 3 / 8
    expect(report.atThreshold.accuracy).toBe(0.625); // (2 + 3) / 8
    expect(report.baseRate).toBe(0.5);
  });

  it("AUC is undefined with one class", () => {
    expect(rocAuc([1, 2, 3], [true, true, true])).toBeNull();
    expect(rocAuc([5, 5, 5, 5], [true, false, true, false])).toBe(0.5);
  });
});

describe("lift by decile", () => {
  // 20 leads r01…r20 scoring 100, 95, 95, 85, 80, …: two per decile. r02 and r03 tie at 95
  // across the edge of deciles 1 and 2. Converted: r01, r02, r03, r05, r09, r15 → base rate 6/20 = 0.3.
  const score = (i: number) => (i === 3 ? 95 : 105 - 5 * i);
  const positives = new Set([1, 2, 3, 5, 9, 15]);
  const rows = Array.from({ length: 20 }, (_, k) => {
    const i = ((k * 7) % 20) + 1; // shuffled input order: the result must not depend on it
    return { id: `r${String(i).padStart(2, "0")}`, score: score(i), outcome: positives.has(i) };
  });
  const deciles = liftByDecile(rows);

  it.each([
    // decile, positives, conversion, lift (= rate / 0.3), cumulative capture (of 6)
    [1, 2, 1, 1 / 0.3, 2 / 6],
    [2, 1, 0.5, 0.5 / 0.3, 3 / 6],
    [3, 1, 0.5, 0.5 / 0.3, 4 / 6],
    [4, 0, 0, 0, 4 / 6],
    [5, 1, 0.5, 0.5 / 0.3, 5 / 6],
    [6, 0, 0, 0, 5 / 6],
    [8, 1, 0.5, 0.5 / 0.3, 1],
    [10, 0, 0, 0, 1],
  ])("decile %i", (decile, pos, rate, lift, capture) => {
    const d = deciles[decile - 1]!;
    expect(d.count).toBe(2);
    expect(d.positives).toBe(pos);
    expect(d.conversionRate).toBeCloseTo(rate, 12);
    expect(d.lift).toBeCloseTo(lift, 12);
    expect(d.cumulativeCapture).toBeCloseTo(capture, 12);
  });

  it("splits a tie at a decile edge by id, and flags it", () => {
    expect(deciles[0]).toMatchObject({ minScore: 95, maxScore: 100, splitsTie: true });
    expect(deciles[1]).toMatchObject({ minScore: 85, maxScore: 95, splitsTie: false });
  });

  it("leaves empty bins empty when there are fewer than ten leads", () => {
    const d = liftByDecile(small);
    // Bin k holds positions floor(8k/10) … floor(8(k+1)/10) − 1: edges 0,0,1,2,3,4,4,5,6,7,8.
    expect(d.map((x) => x.count)).toEqual([0, 1, 1, 1, 1, 0, 1, 1, 1, 1]);
    expect(d[0]).toMatchObject({ conversionRate: null, lift: null, minScore: null });
  });
});

describe("compareBacktests", () => {
  it("puts two versions side by side with b − a deltas", () => {
    const b = backtest(small.map((r) => ({ ...r, isMql: r.score >= 60 })));
    // b flags a, b, c, d, e: tp 3 (a, b, e), fp 2 → precision 0.6, recall 0.75, MQL rate 5/8.
    const cmp = compareBacktests(backtest(small), b);
    expect(cmp.auc).toEqual({ a: 0.625, b: 0.625, delta: 0 });
    expect(cmp.precision.b).toBeCloseTo(0.6, 12);
    expect(cmp.precision.delta).toBeCloseTo(0.6 - 2 / 3, 12);
    expect(cmp.recall.delta).toBeCloseTo(0.25, 12);
    expect(cmp.mqlRate.delta).toBeCloseTo(0.25, 12);
    expect(cmp.reasons).toContain("Recall 50.0% → 75.0% (+25.0 points)");
    expect(cmp.deciles).toHaveLength(10);
  });
});

describe("scoreHistory and CSV export", () => {
  const model = ZScoringPolicy.parse(defaultScoringPolicy("2026-12-31"));
  const asOf = new Date("2026-01-10T00:00:00Z");
  const leads = [
    {
      id: "l1",
      externalId: "=HYPERLINK(\"x\")",
      facts: { employees: 5000, industry: "Software", title: "VP Sales", country: "US" },
      // the demo happened after the as-of time: it must not count (it would leak the outcome)
      activities: [{ type: "demo_request", occurredAt: new Date("2026-01-20T00:00:00Z") }],
      outcome: true,
      asOf,
    },
    { id: "l2, \"two\"", facts: {}, activities: [], outcome: false },
  ];
  const scored = scoreHistory(model, leads, asOf);

  it("scores each lead as of its time", () => {
    expect(scored[0]).toMatchObject({ id: "l1", fit: 55, engagement: 0, score: 55, isMql: false, outcome: true });
  });

  it("writes RFC 4180 CSV with formula-safe text", () => {
    expect(scoresToCsv(toCsvRows(scored))).toBe(
      "id,external_id,fit,engagement,negative,total,is_mql,outcome,breakdown\r\n" +
        "l1,\"'=HYPERLINK(\"\"x\"\")\",55,0,0,55,false,true,\r\n" +
        "\"l2, \"\"two\"\"\",,0,0,0,0,false,false,\r\n",
    );
    expect(csvCell(-20)).toBe("-20");
    expect(csvCell("-20 points")).toBe("'-20 points");
  });
});

describe("proposeThreshold", () => {
  const scores = small.map((r) => r.score);
  const outcomes = small.map((r) => r.outcome);

  it.each([
    // precision ≥ 0.65: t 81..90 → {a} 1/1; t 71..80 → {a, b, c} 2/3 ✓; t 61..70 adds d → 2/4 ✗.
    // Lowest passing t is 71, snapped up to the weakest flagged score, 80.
    [{ precision: 0.65 }, 80, true],
    // precision ≥ 0.6: t 51..60 → {a, b, c, d, e} 3/5 = 0.6 ✓; t 41..50 adds f → 3/6 ✗ → 60
    [{ precision: 0.6 }, 60, true],
    // precision 1 needs only a: 90
    [{ precision: 1 }, 90, true],
    // MQL rate 0.5 → 4 of 8: t 61..70 flags a, b, c, d exactly → 70
    [{ mqlRate: 0.5 }, 70, true],
    // MQL rate 0.3 → 2.4 of 8: 3 flagged (0.375, gap .075) beats 1 (0.125, gap .175) → 80
    [{ mqlRate: 0.3 }, 80, true],
  ] as const)("%o → %i", (target, threshold, reachable) => {
    const choice = proposeThreshold(scores, outcomes, target);
    expect(choice.threshold).toBe(threshold);
    expect(choice.reachable).toBe(reachable);
  });

  it("says when a precision is out of reach", () => {
    const choice = proposeThreshold(scores, outcomes, { precision: 1 }, 2);
    // at least 2 MQLs: best precision is 2/3 at 80
    expect(choice).toMatchObject({ threshold: 80, reachable: false });
    expect(choice.reason).toMatch(/No threshold reaches 100.0% precision/);
  });
});
