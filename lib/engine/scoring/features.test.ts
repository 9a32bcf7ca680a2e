import { describe, expect, it } from "vitest";
import { attributeType } from "@/lib/schemas/policies/common";
import { customKey } from "./attribute-keys";
import { binOf, detectColumns, featureEncoder, rowFacts, type TCalibrationRow, type TCategoricalColumn, type TNumericColumn } from "./features";
import { choleskySolve, fitLogistic } from "./logistic";
import { chiSquareSurvival, gTest } from "./significance";
import { hashUnit } from "./split";
import { prng } from "./testing/synthetic";

const options = { topLevels: 3, minLevelSupport: 5, numericBins: 4 };

function rowsOf(columns: Record<string, (i: number) => string | number | boolean | null>, n = 100): TCalibrationRow[] {
  return Array.from({ length: n }, (_, i) => ({
    id: String(i),
    outcome: i % 2 === 0,
    attributes: Object.fromEntries(Object.entries(columns).map(([k, f]) => [k, f(i)])),
  }));
}

describe("detectColumns", () => {
  const rows = rowsOf({
    "Lead Source": (i) => ["web", "Web ", "event", "partner", "referral", "ad"][i % 6]!,
    employees: (i) => (i % 10 === 0 ? "" : String(i * 10)),
    rating: (i) => i % 5,
    country: (i) => (i < 90 ? "US" : null),
    industry: (i) => i % 4,
    blank: () => null,
    constant: () => "same",
    "2nd-score": (i) => i * 1.5,
  });
  const columns = detectColumns(rows, options);
  const byName = Object.fromEntries(columns.map((c) => [c.column, c]));

  it.each([
    // name, kind, attribute key
    ["Lead Source", "categorical", "custom.Lead_Source"],
    ["employees", "numeric", "employees"], // numeric strings, a standard number attribute
    ["rating", "categorical", "custom.rating"], // 5 distinct numbers read as categories
    ["country", "categorical", "country"],
    ["industry", "categorical", "custom.industry"], // numbers cannot feed the text attribute
    ["2nd-score", "numeric", "custom.c_2nd_score"],
  ])("%s is %s, read as %s", (name, kind, attribute) => {
    expect(byName[name]).toMatchObject({ kind, attribute });
    expect(attributeType(attribute)).toBeDefined();
  });

  it("drops columns that cannot rank leads", () => {
    expect(byName.blank).toEqual({ kind: "dropped", column: "blank", reason: "always empty" });
    expect(byName.constant).toMatchObject({ kind: "dropped", reason: "one value only" });
  });

  it("keeps top levels by frequency (case-insensitive), pools the rest as other, missing as its own level", () => {
    const source = byName["Lead Source"] as TCategoricalColumn;
    // i % 6 over 0..99: residues 0–3 occur 17 times, 4–5 16 times. web + "Web " = 34; event 17,
    // partner 17 (equal counts: by key); referral and ad (16) pooled as other.
    expect(source.levels.map((l) => [l.key, l.count])).toEqual([["web", 34], ["event", 17], ["partner", 17]]);
    // One representative per text value: conditions compare case- and space-insensitively.
    expect(source.levels[0]!.values).toEqual(["web"]);
    expect(source).toMatchObject({ hasOther: true, hasMissing: false, featureCount: 4 });
    const country = byName.country as TCategoricalColumn;
    expect(country).toMatchObject({ hasMissing: true, hasOther: false, featureCount: 2 });
  });

  it("bins numbers at training quantiles, with a missing bin", () => {
    const employees = byName.employees as TNumericColumn;
    // 90 values 10·i (i = 1..99, not multiples of 10); quartile cuts at sorted positions 22, 45,
    // 67 → i = 25, 51, 75 (nine values per block of ten).
    expect(employees.edges).toEqual([250, 510, 750]);
    expect(employees.hasMissing).toBe(true);
    expect([binOf(employees.edges, 0), binOf(employees.edges, 250), binOf(employees.edges, 749), binOf(employees.edges, 10_000)]).toEqual([0, 1, 2, 3]);
  });

  it("encodes rows and maps them to facts", () => {
    const encode = featureEncoder(columns);
    const source = byName["Lead Source"] as TCategoricalColumn;
    const active = encode({ "Lead Source": "brand-new source", employees: "" });
    expect(active).toContain(source.firstFeature + 3); // unseen level → other
    const employees = byName.employees as TNumericColumn;
    expect(active).toContain(employees.firstFeature + 4); // empty → missing bin
    expect(rowFacts(columns, { employees: "1200", "Lead Source": "Web", blank: "x" })).toMatchObject({ employees: 1200, "custom.Lead_Source": "Web" });
  });

  it("makes valid custom keys from any column name", () => {
    expect(customKey("  Lead Source (2024) ")).toBe("custom.Lead_Source_2024");
    expect(customKey("%")).toBe("custom.c_");
  });
});

describe("fitLogistic", () => {
  it("solves a small system", () => {
    // [4 2; 2 3] x = [2; 1] → x = [0.5, 0]
    expect(Array.from(choleskySolve(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2))).toEqual([0.5, 0]);
  });

  it("recovers known coefficients", () => {
    // logit = −0.5 + 1.5·[feature 0] − 1·[feature 1], features on independently half the time
    const r = prng(3);
    const rows: Int32Array[] = [];
    const y: boolean[] = [];
    for (let i = 0; i < 40_000; i++) {
      const a = r() < 0.5;
      const b = r() < 0.5;
      rows.push(Int32Array.from([...(a ? [0] : []), ...(b ? [1] : [])]));
      y.push(r() < 1 / (1 + Math.exp(-(-0.5 + (a ? 1.5 : 0) - (b ? 1 : 0)))));
    }
    const fit = fitLogistic(rows, y, 2, { l2: 0.01 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(-0.5, 1);
    expect(fit.weights[0]).toBeCloseTo(1.5, 1);
    expect(fit.weights[1]).toBeCloseTo(-1, 1);
  });
});

describe("significance and split", () => {
  it.each([
    [3.841, 1, 0.05],
    [5.991, 2, 0.05],
    [6.635, 1, 0.01],
    [0, 3, 1],
  ])("P(χ²(%d df… ) ≥ %d)", (statistic, df, p) => {
    expect(chiSquareSurvival(statistic, df)).toBeCloseTo(p, 3);
  });

  it("G test of a 2 × 2 table", () => {
    // 100 leads per level, 50 and 30 converted; rate 0.4 → expected 40/60 per level.
    // G = 2[50 ln(50/40) + 50 ln(50/60) + 30 ln(30/40) + 70 ln(70/60)] = 8.4024, 1 df → p ≈ 0.0037
    const test = gTest([100, 100], [50, 30]);
    expect(test.g).toBeCloseTo(8.4024, 3);
    expect(test.df).toBe(1);
    expect(test.pValue).toBeCloseTo(0.0037, 3);
  });

  it("splits by a seeded hash, about evenly", () => {
    const held = Array.from({ length: 10_000 }, (_, i) => hashUnit(1, `lead-${i}`) < 0.2).filter(Boolean).length;
    expect(held).toBeGreaterThan(1850);
    expect(held).toBeLessThan(2150);
    expect(hashUnit(1, "x")).toBe(hashUnit(1, "x"));
    expect(hashUnit(1, "x")).not.toBe(hashUnit(2, "x"));
  });
});
