import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ZCapacityInput } from "@/lib/schemas/sla-capacity";
import { erlangB, erlangC, type TCapacityInput } from "./erlang-c";

// An independent implementation of the textbook formula, written the "obvious" way
// (power / factorial sums), evaluated in log space so it also works for hundreds of agents:
//   C = (A^N/N! · N/(N−A)) / (Σ_{k<N} A^k/k! + A^N/N! · N/(N−A))
function referenceErlangC(a: number, n: number): number {
  const logTerm = (k: number) => {
    let logFactorial = 0;
    for (let i = 2; i <= k; i++) logFactorial += Math.log(i);
    return k * Math.log(a) - logFactorial;
  };
  const logs = Array.from({ length: n }, (_, k) => logTerm(k));
  const logTop = logTerm(n) + Math.log(n / (n - a));
  const max = Math.max(logTop, ...logs);
  const sum = logs.reduce((s, l) => s + Math.exp(l - max), 0);
  const top = Math.exp(logTop - max);
  return top / (sum + top);
}

const ok = (input: TCapacityInput) => {
  const r = erlangC(input);
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe("erlangC against worked examples", () => {
  // Call Centre Helper, "Erlang C formula – made simple" (callcentrehelper.com): 100 calls in
  // 30 minutes, 180 s handling, 20 s target. Figures as published there: 10 erlangs; with
  // 11 agents P(wait) = 68.21%, service level 39.0%, ASA 122.8 s; 14 agents reach 88.8%.
  // (Recalled from the article; it could not be re-fetched offline. The log-space formula
  // above reproduces every figure, which is what the tests below also rely on.)
  it("Call Centre Helper: 200 leads/h, 3 min handling, 20 s target", () => {
    const base = { arrivalsPerHour: 200, handleMinutes: 3, targetMinutes: 20 / 60 };
    const eleven = ok({ ...base, agents: 11 });
    expect(eleven.offeredLoad).toBeCloseTo(10, 12);
    expect(eleven.probabilityOfWaiting).toBeCloseTo(0.6821, 4);
    expect(eleven.serviceLevel).toBeCloseTo(0.39, 3);
    expect(eleven.averageSpeedOfAnswerMinutes * 60).toBeCloseTo(122.8, 1);
    expect(eleven.agentsForTarget).toBe(14);
    expect(ok({ ...base, agents: 14 }).serviceLevel).toBeCloseTo(0.888, 3);
    expect(ok({ ...base, agents: 13 }).serviceLevel).toBeLessThan(0.8); // 79.6%: 13 is one short
  });

  it("M/M/1 and M/M/2 closed forms (any queueing textbook): C = ρ and C = 2ρ²/(1+ρ)", () => {
    const one = ok({ arrivalsPerHour: 45, agents: 1, handleMinutes: 1, targetMinutes: 2 }); // ρ = 0.75
    expect(one.probabilityOfWaiting).toBeCloseTo(0.75, 12);
    expect(one.averageSpeedOfAnswerMinutes).toBeCloseTo(0.75 / 0.25, 12); // Wq = ρ/(μ−λ)
    expect(one.serviceLevel).toBeCloseTo(1 - 0.75 * Math.exp(-0.25 * 2), 12);
    const two = ok({ arrivalsPerHour: 72, agents: 2, handleMinutes: 1.5, targetMinutes: 0 }); // A = 1.8, ρ = 0.9
    expect(two.probabilityOfWaiting).toBeCloseTo((2 * 0.81) / 1.9, 12);
    expect(two.serviceLevel).toBeCloseTo(1 - (2 * 0.81) / 1.9, 12); // T = 0: answered at once
  });

  it.each([
    [10, 11], [10, 14], [2.5, 3], [48, 55], [48, 49], [0.3, 1], [99.5, 100], [150, 170], [450, 480], [900, 960],
  ])("A = %f erlangs, N = %i: matches the direct formula", (a, n) => {
    const r = ok({ arrivalsPerHour: a * 60, agents: n, handleMinutes: 1, targetMinutes: 0.5 });
    const c = referenceErlangC(a, n);
    expect(r.probabilityOfWaiting).toBeCloseTo(c, 10);
    expect(r.serviceLevel).toBeCloseTo(1 - c * Math.exp(-(n - a) * 0.5), 10);
    expect(r.averageSpeedOfAnswerMinutes).toBeCloseTo(c / (n - a), 10);
  });

  it("random plans match the direct formula, and agentsForTarget is the smallest that meets the target", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 300, noNaN: true }),
        fc.double({ min: 0.5, max: 30, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0.5, max: 0.99, noNaN: true }),
        fc.integer({ min: 0, max: 40 }),
        (perHour, handle, target, goal, extra) => {
          const a = (perHour / 60) * handle;
          const n = Math.floor(a) + 1 + extra;
          const r = ok({ arrivalsPerHour: perHour, agents: n, handleMinutes: handle, targetMinutes: target, targetServiceLevel: goal });
          expect(r.probabilityOfWaiting).toBeCloseTo(referenceErlangC(a, n), 9);
          const needed = r.agentsForTarget!;
          const sl = (k: number) => 1 - referenceErlangC(a, k) * Math.exp((-(k - a) * target) / handle);
          expect(sl(needed)).toBeGreaterThanOrEqual(goal - 1e-12);
          if (needed - 1 > a) expect(sl(needed - 1)).toBeLessThan(goal + 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("Erlang B recursion agrees with the direct sum", () => {
    const direct = (a: number, n: number) => {
      let term = 1, sum = 1;
      for (let k = 1; k <= n; k++) sum += (term *= a / k);
      return term / sum;
    };
    for (const [a, n] of [[5, 3], [10, 11], [20, 30]] as const) expect(erlangB(n, a)).toBeCloseTo(direct(a, n), 12);
  });
});

describe("erlangC answers impossible and odd plans in words, never NaN", () => {
  it("too few reps for the offered load", () => {
    const r = erlangC({ arrivalsPerHour: 100, agents: 4, handleMinutes: 3, targetMinutes: 1 });
    expect(r).toEqual({
      ok: false,
      error: "4 reps cannot keep up with 5.0 erlangs of work (100 leads/h × 3 min): at least 6 are needed for the queue to be stable, and 7 to answer 80.0% within 1 min",
      agentsForTarget: 7,
    });
    expect(erlangC({ arrivalsPerHour: 100, agents: 5, handleMinutes: 3, targetMinutes: 1 }).ok).toBe(false); // N = A exactly
  });

  it.each([
    [{ arrivalsPerHour: -1, agents: 2, handleMinutes: 3, targetMinutes: 1 }, "Leads per hour must be a number of at least 0"],
    [{ arrivalsPerHour: Number.NaN, agents: 2, handleMinutes: 3, targetMinutes: 1 }, "Leads per hour must be a number of at least 0"],
    [{ arrivalsPerHour: 10, agents: 2.5, handleMinutes: 3, targetMinutes: 1 }, "Reps on shift must be a whole number of at least 1"],
    [{ arrivalsPerHour: 10, agents: 0, handleMinutes: 3, targetMinutes: 1 }, "Reps on shift must be a whole number of at least 1"],
    [{ arrivalsPerHour: 10, agents: 2, handleMinutes: 0, targetMinutes: 1 }, "Average handling time must be more than 0 minutes"],
    [{ arrivalsPerHour: 10, agents: 2, handleMinutes: 3, targetMinutes: Infinity }, "The SLA target must be a number of minutes of at least 0"],
    [{ arrivalsPerHour: 10, agents: 2, handleMinutes: 3, targetMinutes: 1, targetServiceLevel: 80 }, "The target share must be above 0 and at most 1 (0.8 = 80% of leads within the SLA)"],
  ])("%o → %s", (input, error) => {
    expect(erlangC(input)).toEqual({ ok: false, error });
  });

  it("no leads: nobody waits", () => {
    const r = ok({ arrivalsPerHour: 0, agents: 3, handleMinutes: 5, targetMinutes: 0 });
    expect([r.offeredLoad, r.occupancy, r.probabilityOfWaiting, r.serviceLevel, r.averageSpeedOfAnswerMinutes, r.agentsForTarget]).toEqual([0, 0, 0, 1, 0, 1]);
  });

  it("a 100% target cannot be met and says so", () => {
    const r = ok({ arrivalsPerHour: 60, agents: 3, handleMinutes: 1, targetMinutes: 0, targetServiceLevel: 1 });
    expect(r.agentsForTarget).toBeNull();
    expect(r.reasons.join(" ")).toMatch(/lower the target share/);
  });

  it("every figure is finite for any valid input", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 50_000, noNaN: true }),
        fc.integer({ min: 1, max: 2_000 }),
        fc.double({ min: 0.01, max: 120, noNaN: true }),
        fc.double({ min: 0, max: 1_000, noNaN: true }),
        (arrivalsPerHour, agents, handleMinutes, targetMinutes) => {
          const r = erlangC({ arrivalsPerHour, agents, handleMinutes, targetMinutes });
          if (!r.ok) {
            expect(r.error).toMatch(/cannot keep up|offered load/);
            return;
          }
          for (const v of [r.offeredLoad, r.occupancy, r.probabilityOfWaiting, r.serviceLevel, r.averageSpeedOfAnswerMinutes]) expect(Number.isFinite(v)).toBe(true);
          expect(r.serviceLevel).toBeGreaterThanOrEqual(0);
          expect(r.serviceLevel).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("ZCapacityInput", () => {
  it("accepts a plan and names each problem in a bad one", () => {
    expect(ZCapacityInput.parse({ arrivalsPerHour: 200, agents: 11, handleMinutes: 3, targetMinutes: 0.5 })).toEqual({ arrivalsPerHour: 200, agents: 11, handleMinutes: 3, targetMinutes: 0.5 });
    const r = ZCapacityInput.safeParse({ arrivalsPerHour: "many", agents: 2.5, handleMinutes: 0, targetServiceLevel: 80, extra: true });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`)).toEqual([
      "arrivalsPerHour: Leads per hour (arrivalsPerHour) must be a number",
      "agents: Reps on shift must be a whole number",
      "handleMinutes: Average handling time must be more than 0 minutes",
      "targetMinutes: SLA target minutes (targetMinutes) is required",
      "targetServiceLevel: The target share is a fraction: at most 1 (0.8 = 80% of leads within the SLA)",
      ': Unrecognized key: "extra"',
    ]);
  });

  it("lets an unstable plan through: the engine answers it with the reps needed", () => {
    expect(ZCapacityInput.safeParse({ arrivalsPerHour: 100, agents: 4, handleMinutes: 3, targetMinutes: 1 }).success).toBe(true);
  });
});
