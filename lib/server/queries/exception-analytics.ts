import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { detectDrift, DRIFT_BAND_WIDTH, DRIFT_MIN_REQUESTS, type TDriftFinding } from "@/lib/engine/exceptions/drift";
import { db } from "../db";
import { ARCHIVE_BASE } from "./exception-archive-sql";

// Archive analytics, aggregated in SQL (counts, averages, percentile_cont) so the page reads a
// few dozen rows however large the archive grows. Quarters are calendar quarters in UTC, by
// submission date; drafts (never submitted) are left out.

const QUARTER = Prisma.sql`to_char(submitted_at AT TIME ZONE 'UTC', 'YYYY-"Q"Q')`;
const DECIDED = Prisma.sql`status IN ('APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED')`;
const APPROVED = Prisma.sql`status IN ('APPROVED', 'APPROVED_WITH_CONDITIONS')`;

export type TRateRow = { quarter: string; type: string; tier: string; requests: number; decided: number; approved: number; approvalRate: number | null };
export type TStageTime = { role: string; decided: number; p50Hours: number; p90Hours: number };
export type TDiscountAverage = { key: string; approved: number; avgRequestedPct: number; avgGrantedPct: number };

const n = (v: unknown) => Number(v ?? 0);
const rate = (approved: number, decided: number) => (decided === 0 ? null : approved / decided);

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
 * Every per-request figure in one pass: the archive relation is built once (MATERIALIZED) and
 * grouped four ways, instead of four queries each joining and decoding 100k requests again.
 * Drift bands use the same bounds as discountBandLow: (10, 15] is the band above 10.
 */
async function requestAggregates(): Promise<TAggRow[]> {
  const w = DRIFT_BAND_WIDTH;
  return db().$queryRaw<TAggRow[]>`
    WITH a AS MATERIALIZED (
      SELECT ${QUARTER} AS quarter, type, tier, segment, status, requested_pct::float8 AS requested, granted_pct::float8 AS granted,
        CASE WHEN type IN ('DISCOUNT', 'VOLUME_DISCOUNT') AND requested_pct IS NOT NULL THEN GREATEST(0, ceil(requested_pct / ${w}) * ${w} - ${w}) END AS band_low,
        ${DECIDED} AS is_decided, ${APPROVED} AS is_approved, status = 'APPROVED' AS as_asked
      FROM (${ARCHIVE_BASE}) archive WHERE submitted_at IS NOT NULL)
    SELECT 'rate' AS kind, quarter, type, tier, NULL AS segment, NULL::numeric AS band_low, count(*) AS requests,
      count(*) FILTER (WHERE is_decided) AS decided, count(*) FILTER (WHERE is_approved) AS approved, 0::bigint AS approved_as_asked, NULL::float8 AS requested, NULL::float8 AS granted
    FROM a GROUP BY quarter, type, tier
    UNION ALL
    SELECT 'type', NULL, type, NULL, NULL, NULL, count(*), 0, count(*), 0, avg(requested), avg(granted)
    FROM a WHERE is_approved AND requested IS NOT NULL AND granted IS NOT NULL GROUP BY type
    UNION ALL
    SELECT 'segment', NULL, NULL, NULL, COALESCE(segment, 'UNSEGMENTED'), NULL, count(*), 0, count(*), 0, avg(requested), avg(granted)
    FROM a WHERE is_approved AND requested IS NOT NULL AND granted IS NOT NULL GROUP BY COALESCE(segment, 'UNSEGMENTED')
    UNION ALL
    SELECT 'drift', quarter, type, NULL, segment, band_low, count(*), count(*) FILTER (WHERE is_decided), 0, count(*) FILTER (WHERE as_asked), NULL, NULL
    FROM a GROUP BY quarter, type, segment, band_low HAVING count(*) FILTER (WHERE is_decided) >= ${DRIFT_MIN_REQUESTS}`;
}

/**
 * Time to decision per approver role. A stage starts when the previous stage's last decision
 * landed (later stages' steps may be created at submission and wait), else when the step was created.
 */
export async function stageTimes(): Promise<TStageTime[]> {
  const rows = await db().$queryRaw<{ role: string; decided: bigint; p50: number; p90: number }[]>`
    WITH steps AS (
      SELECT approver_role, status, decided_at,
        GREATEST(created_at, COALESCE(max(decided_at) OVER (PARTITION BY request_id ORDER BY stage_index RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), created_at)) AS started_at
      FROM approval_steps)
    SELECT approver_role AS role, count(*) AS decided,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', decided_at - started_at)) AS p50,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY date_part('epoch', decided_at - started_at)) AS p90
    FROM steps WHERE decided_at IS NOT NULL AND status::text IN ('APPROVED', 'REJECTED', 'CHANGES_REQUESTED')
    GROUP BY 1
    ORDER BY CASE approver_role WHEN 'MANAGER' THEN 1 WHEN 'REGION_VP' THEN 2 WHEN 'DEAL_DESK' THEN 3 ELSE 4 END, 1`;
  return rows.map((r) => ({ role: r.role, decided: n(r.decided), p50Hours: n(r.p50) / 3600, p90Hours: n(r.p90) / 3600 }));
}

/** Computes every figure from the archive now (about a second over 100k requests on 2 busy cores). */
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
