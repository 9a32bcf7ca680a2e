import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";
import { ARCHIVE_BASE, archiveWhere, type TArchiveFilters } from "./exception-archive-sql";

export { ARCHIVE_TIERS, type TArchiveFilters, type TArchiveTier } from "./exception-archive-sql";

export const ARCHIVE_SORTS = ["submittedAt", "decidedAt", "timeToDecision", "discount"] as const;
export type TArchiveSort = (typeof ARCHIVE_SORTS)[number];
export const ARCHIVE_PAGE_SIZE = 25;

const SORT_COLUMN: Record<TArchiveSort, Prisma.Sql> = {
  submittedAt: Prisma.sql`submitted_at`,
  decidedAt: Prisma.sql`decided_at`,
  timeToDecision: Prisma.sql`decision_seconds`,
  discount: Prisma.sql`requested_pct`,
};

export type TArchiveRow = {
  id: string;
  type: string;
  status: string;
  requestedPct: number | null;
  grantedPct: number | null;
  tier: string | null;
  repId: string;
  repName: string;
  teamName: string | null;
  segment: string | null;
  products: string[];
  opportunityName: string;
  justification: string;
  submittedAt: Date | null;
  decidedAt: Date | null;
  /** Milliseconds from submission to decision; null while undecided. */
  timeToDecisionMs: number | null;
};

type TRaw = {
  id: string;
  type: string;
  status: string;
  requested_pct: number | null;
  granted_pct: number | null;
  tier: string | null;
  rep_id: string;
  rep_name: string;
  team_name: string | null;
  segment: string | null;
  products: string[];
  opportunity_name: string;
  justification: string;
  submitted_at: Date | null;
  decided_at: Date | null;
  decision_seconds: Prisma.Decimal | null;
};

const toNumber = (v: Prisma.Decimal | number | null) => (v === null ? null : Number(v));

function toRow(r: TRaw): TArchiveRow {
  const seconds = toNumber(r.decision_seconds);
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    requestedPct: toNumber(r.requested_pct),
    grantedPct: toNumber(r.granted_pct),
    tier: r.tier,
    repId: r.rep_id,
    repName: r.rep_name,
    teamName: r.team_name,
    segment: r.segment,
    products: r.products,
    opportunityName: r.opportunity_name,
    justification: r.justification,
    submittedAt: r.submitted_at,
    decidedAt: r.decided_at,
    timeToDecisionMs: seconds === null ? null : Math.round(seconds * 1000),
  };
}

export type TArchiveOptions = TArchiveFilters & { sort: TArchiveSort; dir: "asc" | "desc" };

function selectRows(o: TArchiveOptions, limit: number, offset: number) {
  const dir = o.dir === "asc" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const order = Prisma.sql`ORDER BY ${SORT_COLUMN[o.sort]} ${dir} NULLS LAST, id ASC`;
  // Deferred join: the page's ids are chosen first, where PostgreSQL drops the joins the
  // filters and the sort do not need; only those rows are then joined for display.
  // Undecided rows have no decision time: they go last in both directions.
  return db().$queryRaw<TRaw[]>`
    WITH page AS (SELECT id FROM (${ARCHIVE_BASE}) archive ${archiveWhere(o)} ${order} LIMIT ${limit} OFFSET ${offset})
    SELECT id, type, status, requested_pct, granted_pct, tier, rep_id, rep_name, team_name, segment, products,
      opportunity_name, justification, submitted_at, decided_at, decision_seconds
    FROM (${ARCHIVE_BASE}) archive WHERE id IN (SELECT id FROM page)
    ${order}`;
}

/** The exception archive: every request the deal desk may see, filtered, sorted and paged. */
export async function listExceptionArchive(o: TArchiveOptions & { page: number }): Promise<{ rows: TArchiveRow[]; total: number }> {
  const [rows, [count]] = await Promise.all([
    selectRows(o, ARCHIVE_PAGE_SIZE, (o.page - 1) * ARCHIVE_PAGE_SIZE),
    db().$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total FROM (${ARCHIVE_BASE}) archive ${archiveWhere(o)}`,
  ]);
  return { rows: rows.map(toRow), total: Number(count?.total ?? 0) };
}

/** The whole filtered set in batches, for the CSV export: memory stays flat on a large archive. */
export async function* iterateExceptionArchive(o: TArchiveOptions, batchSize = 1000): AsyncGenerator<TArchiveRow[]> {
  for (let offset = 0; ; offset += batchSize) {
    const batch = await selectRows(o, batchSize, offset);
    if (batch.length > 0) yield batch.map(toRow);
    if (batch.length < batchSize) return;
  }
}

/** Choices for the archive's filter form: only values that occur in the archive. */
export async function archiveFilterOptions() {
  const [reps, teams, segments, products] = await Promise.all([
    db().user.findMany({ where: { requests: { some: {} } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db().team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db().$queryRaw<{ segment: string }[]>`SELECT DISTINCT segment FROM accounts WHERE segment IS NOT NULL ORDER BY 1`,
    db().$queryRaw<{ product: string }[]>`
      SELECT DISTINCT unnest(o.products) AS product FROM opportunities o
      WHERE EXISTS (SELECT 1 FROM exception_requests r WHERE r.opportunity_id = o.id) ORDER BY 1`,
  ]);
  return { reps, teams, segments: segments.map((s) => s.segment), products: products.map((p) => p.product) };
}
