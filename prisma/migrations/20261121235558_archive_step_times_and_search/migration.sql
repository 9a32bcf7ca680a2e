-- AlterTable
ALTER TABLE "approval_steps" ADD COLUMN     "decision_seconds" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "exception_requests" ADD COLUMN     "submitted_quarter" DATE;

-- Hand-written backfill: the submission's calendar quarter (UTC), as the analytics computed it
-- per row until now; kept by commands/exceptions/archive-figures.ts from now on.
UPDATE "exception_requests" SET "submitted_quarter" = date_trunc('quarter', "submitted_at" AT TIME ZONE 'UTC')::date
WHERE "submitted_at" IS NOT NULL;

-- Hand-written backfill: each step's time to decision from its stage's start, the definition
-- the analytics computed on every read until now (a stage starts when the previous stage's
-- last decision landed, else when the step was created); the commands keep it from now on
-- through commands/exceptions/archive-figures.ts.
UPDATE "approval_steps" s SET "decision_seconds" = x.seconds
FROM (
  SELECT id, date_part('epoch', decided_at - GREATEST(created_at, COALESCE(
      max(decided_at) OVER (PARTITION BY request_id ORDER BY stage_index RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), created_at))) AS seconds
  FROM "approval_steps") x
WHERE x.id = s.id AND x.seconds IS NOT NULL;

-- Hand-written: the decided steps' times per approver role, in order, so the per-stage median
-- and p90 read one narrow index (partial: the schema language cannot express it).
CREATE INDEX "approval_steps_role_decision_seconds_idx" ON "approval_steps" ("approver_role", "decision_seconds")
  WHERE "decided_at" IS NOT NULL AND "status" IN ('APPROVED', 'REJECTED', 'CHANGES_REQUESTED');

-- Hand-written: how many groups the analytics' single pass over the requests yields (a few
-- thousand, not one per row). Without it the planner sorts 100k rows and aggregates serially;
-- with it, it hashes in memory and aggregates in parallel workers. The expressions are
-- exactly those of lib/server/queries/exception-analytics.ts (requestAggregates).
CREATE STATISTICS "exception_requests_analytics_groups" (ndistinct) ON
  "submitted_quarter", "type", "status", "tier",
  (CASE WHEN "type" IN ('DISCOUNT', 'VOLUME_DISCOUNT') THEN ceil("requested_discount_pct" / 5) END)
  FROM "exception_requests";

-- The archive's free-text search (ILIKE '%…%' on the justification and the deal's name) reads
-- trigram indexes instead of every row. pg_trgm ships with PostgreSQL (contrib) and is a
-- trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "exception_requests_justification_trgm_idx" ON "exception_requests" USING GIN ("justification" gin_trgm_ops);
CREATE INDEX "opportunities_name_trgm_idx" ON "opportunities" USING GIN ("name" gin_trgm_ops);
