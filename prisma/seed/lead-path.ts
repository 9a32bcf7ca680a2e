import type { TScoringPolicy } from "@/lib/schemas/policies";
import type { TRng } from "./prng";
import type { TScore, TSeedActivity } from "./score";

// A lead's lifecycle history, consistent with its score: who became an MQL and why, who
// sales accepted, rejected (with a reason code from the lifecycle policy) or converted.
// Whether a lead converts depends on fit and engagement plus noise, so backtests of the
// scoring model on the historical subset find real but imperfect signal.

export type TStage = "SUBSCRIBER" | "LEAD" | "MQL" | "SQL" | "OPPORTUNITY" | "CUSTOMER" | "EVANGELIST" | "RECYCLED" | "DISQUALIFIED";
export type TStep = { to: TStage; at: Date; reason: string | null; manual: boolean };
export type TPath = { steps: TStep[]; outcome: "CONVERTED" | "LOST" | null };

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Leads older than this have a known outcome (the backtest set). */
export const OUTCOME_AFTER_DAYS = 45;
const RECYCLE_REASONS = ["NO_BUDGET", "BAD_TIMING", "NO_AUTHORITY", "NO_RESPONSE"] as const;
const HIGH_INTENT = new Set(["demo_request", "pricing_page_visit", "product_signup"]);

export function leadPath(
  rng: TRng,
  p: { createdAt: Date; ref: Date; score: TScore; model: TScoringPolicy; activities: readonly TSeedActivity[]; ownerId: string | null; source: string; company: string | null },
): TPath {
  const { createdAt, ref, score } = p;
  const ageDays = (ref.getTime() - createdAt.getTime()) / DAY;
  const steps: TStep[] = [];
  const start: TStage = p.source === "content" && !p.company && rng.chance(0.6) ? "SUBSCRIBER" : "LEAD";
  steps.push({ to: start, at: createdAt, reason: `Created from ${p.source.replace("_", " ")}`, manual: false });
  let t = createdAt.getTime();
  // Adds a step if it happened before the reference date; false stops the story there.
  const step = (to: TStage, afterHours: number, reason: string | null, manual: boolean): boolean => {
    const at = t + afterHours * HOUR;
    if (at >= ref.getTime()) return false;
    t = at;
    steps.push({ to, at: new Date(at), reason, manual });
    return true;
  };

  const latent = -5.0 + 0.06 * score.fit + 0.055 * score.engagement + 0.03 * score.negative + rng.normal(0, 0.9);
  const converts = score.negative > -50 && rng.next() < 1 / (1 + Math.exp(-latent));
  const intent = p.activities.find((a) => HIGH_INTENT.has(a.type));
  const toMqlHours = intent ? Math.max(0.1, (intent.occurredAt.getTime() - createdAt.getTime()) / HOUR) : rng.float(1, 72);
  const mqlReason = score.isMql
    ? `Score ${score.total} ≥ ${p.model.mqlThreshold} (fit ${score.fit}, engagement ${score.engagement})`
    : "Hand-raiser: qualified by the owner";

  if (converts) {
    if (step("MQL", toMqlHours, mqlReason, false) && step("SQL", rng.float(1, 40), null, true) && step("OPPORTUNITY", rng.float(24, 240), "Opportunity created", true)) {
      if (rng.chance(0.35) && step("CUSTOMER", rng.float(20, 90) * 24, "Closed won", false) && rng.chance(0.12)) {
        step("EVANGELIST", rng.float(30, 90) * 24, "Agreed to a case study", true);
      }
    }
  } else if (score.isMql) {
    if (step("MQL", toMqlHours, mqlReason, false)) {
      const fate = rng.weighted([["recycle", 50], ["disqualify", 10], ["sql-recycle", 20], ["pending", 8], ["sql", 12]] as const);
      if (fate === "recycle") step("RECYCLED", rng.float(2, 60), rng.pick(RECYCLE_REASONS), true);
      else if (fate === "disqualify") step("DISQUALIFIED", rng.float(2, 60), rng.pick(["NOT_A_FIT", "EXISTING_CUSTOMER"]), true);
      else if (fate === "sql-recycle" || (fate === "sql" && ageDays > 30)) {
        if (step("SQL", rng.float(1, 40), null, true)) step("RECYCLED", rng.float(72, 500), rng.pick(RECYCLE_REASONS), true);
      } else if (fate === "sql") step("SQL", rng.float(1, 40), null, true);
    }
  } else if (score.negative <= -50) {
    if (rng.chance(0.8)) step("DISQUALIFIED", rng.float(1, 72), score.negative <= -60 ? "COMPETITOR" : "SPAM", true);
  } else if (rng.chance(0.05)) {
    step("DISQUALIFIED", rng.float(24, 400), "NOT_A_FIT", true);
  } else if (rng.chance(0.05)) {
    if (step("MQL", toMqlHours, "Scored as MQL by an earlier model", false)) step("RECYCLED", rng.float(24, 96), "NO_RESPONSE", true);
  }

  const outcome = ageDays >= OUTCOME_AFTER_DAYS ? (converts ? "CONVERTED" : "LOST") : null;
  return { steps, outcome };
}
