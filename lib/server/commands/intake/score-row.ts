// Scoring a lead row held in memory: the pure half of scoreStoredLead (which loads the row
// and its activities first). The batch path loads rows and activities for a whole chunk and
// calls this directly, so both paths score, and log the score, in exactly the same way.
import type { TCustomAttribute } from "@/lib/engine/intake/normalise";
import { deriveFacts } from "@/lib/engine/routing/facts";
import { scoreLead } from "@/lib/engine/scoring";
import type { Lead } from "@/lib/generated/prisma/client";
import type { TScoringPolicy } from "@/lib/schemas/policies/scoring";
import type { TDecisionEntry } from "../../decision-log";
import { routingAccountOf, type TAccountRow } from "./routing-input";

export type TActivityRow = { type: string; occurredAt: Date };

export function scoreLeadRow(args: { stored: Lead; activities: readonly TActivityRow[]; account: TAccountRow | null; scoring: { id: string; body: TScoringPolicy }; now: Date }) {
  const { stored, activities, account, scoring, now } = args;
  const activityCounts: Record<string, number> = {};
  for (const a of activities) activityCounts[a.type] = (activityCounts[a.type] ?? 0) + 1;
  const custom = Object.fromEntries(Object.entries(stored.customAttributes as Record<string, TCustomAttribute>).map(([k, v]) => [k, v.value]));
  const facts = deriveFacts({ ...stored, annualRevenue: null, custom, activityCounts, account: routingAccountOf(account) });
  const score = scoreLead(scoring.body, facts, activities, now);
  const entry: Omit<TDecisionEntry, "subjectId"> = {
    kind: "lead.scored",
    subjectType: "lead",
    policyVersionId: scoring.id,
    input: { facts },
    output: { fit: score.fit, engagement: score.engagement, negative: score.negative, total: score.total, isMql: score.isMql, breakdown: score.breakdown },
    // The verdict only: each contribution is stated once, in the breakdown (ADR 0031; entryReasons says them back).
    reasons: [...score.summary],
  };
  return { stored, activities, activityCounts, custom, facts, score, entry };
}
