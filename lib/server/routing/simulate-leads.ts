import "server-only";
import type { TSimulationLead } from "@/lib/engine/routing";
import type { TCustomAttribute } from "@/lib/engine/intake/normalise";
import { db } from "../db";
import { displayOf, routingLeadOf, type TLeadRow } from "../commands/intake/routing-input";

type TRow = TLeadRow & {
  customAttributes: Record<string, TCustomAttribute>;
  lifecycleStage: string;
  score: number;
  fitScore: number;
  engagementScore: number;
  ownerId: string | null;
  queueTeamId: string | null;
  createdAt: Date;
  account: {
    id: string;
    name: string;
    ownerId: string | null;
    domain: string | null;
    country: string | null;
    region: string | null;
    industry: string | null;
    segment: string | null;
    employees: number | null;
    annualRevenue: number | null;
    isNamedAccount: boolean;
  } | null;
  activityCounts: Record<string, number> | null;
};

export type TSimulationBatch = { leads: TSimulationLead[]; accountOwnerIds: string[]; last: { createdAt: Date; id: string } | null };

/**
 * One page of the leads created in [from, to), oldest first, with their account and activity
 * counts, in ONE query (keyset-paged on created_at, id): the simulation reads every lead of the
 * window, and three ORM round trips per page made reading, not routing, most of its time.
 */
export async function loadSimulationBatch(window: { from: Date; to: Date }, after: { createdAt: Date; id: string } | null, limit: number): Promise<TSimulationBatch> {
  const afterAt = after?.createdAt ?? new Date(0);
  const afterId = after?.id ?? "00000000-0000-0000-0000-000000000000";
  const rows = await db().$queryRaw<TRow[]>`
    SELECT l.id, l.email, l.external_id AS "externalId", l.first_name AS "firstName", l.last_name AS "lastName", l.company, l.title,
      l.country, l.region, l.industry, l.source, l.product_interest AS "productInterest", l.language, l.employees,
      l.is_partner_sourced AS "isPartnerSourced", l.custom_attributes AS "customAttributes", l.lifecycle_stage::text AS "lifecycleStage",
      l.score, l.fit_score AS "fitScore", l.engagement_score AS "engagementScore", l.owner_id::text AS "ownerId",
      l.queue_team_id::text AS "queueTeamId", l.created_at AS "createdAt",
      CASE WHEN a.id IS NULL THEN NULL ELSE jsonb_build_object('id', a.id, 'name', a.name, 'ownerId', a.owner_id, 'domain', a.domain,
        'country', a.country, 'region', a.region, 'industry', a.industry, 'segment', a.segment, 'employees', a.employees,
        'annualRevenue', a.annual_revenue::float8, 'isNamedAccount', a.is_named_account) END AS account,
      (SELECT jsonb_object_agg(c.type, c.n) FROM (SELECT type, count(*)::int AS n FROM lead_activities WHERE lead_id = l.id GROUP BY type) c) AS "activityCounts"
    FROM leads l LEFT JOIN accounts a ON a.id = l.account_id
    WHERE l.created_at >= ${window.from} AND l.created_at < ${window.to} AND (l.created_at, l.id) > (${afterAt}, ${afterId}::uuid)
    ORDER BY l.created_at, l.id
    LIMIT ${limit}`;
  const accountOwnerIds: string[] = [];
  const leads = rows.map((l): TSimulationLead => {
    const account = l.account ? { ...l.account, annualRevenue: l.account.annualRevenue === null ? null : { toNumber: () => l.account!.annualRevenue! } } : null;
    if (l.account?.ownerId) accountOwnerIds.push(l.account.ownerId);
    const custom = Object.fromEntries(Object.entries(l.customAttributes ?? {}).map(([k, v]) => [k, v.value]));
    const routingLead = routingLeadOf(l, {
      stage: l.lifecycleStage,
      score: { total: l.score, fit: l.fitScore, engagement: l.engagementScore },
      custom,
      activityCounts: l.activityCounts ?? {},
      account,
    });
    const display = displayOf(l, l.account);
    return {
      lead: { ...routingLead, id: l.id },
      label: display.company ? `${display.name} (${display.company})` : display.name,
      at: l.createdAt,
      currentOwnerId: l.ownerId,
      currentQueueTeamId: l.queueTeamId,
    };
  });
  const tail = rows[rows.length - 1];
  return { leads, accountOwnerIds, last: tail ? { createdAt: tail.createdAt, id: tail.id } : null };
}
