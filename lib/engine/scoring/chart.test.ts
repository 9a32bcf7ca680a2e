import { describe, expect, it } from "vitest";
import { confusionCells, liftBars, rocCurve } from "./chart";
import { liftByDecile, rocAuc } from "./metrics";

describe("rocCurve", () => {
  it("steps through each distinct score, ties moving diagonally (hand-computed)", () => {
    // scores 90+, 80+, 80-, 50-: positives 2, negatives 2
    const rows = [
      { score: 90, outcome: true },
      { score: 80, outcome: true },
      { score: 80, outcome: false },
      { score: 50, outcome: false },
    ];
    expect(rocCurve(rows)).toEqual([
      { fpr: 0, tpr: 0, threshold: null },
      { fpr: 0, tpr: 0.5, threshold: 90 },
      { fpr: 0.5, tpr: 1, threshold: 80 },
      { fpr: 1, tpr: 1, threshold: 50 },
    ]);
  });

  it("its trapezoid area equals the rank AUC", () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ score: (i * 37) % 101, outcome: (i * 13) % 7 < 3 + ((i * 37) % 101) / 50 }));
    const curve = rocCurve(rows);
    let area = 0;
    for (let i = 1; i < curve.length; i++) area += ((curve[i]!.fpr - curve[i - 1]!.fpr) * (curve[i]!.tpr + curve[i - 1]!.tpr)) / 2;
    expect(area).toBeCloseTo(rocAuc(rows.map((r) => r.score), rows.map((r) => r.outcome))!, 10);
  });

  it("is empty with one class only", () => {
    expect(rocCurve([{ score: 1, outcome: true }])).toEqual([]);
  });
});

describe("liftBars and confusionCells", () => {
  const rows = Array.from({ length: 20 }, (_, i) => ({ id: String(i).padStart(2, "0"), score: 100 - i, outcome: i < 4 }));
  it("puts both versions' lifts side by side per decile", () => {
    const a = liftByDecile(rows);
    const b = liftByDecile(rows.map((r) => ({ ...r, score: r.id.endsWith("0") ? 100 : 0 })));
    const bars = liftBars(a, b);
    expect(bars).toHaveLength(10);
    // base rate 4/20 = 20%; the top decile (2 leads, both converted) converts at 100%: lift 5
    expect(bars[0]).toMatchObject({ decile: "1", liftA: 5, conversionA: 100 });
    expect(bars[0]!.liftB).toBeDefined();
    expect(liftBars(a)[0]).not.toHaveProperty("liftB");
  });

  it("labels the four cells with counts and shares", () => {
    const cells = confusionCells({ tp: 3, fp: 1, fn: 2, tn: 4 });
    expect(cells.map((c) => [c.key, c.count, c.share])).toEqual([["tp", 3, 0.3], ["fp", 1, 0.1], ["fn", 2, 0.2], ["tn", 4, 0.4]]);
    expect(confusionCells({ tp: 0, fp: 0, fn: 0, tn: 0 })[0]!.share).toBeNull();
  });
});
