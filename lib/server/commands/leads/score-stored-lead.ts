import "server-only";
import type { TCustomAttribute } from "@/lib/engine/intake/normalise";
import { deriveFacts } from "@/lib/engine/routing/facts";
import { scoreLead } from "@/lib/engine/scoring";
import type { TScoringPolicy } from "@/lib/schemas/policies/scoring";
import type { Tx } from "../../db";
import type { TDecisionEntry } from "../../decision-log";
import { routingAccountOf } from "../intake/routing-input";
import type { ACCOUNT_FOR_FACTS } from "../intake/match-account";
import type { Prisma } from "@/lib/generated/prisma/client";

/** Activities older than this no longer count towards engagement. */
export const ACTIVITY_WINDOW_DAYS = 365;

export type TAccountForFacts = Prisma.AccountGetPayload<{ select: typeof ACCOUNT_FOR_FACTS }>;

/**
 * Scores a lead as it is stored in this transaction (fields, custom attributes, last year's
 * activities, matched account) with a scoring model version, and builds the lead.scored
 * entry. Intake and activity ingestion share it so a lead scores the same whichever way
 * new information arrives.
 */
export async function scoreStoredLead(tx: Tx, args: { leadId: string; account: TAccountForFacts | null; scoring: { id: string; body: TScoringPolicy }; now: Date }) {
  const { leadId, account, scoring, now } = args;
  const stored = await tx.lead.findUniqueOrThrow({ where: { id: leadId } });
  const since = new Date(now.getTime() - ACTIVITY_WINDOW_DAYS * 86_400_000);
  const activities = await tx.leadActivity.findMany({ where: { leadId, occurredAt: { gte: since } }, select: { type: true, occurredAt: true } });
  return { stored, activities, ...scoreLoadedLead({ stored, account, activities, scoring, now }) };
}

/**
 * The same scoring for a lead already loaded with its account and last year's activities
 * (bulk rescoring loads a chunk of leads in one query). No database access.
 */
export function scoreLoadedLead(args: {
  stored: Prisma.LeadGetPayload<object>;
  account: TAccountForFacts | null;
  activities: { type: string; occurredAt: Date }[];
  scoring: { id: string; body: TScoringPolicy };
  now: Date;
}) {
  const { stored, account, activities, scoring, now } = args;
  const activityCounts: Record<string, number> = {};
  for (const a of activities) activityCounts[a.type] = (activityCounts[a.type] ?? 0) + 1;
  const custom = Object.fromEntries(Object.entries(stored.customAttributes as Record<string, TCustomAttribute>).map(([k, v]) => [k, v.value]));
  const facts = deriveFacts({ ...stored, annualRevenue: null, custom, activityCounts, account: routingAccountOf(account) });
  const score = scoreLead(scoring.body, facts, activities, now);
  return {
    activityCounts,
    custom,
    facts,
    score,
    // A getter: the explanation is only built when the entry is read (a bulk rescoring reads it for changed scores only).
    get entry(): Omit<TDecisionEntry, "subjectId"> {
      return {
        kind: "lead.scored",
        subjectType: "lead",
        policyVersionId: scoring.id,
        input: { facts },
        output: { fit: score.fit, engagement: score.engagement, negative: score.negative, total: score.total, isMql: score.isMql, breakdown: score.breakdown },
        reasons: [...score.reasons],
      };
    },
  };
}
