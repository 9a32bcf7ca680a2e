import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { detectDrift, DRIFT_BAND_WIDTH, DRIFT_MIN_REQUESTS, type TDriftFinding } from "@/lib/engine/exceptions/drift";
import { db, type Tx } from "../db";

// Archive analytics, aggregated in SQL (counts, sums, percentile_cont) so the page reads a
// few hundred rows however large the archive grows. Quarters are calendar quarters in UTC, by
// submission date; drafts (never submitted) are left out.

const DECIDED = Prisma.sql`status IN ('APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED')`;
const APPROVED = Prisma.sql`status IN ('APPROVED', 'APPROVED_WITH_CONDITIONS')`;

export type TRateRow = { quarter: string; type: string; tier: string; requests: number; decided: number; approved: number; approvalRate: number | null };
export type TStageTime = { role: string; decided: number; p50Hours: number; p90Hours: number };
export type TDiscountAverage = { key: string; approved: number; avgRequestedPct: number; avgGrantedPct: number };

const n = (v: unknown) => Number(v ?? 0);
const rate = (approved: number, decided: number) => (decided === 0 ? null : approved / decided);

// The percentiles sort 170k step times (12 MB), which spills to disk with the default 4 MB
// work_mem, as does grouping 100k requests whenever the planner expects one group per row
// (before the extended statistics below are analysed): the two reads get more memory, for
// their own transaction only. Interactive transactions time out after 5 s by default: a
// read-only report must not fail where a plain query would only be slow.
async function withReportMemory<T>(read: (tx: Tx) => Promise<T>): Promise<T> {
  return db().$transaction(
    async (tx) => {
      await tx.$executeRaw`SET LOCAL work_mem = '32MB'`;
      return read(tx);
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}

type TAggRow = {
  kind: "rate" | "type" | "segment" | "drift";
  quarter: string | null;
  type: string | null;
  tier: string | null;
  segment: string | null;
  band_low: Prisma.Decimal | null;
  requests: bigint;
  decided: bigint;
  approved: bigint;
  approved_as_asked: bigint;
  requested: number | null;
  granted: number | null;
};

/**
 * Every per-request figure in one pass over the archive: the requests are grouped once at the
 * finest grain every figure needs (quarter × type × status × tier × segment × discount band,
 * a few thousand groups), and the four views are summed from those groups. The columns are
 * the archive relation's (exception-archive-sql.ts: the stored quarter, tier and discounts,
 * the account's segment), read from the tables directly: going through that relation casts
 * every row's enums to text and decimals to floats before grouping (about 15% more time), and
 * the stored quarter spares a time-zone conversion per row (as much again). Averages are
 * sum / count over approved requests that carry both discounts. Drift bands use the same
 * bounds as discountBandLow: (10, 15] is the band above 10.
 * Extended statistics on exactly these grouping expressions (exception_requests_analytics_groups,
 * migration 20261121235558; the band width is written as a literal so the expressions match)
 * tell the planner that a few thousand groups come out of 100k rows, not one per row: it then
 * aggregates in parallel workers and hashes in memory instead of sorting every row.
 */
export async function requestAggregates(): Promise<TAggRow[]> {
  const w = DRIFT_BAND_WIDTH;
  return withReportMemory((tx) =>
    tx.$queryRaw<TAggRow[]>`
      WITH g AS MATERIALIZED (
        SELECT r.submitted_quarter, r.type, r.status, r.tier, a.segment,
          CASE WHEN r.type IN ('DISCOUNT', 'VOLUME_DISCOUNT') THEN ceil(r.requested_discount_pct / ${Prisma.raw(String(w))}) END AS band,
          count(*) AS requests,
          count(*) FILTER (WHERE r.requested_discount_pct IS NOT NULL AND r.granted_discount_pct IS NOT NULL) AS with_discount,
          sum(r.requested_discount_pct::float8) FILTER (WHERE r.granted_discount_pct IS NOT NULL) AS requested_sum,
          sum(r.granted_discount_pct::float8) FILTER (WHERE r.requested_discount_pct IS NOT NULL) AS granted_sum
        FROM exception_requests r
        LEFT JOIN opportunities o ON o.id = r.opportunity_id
        LEFT JOIN accounts a ON a.id = o.account_id
        WHERE r.submitted_at IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, 6),
      a AS (
        SELECT to_char(submitted_quarter, 'YYYY-"Q"Q') AS quarter, type::text AS type, tier, segment, requests, with_discount, requested_sum, granted_sum,
          CASE WHEN band IS NOT NULL THEN GREATEST(0, band * ${w} - ${w}) END AS band_low, -- GREATEST skips NULLs: no band stays none
          CASE WHEN ${DECIDED} THEN requests ELSE 0 END AS decided,
          CASE WHEN ${APPROVED} THEN requests ELSE 0 END AS approved,
          CASE WHEN status = 'APPROVED' THEN requests ELSE 0 END AS as_asked,
          ${APPROVED} AS is_approved
        FROM g)
      SELECT 'rate' AS kind, quarter, type, tier, NULL AS segment, NULL::numeric AS band_low, sum(requests)::bigint AS requests,
        sum(decided)::bigint AS decided, sum(approved)::bigint AS approved, 0::bigint AS approved_as_asked, NULL::float8 AS requested, NULL::float8 AS granted
      FROM a GROUP BY quarter, type, tier
      UNION ALL
      SELECT 'type', NULL, type, NULL, NULL, NULL, sum(with_discount)::bigint, 0, sum(with_discount)::bigint, 0, sum(requested_sum) / sum(with_discount), sum(granted_sum) / sum(with_discount)
      FROM a WHERE is_approved AND with_discount > 0 GROUP BY type
      UNION ALL
      SELECT 'segment', NULL, NULL, NULL, COALESCE(segment, 'UNSEGMENTED'), NULL, sum(with_discount)::bigint, 0, sum(with_discount)::bigint, 0, sum(requested_sum) / sum(with_discount), sum(granted_sum) / sum(with_discount)
      FROM a WHERE is_approved AND with_discount > 0 GROUP BY COALESCE(segment, 'UNSEGMENTED')
      UNION ALL
      SELECT 'drift', quarter, type, NULL, segment, band_low, sum(requests)::bigint, sum(decided)::bigint, 0, sum(as_asked)::bigint, NULL, NULL
      FROM a GROUP BY quarter, type, segment, band_low HAVING sum(decided) >= ${DRIFT_MIN_REQUESTS}`,
  );
}

/**
 * Time to decision per approver role: the median and p90 of the steps' stored decision
 * times (approval_steps.decision_seconds, from the stage's start to the decision), read in
 * order from a partial index of exactly these steps.
 */
export async function stageTimes(): Promise<TStageTime[]> {
  const rows = await withReportMemory((tx) =>
    tx.$queryRaw<{ role: string; decided: bigint; p: number[] | null }[]>`
      SELECT approver_role AS role, count(*) AS decided, percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY decision_seconds) AS p
      FROM approval_steps WHERE decided_at IS NOT NULL AND status IN ('APPROVED', 'REJECTED', 'CHANGES_REQUESTED')
      GROUP BY 1
      ORDER BY CASE approver_role WHEN 'MANAGER' THEN 1 WHEN 'REGION_VP' THEN 2 WHEN 'DEAL_DESK' THEN 3 ELSE 4 END, 1`,
  );
  return rows.map((r) => ({ role: r.role, decided: n(r.decided), p50Hours: n(r.p?.[0]) / 3600, p90Hours: n(r.p?.[1]) / 3600 }));
}

/** Computes every figure from the archive now (the two reads run side by side on two connections). */
export async function computeExceptionAnalytics() {
  const [agg, stages] = await Promise.all([requestAggregates(), stageTimes()]);
  const of = (kind: TAggRow["kind"]) => agg.filter((r) => r.kind === kind);
  const rates: TRateRow[] = of("rate")
    .map((r) => ({ quarter: r.quarter!, type: r.type!, tier: r.tier!, requests: n(r.requests), decided: n(r.decided), approved: n(r.approved), approvalRate: rate(n(r.approved), n(r.decided)) }))
    .sort((x, y) => y.quarter.localeCompare(x.quarter) || x.type.localeCompare(y.type) || x.tier.localeCompare(y.tier));
  const averages = (kind: "type" | "segment"): TDiscountAverage[] =>
    of(kind)
      .map((r) => ({ key: (kind === "type" ? r.type : r.segment)!, approved: n(r.approved), avgRequestedPct: n(r.requested), avgGrantedPct: n(r.granted) }))
      .sort((x, y) => x.key.localeCompare(y.key));
  const findings: TDriftFinding[] = detectDrift(
    of("drift").map((r) => ({ quarter: r.quarter!, type: r.type!, segment: r.segment, bandLow: r.band_low === null ? null : n(r.band_low), decided: n(r.decided), approved: n(r.approved_as_asked) })),
  );
  return { rates, stages, discountsByType: averages("type"), discountsBySegment: averages("segment"), findings };
}
export type TExceptionAnalytics = Awaited<ReturnType<typeof computeExceptionAnalytics>>;

// The figures only change when a request does: every command that writes a request or its
// steps updates the request row (updated_at), and a new request changes the count. So the
// last result is kept with that fingerprint and served again while it holds; the check is
// one scan of exception_requests. Each server process keeps its own copy, so replicas never
// serve each other's stale figures.
let last: { key: string; value: TExceptionAnalytics } | null = null;

async function archiveFingerprint(): Promise<string> {
  const [row] = await db().$queryRaw<{ key: string }[]>`
    SELECT count(*)::text || '/' || COALESCE(max(updated_at)::text, '') AS key FROM exception_requests`;
  return row?.key ?? "";
}

/** The analytics page's figures: computed again only when a request changed since the last read. */
export async function readExceptionAnalytics(): Promise<TExceptionAnalytics> {
  const key = await archiveFingerprint();
  if (last?.key === key) return last.value;
  const value = await computeExceptionAnalytics();
  last = { key, value };
  return value;
}
