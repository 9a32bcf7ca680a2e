import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlCount, type TSqlTx } from "../../transaction-connection";

// The stored archive figures (exception_requests.tier, requested_discount_pct,
// granted_discount_pct, submitted_quarter, and each step's approval_steps.decision_seconds) let the archive and
// its analytics read plain columns instead of decoding JSON, aggregating steps or running
// window functions over 100k rows on every page view. Every command that changes what they
// depend on (details, steps, status, counter offers) calls storeArchiveFigures in its
// transaction, after its own writes; the definitions are the migrations' backfills
// (20261121210055, 20261121235558), plus one addition: a request submitted through the app
// keeps its discount in details.deviations, not details.discountPct.

const num = (path: Prisma.Sql) => Prisma.sql`CASE WHEN jsonb_typeof(${path}) = 'number' THEN (${path} #>> '{}')::numeric(5,2) END`;

/** The discount asked for: details.discountPct (older rows), else the first discount deviation's. */
const REQUESTED = Prisma.sql`COALESCE(
  ${num(Prisma.sql`r.details -> 'discountPct'`)},
  ${num(Prisma.sql`jsonb_path_query_first(r.details, '$.deviations[*] ? (@.type == "DISCOUNT").discountPct')`)},
  ${num(Prisma.sql`jsonb_path_query_first(r.details, '$.deviations[*] ? (@.type == "VOLUME_DISCOUNT").discountPct')`)})`;

/** The most senior approver role among the steps; a submitted request without steps was auto-approved. */
const TIER = Prisma.sql`CASE WHEN r.submitted_at IS NULL THEN NULL ELSE COALESCE((ARRAY['MANAGER','REGION_VP','DEAL_DESK','FINANCE_LEGAL'])[(
    SELECT max(CASE s.approver_role WHEN 'MANAGER' THEN 1 WHEN 'REGION_VP' THEN 2 WHEN 'DEAL_DESK' THEN 3 WHEN 'FINANCE' THEN 4 WHEN 'LEGAL' THEN 4 ELSE 3 END)
    FROM approval_steps s WHERE s.request_id = r.id)], 'AUTO') END`;

/** The calendar quarter (UTC) of submission, as its first day: the analytics' time axis. */
const QUARTER = Prisma.sql`date_trunc('quarter', r.submitted_at AT TIME ZONE 'UTC')::date`;

/** Granted: what was asked when approved; the last accepted counter offer (or the approver's conditions) when approved with conditions. */
const GRANTED = (requested: Prisma.Sql) => Prisma.sql`CASE r.status
    WHEN 'APPROVED' THEN ${requested}
    WHEN 'APPROVED_WITH_CONDITIONS' THEN COALESCE(
      ${num(Prisma.sql`r.counter_offer -> 'accepted' -> -1 -> 'discountPct'`)},
      (SELECT ${num(Prisma.sql`c.conditions -> 'discountPct'`)} FROM approval_steps c
        WHERE c.request_id = r.id AND c.conditions IS NOT NULL ORDER BY c.decided_at DESC NULLS LAST LIMIT 1),
      ${requested})
  END`;

/**
 * Each step's time to decision (approval_steps.decision_seconds), the analytics' per-stage
 * figure: a stage starts when the previous stage's last decision landed (later stages' steps
 * may be created at submission and wait), else when the step was created. Only rows whose
 * value changes are written.
 */
const STEP_SECONDS = (where: Prisma.Sql) => Prisma.sql`
  UPDATE approval_steps s SET decision_seconds = x.seconds
  FROM (
    SELECT id, date_part('epoch', decided_at - GREATEST(created_at, COALESCE(
        max(decided_at) OVER (PARTITION BY request_id ORDER BY stage_index RANGE BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), created_at))) AS seconds
    FROM approval_steps ${where}) x
  WHERE x.id = s.id AND s.decision_seconds IS DISTINCT FROM x.seconds`;

/** Recomputes the stored figures of the given requests and their steps (all of them when `ids` is "all": the demo seed). */
export async function storeArchiveFigures(tx: Pick<TSqlTx, "$executeRaw">, ids: readonly string[] | "all"): Promise<void> {
  if (ids !== "all" && ids.length === 0) return;
  const list = ids === "all" ? null : Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`));
  const where = list ? Prisma.sql`WHERE r.id IN (${list})` : Prisma.empty;
  const stepsWhere = list ? Prisma.sql`WHERE request_id IN (${list})` : Prisma.empty;
  // One statement, one round trip for the command: the steps' update runs as a data-modifying
  // CTE (the request's figures read only step columns it does not change). The figures are
  // computed once per request (granted repeats the requested expression: both read the old row)
  // and written only where they change: rewriting a row this transaction already wrote makes
  // PostgreSQL re-run its foreign-key checks, and every write adds a row version.
  await sqlCount(tx, Prisma.sql`
    WITH steps AS (${STEP_SECONDS(stepsWhere)})
    UPDATE exception_requests t SET requested_discount_pct = x.requested, tier = x.tier, granted_discount_pct = x.granted, submitted_quarter = x.quarter
    FROM (SELECT r.id, ${REQUESTED} AS requested, ${TIER} AS tier, ${GRANTED(REQUESTED)} AS granted, ${QUARTER} AS quarter FROM exception_requests r ${where}) x
    WHERE t.id = x.id AND (t.requested_discount_pct, t.tier, t.granted_discount_pct, t.submitted_quarter) IS DISTINCT FROM (x.requested, x.tier, x.granted, x.quarter)`);
}
