import "server-only";
import type { TAccountRow } from "./routing-input";

// Intake's reads as raw statements whose rows are already the shapes the pure pieces take (a
// Lead, an account row): the same through a Prisma transaction and through a pg one (ADR 0027).
// No numeric or bigint column is returned as such: pg hands those out as strings, Prisma as
// Decimal/BigInt, and the two paths must see the same values.

/** Every column of `leads` under the model's field names. */
export const LEAD_COLUMNS = `id, email, external_id AS "externalId", first_name AS "firstName", last_name AS "lastName", title, company, domain,
  phone, country, region, industry, employees, source, product_interest AS "productInterest", language,
  is_partner_sourced AS "isPartnerSourced", custom_attributes AS "customAttributes", lifecycle_stage::text AS "lifecycleStage",
  fit_score AS "fitScore", engagement_score AS "engagementScore", negative_score AS "negativeScore", score, owner_id AS "ownerId",
  queue_team_id AS "queueTeamId", account_id AS "accountId", field_sources AS "fieldSources", outcome, import_batch_id AS "importBatchId",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The account columns scoring and routing read; the revenue as a double, wrapped like a Decimal (accountRowOf). */
export const ACCOUNT_COLUMNS = `id, name, owner_id AS "ownerId", domain, country, region, industry, segment, employees,
  annual_revenue::float8 AS "annualRevenue", is_named_account AS "isNamedAccount"`;

export type TAccountRowRaw = Omit<TAccountRow, "annualRevenue"> & { annualRevenue: number | null };

export function accountRowOf(raw: TAccountRowRaw): TAccountRow {
  const revenue = raw.annualRevenue;
  return { ...raw, annualRevenue: revenue === null ? null : { toNumber: () => revenue } };
}
