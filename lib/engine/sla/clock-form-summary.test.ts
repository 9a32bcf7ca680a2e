import { describe, expect, it } from "vitest";
import { defaultSlaPolicy } from "@/lib/schemas/policies/default-governance";
import { formatMinutes, summarizeClock } from "./clock-form-summary";

const [firstTouch, mqlAccept, approval, stale] = defaultSlaPolicy(2026).clocks;

describe("summarizeClock", () => {
  it("says in plain words how long a clock runs, when it warns and who is told", () => {
    expect(summarizeClock(firstTouch!)).toBe(
      "Runs 4 h of business hours on the owner's calendar. Warn at 50% and 75%; at breach notify the owner and their manager; 4 h later RevOps; 1 d later the executive. Alert leadership when breaches exceed 10 twice within 48 h.",
    );
    expect(summarizeClock(mqlAccept!)).toMatch(/^Runs 2 d around the clock\. Warn at 75%;/);
    expect(summarizeClock(approval!)).toMatch(/^Runs 1× the stage's approval hours of business hours on the region's calendar\./);
    expect(summarizeClock({ ...stale!, warnAt: [], pausable: true })).toBe(
      "Runs 2× the stage's average days around the clock. No warnings; at breach notify the owner and their manager; 7 d later the regional VP. May be paused while waiting on the customer.",
    );
  });

  it("formats minutes as days, hours and minutes", () => {
    expect([formatMinutes(5), formatMinutes(90), formatMinutes(1500), formatMinutes(0)]).toEqual(["5 min", "1 h 30 min", "1 d 1 h", "0 min"]);
  });
});
