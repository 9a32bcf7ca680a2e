import "server-only";
import type { TScoringPolicy } from "@/lib/schemas/policies/scoring";
import type { Tx } from "../../db";
import { scoreLeadRow } from "../intake/score-row";
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
  return scoreLeadRow({ stored, activities, account, scoring, now });
}
