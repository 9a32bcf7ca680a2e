import { describe, expect, it } from "vitest";
import { defaultSlaPolicy } from "./policies/default-governance";
import { ZSlaClock, type TSlaClock } from "./policies/sla";
import { clockFromForm, clockToForm, convertTypedLength, parseNumber, ZSlaClocksForm, type TClockForm } from "./sla-clock-form";

const policy = defaultSlaPolicy(2026);
const firstTouch = policy.clocks[0]!;

/** Field paths of the errors the form schema reports, e.g. "clocks.0.warnings.1.percent". */
function errorPaths(clocks: TClockForm[]): Record<string, string> {
  const result = ZSlaClocksForm.safeParse({ clocks });
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("clock form ↔ policy clock", () => {
  it("shows whole hours as hours, warnings as percentages and ladder delays in hours", () => {
    const form = clockToForm(firstTouch);
    expect(form).toMatchObject({ length: "4", lengthUnit: "hours", businessHours: true, calendar: "OWNER", breachLimit: "10", pausable: false });
    expect(form.warnings).toEqual([{ percent: "50" }, { percent: "75" }]);
    expect(form.ladder).toEqual([
      { notify: ["OWNER", "MANAGER"], delay: "", delayUnit: "hours" },
      { notify: ["REVOPS"], delay: "4", delayUnit: "hours" },
      { notify: ["EXEC"], delay: "24", delayUnit: "hours" },
    ]);
  });

  it("keeps lengths that are not whole hours in minutes, and multipliers as multipliers", () => {
    expect(clockToForm({ ...firstTouch, durationMinutes: 5 })).toMatchObject({ length: "5", lengthUnit: "minutes" });
    expect(clockToForm({ ...firstTouch, durationMinutes: 90 })).toMatchObject({ length: "90", lengthUnit: "minutes" });
    expect(clockToForm(policy.clocks[3]!)).toMatchObject({ length: "2", lengthUnit: "multiplier" });
  });

  it("round-trips every default clock exactly", () => {
    for (const clock of policy.clocks) expect(clockFromForm(clockToForm(clock))).toEqual(clock);
    const odd: TSlaClock = { ...firstTouch, warnAt: [0.333, 0.9], durationMinutes: 45, pausable: true, breachLimitPer48h: undefined };
    delete odd.breachLimitPer48h;
    expect(clockFromForm(clockToForm(odd))).toEqual(odd);
  });

  it("turns typed hours, percentages and ladder rows into minutes, fractions and numbered levels", () => {
    const form: TClockForm = {
      ...clockToForm(firstTouch),
      length: "1.5",
      lengthUnit: "hours",
      warnings: [{ percent: "30" }, { percent: "80" }],
      ladder: [
        { notify: ["OWNER"], delay: "", delayUnit: "hours" },
        { notify: ["MANAGER", "REVOPS"], delay: "45", delayUnit: "minutes" },
        { notify: ["EXEC"], delay: "2", delayUnit: "hours" },
      ],
      breachLimit: "",
      pausable: true,
    };
    const clock = clockFromForm(form);
    expect(clock).toMatchObject({ durationMinutes: 90, warnAt: [0.3, 0.8], pausable: true });
    expect(clock.breachLimitPer48h).toBeUndefined();
    expect(clock.escalation).toEqual([
      { level: 1, notify: ["OWNER"] },
      { level: 2, notify: ["MANAGER", "REVOPS"], afterBreachMinutes: 45 },
      { level: 3, notify: ["EXEC"], afterBreachMinutes: 120 },
    ]);
    expect(ZSlaClock.safeParse(clock).success).toBe(true);
    expect(errorPaths([form])).toEqual({});
  });

  it("re-expresses a typed length when its unit changes, so the clock keeps its length", () => {
    expect(convertTypedLength("4", "hours", "minutes")).toBe("240");
    expect(convertTypedLength("90", "minutes", "hours")).toBe("1.5");
    expect(convertTypedLength("2", "multiplier", "hours")).toBe("2");
    expect(convertTypedLength("soon", "hours", "minutes")).toBe("soon");
    expect(convertTypedLength("", "hours", "minutes")).toBe("");
  });

  it("reads numbers typed with a decimal comma, and refuses words", () => {
    expect(parseNumber(" 1,5 ", "x")).toEqual({ ok: true, value: 1.5 });
    expect(parseNumber("", "x")).toEqual({ ok: true, value: undefined });
    expect(parseNumber("four", "The length")).toMatchObject({ ok: false, message: expect.stringContaining("The length must be a number") });
  });
});

describe("clock form validation puts each error on its input", () => {
  const base = () => policy.clocks.map(clockToForm);

  it("a warning of 120% or out of order", () => {
    const clocks = base();
    clocks[0]!.warnings = [{ percent: "80" }, { percent: "50" }, { percent: "120" }];
    const errors = errorPaths(clocks);
    expect(errors["clocks.0.warnings.1.percent"]).toMatch(/increasing order/);
    expect(errors["clocks.0.warnings.2.percent"]).toMatch(/below 100/);
  });

  it("a later ladder level firing before an earlier one, and a level notifying nobody", () => {
    const clocks = base();
    clocks[0]!.ladder[2]!.delay = "1";
    clocks[0]!.ladder[1]!.notify = [];
    const errors = errorPaths(clocks);
    expect(errors["clocks.0.ladder.2.delay"]).toMatch(/cannot fire before an earlier one/);
    expect(errors["clocks.0.ladder.1.notify"]).toMatch(/notify someone/);
  });

  it("an empty ladder, a blank or wordy length, part minutes, a multiplier on a fixed clock", () => {
    const clocks = base();
    clocks[0]!.ladder = [];
    clocks[0]!.length = "";
    clocks[1]!.length = "two days";
    clocks[2]!.lengthUnit = "minutes";
    clocks[2]!.length = "1.5";
    clocks[3]!.breachLimit = "0";
    const errors = errorPaths(clocks);
    expect(errors["clocks.0.ladder"]).toMatch(/at least one escalation level/);
    expect(errors["clocks.0.length"]).toMatch(/how long/);
    expect(errors["clocks.1.length"]).toMatch(/must be a number/);
    expect(errors["clocks.2.length"]).toMatch(/whole minutes/);
    expect(errors["clocks.3.breachLimit"]).toBeDefined();
    const fixed = base();
    fixed[0]!.lengthUnit = "multiplier";
    expect(errorPaths(fixed)["clocks.0.length"]).toMatch(/no reference length/);
  });
});
