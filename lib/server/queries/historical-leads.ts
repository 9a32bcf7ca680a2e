import "server-only";
import { deriveFacts } from "@/lib/engine/routing/facts";
import type { THistoricalLead } from "@/lib/engine/scoring";
import type { TCustomAttribute } from "@/lib/engine/intake/normalise";
import { db } from "../db";

const POSITIVE = new Set(["CONVERTED", "WON"]);
const NEGATIVE = new Set(["LOST"]);
// Without a recorded decision time, a lead is judged as it looked 30 days after it arrived:
// activity after that would leak the outcome into the score.
const DEFAULT_JUDGEMENT_DAYS = 30;
const LATER_STAGES = ["MQL", "SQL", "OPPORTUNITY", "CUSTOMER", "EVANGELIST", "RECYCLED", "DISQUALIFIED"] as const;

/** Leads with a known outcome, as the scoring engine reads them, for backtests and calibration. */
export async function loadHistoricalLeads(filters: { source?: string; from?: string; to?: string; importBatchId?: string }): Promise<THistoricalLead[]> {
  const leads = await db().lead.findMany({
    where: {
      outcome: { in: [...POSITIVE, ...NEGATIVE] },
      ...(filters.source ? { source: filters.source } : {}),
      ...(filters.importBatchId ? { importBatchId: filters.importBatchId } : {}),
      ...(filters.from || filters.to ? { createdAt: { ...(filters.from ? { gte: new Date(filters.from) } : {}), ...(filters.to ? { lt: new Date(new Date(filters.to).getTime() + 86_400_000) } : {}) } } : {}),
    },
    include: {
      account: true,
      activities: { select: { type: true, occurredAt: true } },
      transitions: { where: { toStage: { in: [...LATER_STAGES] } }, orderBy: { at: "asc" }, take: 1, select: { at: true } },
    },
    orderBy: { id: "asc" },
  });
  return leads.map((lead) => {
    const activityCounts: Record<string, number> = {};
    for (const a of lead.activities) activityCounts[a.type] = (activityCounts[a.type] ?? 0) + 1;
    const custom = Object.fromEntries(Object.entries(lead.customAttributes as Record<string, TCustomAttribute>).map(([k, v]) => [k, v.value]));
    const account = lead.account ? { ...lead.account, annualRevenue: lead.account.annualRevenue ? Number(lead.account.annualRevenue) : null } : null;
    return {
      id: lead.id,
      ...(lead.externalId ? { externalId: lead.externalId } : {}),
      facts: deriveFacts({ ...lead, annualRevenue: null, custom, activityCounts, account }),
      activities: lead.activities,
      outcome: POSITIVE.has(lead.outcome!),
      asOf: lead.transitions[0]?.at ?? new Date(lead.createdAt.getTime() + DEFAULT_JUDGEMENT_DAYS * 86_400_000),
    };
  });
}
