import { describe, expect, it } from "vitest";
import { ZScoringPolicy } from "@/lib/schemas/policies/scoring";
import { calibrate, type TCalibrationResult } from "./calibrate";
import { rocAuc } from "./metrics";
import { isHeldOut } from "./split";
import { crmCalibrationRows, CRM_DIR } from "./testing/crm-export";
import { syntheticLeads } from "./testing/synthetic";

const INFORMATIVE = ["industry", "employees", "requested_demo"];
const NOISE = ["favourite_colour", "lucky_number", "tier"];

function maxAbsPoints(result: TCalibrationResult, column: string): number {
  return Math.max(0, ...result.rules.filter((r) => r.column === column).map((r) => Math.abs(r.points)));
}

describe("calibrate on a synthetic history with a known signal", () => {
  // 5,000 leads; outcome ~ logistic(industry, employees, demo request); 3 noise columns.
  const rows = syntheticLeads(5000, 42);
  const held = rows.filter((r) => isHeldOut(1, r.id!, 0.2));
  const generatingAuc = rocAuc(held.map((r) => r.trueLogit), held.map((r) => r.outcome))!;
  const screened = calibrate(rows, { target: { precision: 0.5 }, reviewBy: "2026-09-30" });
  const unscreened = calibrate(rows, { target: { mqlRate: 0.3 }, maxPValue: 1 });

  it("comes close to the generating model's AUC on held-out rows", () => {
    console.log(
      `synthetic held-out ROC AUC (${screened.heldOut.rows} rows): generating model ${generatingAuc.toFixed(4)}, ` +
        `logistic ${screened.heldOut.logisticAuc!.toFixed(4)}, point model ${screened.heldOut.pointAuc!.toFixed(4)} ` +
        `(without screening: logistic ${unscreened.heldOut.logisticAuc!.toFixed(4)}, points ${unscreened.heldOut.pointAuc!.toFixed(4)})`,
    );
    expect(screened.heldOut.rows).toBeGreaterThan(800);
    expect(screened.heldOut.logisticAuc!).toBeGreaterThan(generatingAuc - 0.03);
    expect(screened.heldOut.pointAuc!).toBeGreaterThan(generatingAuc - 0.03);
    expect(unscreened.heldOut.pointAuc!).toBeGreaterThan(generatingAuc - 0.03);
  });

  it("proposes a valid scoring policy draft", () => {
    for (const result of [screened, unscreened]) {
      expect(ZScoringPolicy.safeParse(result.proposal).success).toBe(true);
      expect(result.proposal.mqlThreshold).toBe(result.threshold.value);
    }
    expect(screened.proposal.reviewBy).toBe("2026-09-30");
    const attributes = new Set([...screened.proposal.fit, ...screened.proposal.negative].map((r) => r.attribute));
    // "industry" and "employees" are standard attributes; the rest become custom.<name>.
    expect([...attributes].sort()).toEqual(["custom.requested_demo", "employees", "industry"]);
  });

  it("gives informative columns more points than noise", () => {
    const informative = Math.min(...INFORMATIVE.map((c) => maxAbsPoints(unscreened, c)));
    const noise = Math.max(...NOISE.map((c) => maxAbsPoints(unscreened, c)));
    expect(informative).toBeGreaterThan(2 * noise);
    // With screening on (the default) the noise columns are left out altogether.
    expect(screened.columns.filter((c) => c.kind === "dropped").map((c) => c.column).sort()).toEqual([...NOISE].sort());
    expect(screened.reasons.some((r) => r.startsWith("Column tier left out: no significant link to the outcome"))).toBe(true);
  });

  it("explains each level: coefficient, support, conversion rate, the rule carrying it", () => {
    const demo = screened.rules.find((r) => r.column === "requested_demo" && r.level === "true")!;
    expect(demo.points).toBeGreaterThan(0);
    expect(demo.coefficient).toBeGreaterThan(demo.relativeCoefficient - 10);
    expect(demo.support).toBeGreaterThan(1000);
    expect(demo.conversionRate).toBeGreaterThan(0.4);
    expect(demo.ruleId).toBe(screened.proposal.fit.find((r) => r.attribute === "custom.requested_demo")!.id);
    expect(demo.explanation).toMatch(/^requested_demo true: \+\d+ points \(coefficient \+\d\.\d{3} vs the reference level; \d+ leads, \d+\.\d% converted\)$/);
  });

  it("hits the target on training rows and reports held-out figures at the threshold", () => {
    expect(screened.threshold.reachable).toBe(true);
    expect(screened.threshold.train.precision!).toBeGreaterThanOrEqual(0.5);
    expect(screened.threshold.heldOut.confusion.tp + screened.threshold.heldOut.confusion.fn).toBe(screened.heldOut.positives);
    expect(screened.heldOut.report.auc).toBe(screened.heldOut.pointAuc);
    expect(Math.abs(unscreened.threshold.train.mqlRate! - 0.3)).toBeLessThan(0.05);
  });

  it("is deterministic", () => {
    const again = calibrate(rows, { target: { precision: 0.5 }, reviewBy: "2026-09-30" });
    expect(again.proposal).toEqual(screened.proposal);
    expect(again.heldOut.pointAuc).toBe(screened.heldOut.pointAuc);
  });
});

describe("calibrate on the public CRM sample export", () => {
  // The export is the project's test bed (../shared beside the repo, in CI too): a missing
  // file fails the test rather than quietly skipping it.
  it(`runs on ${CRM_DIR} (closed deals, Won vs Lost)`, () => {
    const rows = crmCalibrationRows();
    if (rows === undefined) throw new Error(`The CRM export is missing at ${CRM_DIR}; it ships in ../shared/data beside the repository`);
    const result = calibrate(rows, { target: { mqlRate: 0.5 } });
    const kept = calibrate(rows, { target: { mqlRate: 0.5 }, maxPValue: 1 });
    console.log(
      `CRM export: ${rows.length} closed deals, held-out ${result.heldOut.rows}: ROC AUC point model ${result.heldOut.pointAuc?.toFixed(4)} ` +
        `(${result.proposal.fit.length + result.proposal.negative.length} rules); with every column kept: logistic ${kept.heldOut.logisticAuc?.toFixed(4)}, ` +
        `points ${kept.heldOut.pointAuc?.toFixed(4)}, training logistic ${kept.train.logisticAuc?.toFixed(4)}\n  ${result.reasons.join("\n  ")}`,
    );
    expect(ZScoringPolicy.safeParse(result.proposal).success).toBe(true);
    expect(ZScoringPolicy.safeParse(kept.proposal).success).toBe(true);
    expect(result.heldOut.pointAuc!).toBeGreaterThanOrEqual(0.5);
  });
});
