import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";

// The archive as one SQL relation, shared by the list and the CSV export so that every row
// shows the same definitions. The analytics (exception-analytics.ts) group the same stored
// columns and the same account segment, read from the tables directly.

/** Approver roles by seniority (ADR 0006); finance and legal decide in parallel at the top. */
export const ARCHIVE_TIERS = ["AUTO", "MANAGER", "REGION_VP", "DEAL_DESK", "FINANCE_LEGAL"] as const;
export type TArchiveTier = (typeof ARCHIVE_TIERS)[number];

export type TArchiveFilters = {
  type?: string;
  status?: string;
  tier?: TArchiveTier;
  repId?: string;
  teamId?: string;
  segment?: string;
  product?: string;
  /** Inclusive calendar days (UTC), "YYYY-MM-DD". */
  submittedFrom?: string;
  submittedTo?: string;
  q?: string;
};

/**
 * The archive relation: one row per request. Tier, requested and granted discount are the
 * columns the commands store at submit / decision (commands/exceptions/archive-figures.ts
 * holds their definitions), so a page or the analytics over 100k requests reads plain
 * columns: no JSON decoding and no aggregation of approval steps per row. float8: the
 * analytics average them, and percentages need no exact decimals there.
 * Every join is a LEFT JOIN on a unique key (requester and opportunity are NOT NULL foreign
 * keys, so the rows are the same as with inner joins): PostgreSQL then drops the joins a
 * query does not use, and a count or a page of ids reads exception_requests alone.
 */
export const ARCHIVE_BASE = Prisma.sql`
  SELECT r.id, r.opportunity_id, r.type::text AS type, r.status::text AS status, r.submitted_at, r.decided_at, r.justification,
    r.requested_discount_pct::float8 AS requested_pct, r.granted_discount_pct::float8 AS granted_pct, r.tier,
    r.requester_id AS rep_id, u.name AS rep_name, u.team_id, t.name AS team_name, a.segment,
    o.products, o.name AS opportunity_name,
    EXTRACT(EPOCH FROM (r.decided_at - r.submitted_at)) AS decision_seconds
  FROM exception_requests r
  LEFT JOIN users u ON u.id = r.requester_id
  LEFT JOIN opportunities o ON o.id = r.opportunity_id
  LEFT JOIN accounts a ON a.id = o.account_id
  LEFT JOIN teams t ON t.id = u.team_id`;

export function archiveWhere(f: TArchiveFilters): Prisma.Sql {
  const conds: Prisma.Sql[] = [];
  if (f.type) conds.push(Prisma.sql`type = ${f.type}`);
  if (f.status) conds.push(Prisma.sql`status = ${f.status}`);
  if (f.tier) conds.push(Prisma.sql`tier = ${f.tier}`);
  if (f.repId) conds.push(Prisma.sql`rep_id = ${f.repId}::uuid`);
  if (f.teamId) conds.push(Prisma.sql`team_id = ${f.teamId}::uuid`);
  if (f.segment) conds.push(Prisma.sql`segment = ${f.segment}`);
  if (f.product) conds.push(Prisma.sql`${f.product} = ANY(products)`);
  if (f.submittedFrom) conds.push(Prisma.sql`submitted_at >= ${f.submittedFrom}::date`);
  // "To" is inclusive: the whole last day counts.
  if (f.submittedTo) conds.push(Prisma.sql`submitted_at < ${f.submittedTo}::date + 1`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // Each side reads its own table's trigram index (the join's OR could only filter every row).
    conds.push(Prisma.sql`(id IN (SELECT x.id FROM exception_requests x WHERE x.justification ILIKE ${like})
      OR opportunity_id IN (SELECT x.id FROM opportunities x WHERE x.name ILIKE ${like}))`);
  }
  return conds.length ? Prisma.sql`WHERE ${Prisma.join(conds, " AND ")}` : Prisma.empty;
}
