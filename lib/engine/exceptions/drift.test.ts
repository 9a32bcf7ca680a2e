import { describe, expect, it } from "vitest";
import { bandLabel, detectDrift, discountBandLow, type TDriftGroup } from "./drift";

const group = (over: Partial<TDriftGroup>): TDriftGroup => ({ quarter: "2026-Q3", type: "DISCOUNT", segment: "SMB", bandLow: 10, decided: 15, approved: 14, ...over });

describe("discount bands", () => {
  it.each([
    [0, 0],
    [5, 0],
    [10, 5],
    [10.01, 10],
    [15, 10],
    [15.5, 15],
    [27, 25],
  ])("%s%% falls in the band above %s", (pct, low) => {
    expect(discountBandLow(pct)).toBe(low);
  });

  it("labels a band and leaves types without a discount unbanded", () => {
    expect(bandLabel(10)).toBe("10–15%");
    expect(bandLabel(null)).toBeNull();
  });
});

describe("drift detection", () => {
  it.each([
    ["14 of 15 approved", group({}), true],
    ["exactly 80% is not above the threshold", group({ decided: 10, approved: 8 }), false],
    ["9 of 9 is too few requests", group({ decided: 9, approved: 9 }), false],
    ["10 of 10 is enough", group({ decided: 10, approved: 10 }), true],
    ["a pattern mostly rejected", group({ decided: 20, approved: 5 }), false],
    ["nothing decided", group({ decided: 0, approved: 0 }), false],
  ])("%s", (_name, g, found) => {
    expect(detectDrift([g]).length).toBe(found ? 1 : 0);
  });

  it("writes the evidence as a plain sentence", () => {
    const [f] = detectDrift([group({})]);
    expect(f!.sentence).toBe("In 2026-Q3, 14 of 15 SMB discount requests of 10–15% were approved (93%): consider raising the auto-approve limit");
    expect(f!.approvalRate).toBeCloseTo(14 / 15);
    expect(f!.band).toBe("10–15%");
  });

  it("names non-discount patterns without a band and suggests standard terms", () => {
    const [f] = detectDrift([group({ type: "PAYMENT_TERMS", segment: "MID_MARKET", bandLow: null, decided: 12, approved: 12 })]);
    expect(f!.sentence).toBe("In 2026-Q3, 12 of 12 mid-market payment terms requests were approved (100%): consider making these terms standard or lowering their approval tier");
  });

  it("honours custom thresholds and sorts newest quarter first", () => {
    const groups = [group({ quarter: "2026-Q1", decided: 5, approved: 5 }), group({ quarter: "2026-Q2", decided: 6, approved: 6 })];
    expect(detectDrift(groups)).toEqual([]);
    expect(detectDrift(groups, { minRequests: 5 }).map((f) => f.quarter)).toEqual(["2026-Q2", "2026-Q1"]);
  });
});
