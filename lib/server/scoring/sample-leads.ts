import "server-only";
import type { TCustomAttribute } from "@/lib/engine/intake/normalise";
import { deriveFacts } from "@/lib/engine/routing/facts";
import { db } from "../db";
import { ACTIVITY_WINDOW_DAYS } from "../commands/leads/score-stored-lead";

export type TSampleLead = { id: string; label: string; facts: Record<string, string | number | boolean | null>; activities: { type: string; occurredAt: string }[] };

/**
 * Recent leads as the scoring engine reads them (merged with their account, last year's
 * activities), for the model editor's live score. Plain JSON: the browser runs the engine.
 */
export async function sampleLeads(limit = 25, now = new Date()): Promise<TSampleLead[]> {
  const since = new Date(now.getTime() - ACTIVITY_WINDOW_DAYS * 86_400_000);
  const leads = await db().lead.findMany({
    where: { outcome: null },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: limit,
    include: { account: true, activities: { where: { occurredAt: { gte: since } }, select: { type: true, occurredAt: true } } },
  });
  return leads.map((lead) => {
    const activityCounts: Record<string, number> = {};
    for (const a of lead.activities) activityCounts[a.type] = (activityCounts[a.type] ?? 0) + 1;
    const custom = Object.fromEntries(Object.entries(lead.customAttributes as Record<string, TCustomAttribute>).map(([k, v]) => [k, v.value]));
    const account = lead.account ? { ...lead.account, annualRevenue: lead.account.annualRevenue ? Number(lead.account.annualRevenue) : null } : null;
    const facts = deriveFacts({ ...lead, annualRevenue: null, custom, activityCounts, account });
    const name = [lead.firstName, lead.lastName].filter(Boolean).join(" ") || lead.email || lead.externalId || lead.id.slice(0, 8);
    return {
      id: lead.id,
      label: `${name}${lead.company ? `, ${lead.company}` : ""} (score ${lead.score})`,
      facts: Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, v ?? null])),
      activities: lead.activities.map((a) => ({ type: a.type, occurredAt: a.occurredAt.toISOString() })),
    };
  });
}
