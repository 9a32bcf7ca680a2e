import type { TSlaClock } from "@/lib/schemas/policies/sla";

// Plain-word summary of one SLA clock for the clock editor, e.g.
// "Runs 4 h of business hours on the owner's calendar. Warn at 50% and 75%; at breach notify
// the owner and their manager; 4 h later RevOps; 1 d later the executive."

const WHO: Record<string, string> = {
  OWNER: "the owner",
  MANAGER: "their manager",
  REGION_VP: "the regional VP",
  DEAL_DESK: "the deal desk",
  REVOPS: "RevOps",
  EXEC: "the executive",
};

const CALENDAR: Record<TSlaClock["calendar"], string> = { OWNER: "the owner's", TEAM: "the team's", REGION: "the region's" };

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** 90 → "1 h 30 min", 1440 → "1 d", 45 → "45 min". */
export function formatMinutes(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = Math.round(minutes % 60);
  const parts = [d ? `${d} d` : "", h ? `${h} h` : "", m ? `${m} min` : ""].filter(Boolean);
  return parts.length ? parts.join(" ") : "0 min";
}

const percent = (fraction: number) => `${Number((fraction * 100).toFixed(2))}%`;

/** One sentence per aspect: length and calendar, warnings, ladder, guardrail and pausing. */
export function summarizeClock(clock: TSlaClock): string {
  const length =
    clock.multiplier !== undefined
      ? `${clock.multiplier}× the ${clock.id === "APPROVAL_STAGE" ? "stage's approval hours" : "stage's average days"}`
      : formatMinutes(clock.durationMinutes ?? 0);
  const runs = clock.businessHours ? `Runs ${length} of business hours on ${CALENDAR[clock.calendar]} calendar.` : `Runs ${length} around the clock.`;
  const warn = clock.warnAt.length ? `Warn at ${list(clock.warnAt.map(percent))}` : "No warnings";
  const ladder = clock.escalation.map((level, i) => {
    const who = list(level.notify.map((t) => WHO[t] ?? t));
    const after = level.afterBreachMinutes ?? 0;
    if (i === 0 && after === 0) return `at breach notify ${who}`;
    return after === 0 ? `at breach also ${who}` : `${formatMinutes(after)} later ${who}`;
  });
  const guard = clock.breachLimitPer48h !== undefined ? ` Alert leadership when breaches exceed ${clock.breachLimitPer48h} twice within 48 h.` : "";
  const pause = clock.pausable ? " May be paused while waiting on the customer." : "";
  return `${runs} ${warn}${ladder.length ? `; ${ladder.join("; ")}` : ""}.${guard}${pause}`;
}
