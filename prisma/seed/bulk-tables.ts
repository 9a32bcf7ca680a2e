import type { Prisma } from "@/lib/generated/prisma/client";

// Fast path for the seed's high-volume tables, on a plain `pg` connection. Measured on 2
// cores: Prisma createMany ~200 µs per row, one INSERT … SELECT FROM unnest(arrays) ~45 µs
// (one bind parameter per column, so no parameter limit either). Through Prisma's raw query
// API the same statement kept ~4–8 MB per call alive (the heap grew without bound over a
// million leads); through `pg` memory stays flat. The integration test reads the rows back
// through Prisma, so a column that drifts from schema.prisma fails there.

/** Runs one statement and returns the number of rows it wrote. */
export type TExec = (sql: string, params: unknown[]) => Promise<number>;

type TColumn<T> = readonly [column: string, pgType: string, get: (row: T) => unknown];

function toParam(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

/** Inserts rows with INSERT … SELECT FROM unnest($1::type[], …); `text[]` columns travel as jsonb. */
export async function insertUnnest<T>(exec: TExec, table: string, columns: readonly TColumn<T>[], rows: readonly T[]): Promise<number> {
  if (rows.length === 0) return 0;
  const names = columns.map(([c]) => `"${c}"`).join(", ");
  const casts = columns.map(([, type], i) => `$${i + 1}::${type === "text[]" ? "jsonb" : type}[]`).join(", ");
  const aliases = columns.map((_, i) => `c${i}`);
  const select = columns.map(([, type], i) => (type === "text[]" ? `ARRAY(SELECT jsonb_array_elements_text(c${i}))` : `c${i}`)).join(", ");
  const sql = `INSERT INTO "${table}" (${names}) SELECT ${select} FROM unnest(${casts}) AS t(${aliases.join(", ")})`;
  const params = columns.map(([, , get]) => rows.map((r) => toParam(get(r))));
  return exec(sql, params);
}

type L = Prisma.LeadCreateManyInput;
export const LEAD_COLUMNS: readonly TColumn<L>[] = [
  ["id", "uuid", (r) => r.id],
  ["email", "text", (r) => r.email],
  ["first_name", "text", (r) => r.firstName],
  ["last_name", "text", (r) => r.lastName],
  ["title", "text", (r) => r.title],
  ["company", "text", (r) => r.company],
  ["domain", "text", (r) => r.domain],
  ["phone", "text", (r) => r.phone],
  ["country", "text", (r) => r.country],
  ["region", "text", (r) => r.region],
  ["industry", "text", (r) => r.industry],
  ["employees", "int4", (r) => r.employees],
  ["source", "text", (r) => r.source],
  ["product_interest", "text", (r) => r.productInterest],
  ["language", "text", (r) => r.language],
  ["is_partner_sourced", "bool", (r) => r.isPartnerSourced ?? false],
  ["custom_attributes", "jsonb", (r) => r.customAttributes ?? {}],
  ["lifecycle_stage", '"LifecycleStage"', (r) => r.lifecycleStage],
  ["fit_score", "int4", (r) => r.fitScore],
  ["engagement_score", "int4", (r) => r.engagementScore],
  ["negative_score", "int4", (r) => r.negativeScore],
  ["score", "int4", (r) => r.score],
  ["owner_id", "uuid", (r) => r.ownerId],
  ["queue_team_id", "uuid", (r) => r.queueTeamId],
  ["account_id", "uuid", (r) => r.accountId],
  ["outcome", "text", (r) => r.outcome],
  ["created_at", "timestamptz", (r) => r.createdAt],
  ["updated_at", "timestamptz", (r) => r.updatedAt],
];

type A = Prisma.LeadActivityCreateManyInput;
export const ACTIVITY_COLUMNS: readonly TColumn<A>[] = [
  ["lead_id", "uuid", (r) => r.leadId],
  ["type", "text", (r) => r.type],
  ["occurred_at", "timestamptz", (r) => r.occurredAt],
  ["metadata", "jsonb", (r) => r.metadata ?? {}],
  ["created_at", "timestamptz", (r) => r.createdAt],
];

type LT = Prisma.LifecycleTransitionCreateManyInput;
export const TRANSITION_COLUMNS: readonly TColumn<LT>[] = [
  ["lead_id", "uuid", (r) => r.leadId],
  ["from_stage", '"LifecycleStage"', (r) => r.fromStage],
  ["to_stage", '"LifecycleStage"', (r) => r.toStage],
  ["reason", "text", (r) => r.reason],
  ["actor_id", "uuid", (r) => r.actorId],
  ["at", "timestamptz", (r) => r.at],
];

type O = Prisma.OpportunityCreateManyInput;
export const OPPORTUNITY_COLUMNS: readonly TColumn<O>[] = [
  ["id", "uuid", (r) => r.id],
  ["name", "text", (r) => r.name],
  ["account_id", "uuid", (r) => r.accountId],
  ["owner_id", "uuid", (r) => r.ownerId],
  ["stage", '"OpportunityStage"', (r) => r.stage],
  ["stage_entered_at", "timestamptz", (r) => r.stageEnteredAt],
  ["amount", "numeric", (r) => String(r.amount)],
  ["list_amount", "numeric", (r) => String(r.listAmount)],
  ["close_date", "date", (r) => (r.closeDate instanceof Date ? r.closeDate.toISOString().slice(0, 10) : r.closeDate)],
  ["term_months", "int4", (r) => r.termMonths],
  ["payment_terms_days", "int4", (r) => r.paymentTermsDays],
  ["discount_pct", "numeric", (r) => String(r.discountPct)],
  ["products", "text[]", (r) => r.products],
  ["source", "text", (r) => r.source],
  ["loss_reason", "text", (r) => r.lossReason],
  ["competitor", "text", (r) => r.competitor],
  ["created_at", "timestamptz", (r) => r.createdAt],
  ["updated_at", "timestamptz", (r) => r.updatedAt],
];

type SC = Prisma.OpportunityStageChangeCreateManyInput;
export const STAGE_CHANGE_COLUMNS: readonly TColumn<SC>[] = [
  ["opportunity_id", "uuid", (r) => r.opportunityId],
  ["from_stage", '"OpportunityStage"', (r) => r.fromStage],
  ["to_stage", '"OpportunityStage"', (r) => r.toStage],
  ["actor_id", "uuid", (r) => r.actorId],
  ["reason", "text", (r) => r.reason],
  ["changed_at", "timestamptz", (r) => r.changedAt],
];

type AC = Prisma.AccountCreateManyInput;
export const ACCOUNT_COLUMNS: readonly TColumn<AC>[] = [
  ["id", "uuid", (r) => r.id],
  ["name", "text", (r) => r.name],
  ["normalized_name", "text", (r) => r.normalizedName],
  ["domain", "text", (r) => r.domain],
  ["industry", "text", (r) => r.industry],
  ["employees", "int4", (r) => r.employees],
  ["annual_revenue", "numeric", (r) => (r.annualRevenue === null || r.annualRevenue === undefined ? null : String(r.annualRevenue))],
  ["country", "text", (r) => r.country],
  ["region", "text", (r) => r.region],
  ["segment", "text", (r) => r.segment],
  ["owner_id", "uuid", (r) => r.ownerId],
  ["is_named_account", "bool", (r) => r.isNamedAccount ?? false],
  ["parent_id", "uuid", (r) => r.parentId],
  ["created_at", "timestamptz", (r) => r.createdAt],
  ["updated_at", "timestamptz", (r) => r.updatedAt ?? r.createdAt],
];

type ER = Prisma.ExceptionRequestCreateManyInput;
export const EXCEPTION_COLUMNS: readonly TColumn<ER>[] = [
  ["id", "uuid", (r) => r.id],
  ["opportunity_id", "uuid", (r) => r.opportunityId],
  ["requester_id", "uuid", (r) => r.requesterId],
  ["type", '"ExceptionType"', (r) => r.type],
  ["status", '"ExceptionStatus"', (r) => r.status],
  ["details", "jsonb", (r) => r.details ?? {}],
  ["impacted_kpi", "text", (r) => r.impactedKpi],
  ["justification", "text", (r) => r.justification ?? ""],
  ["evidence", "jsonb", (r) => r.evidence ?? []],
  ["policy_version_id", "uuid", (r) => r.policyVersionId],
  ["plan", "jsonb", (r) => r.plan],
  ["submitted_at", "timestamptz", (r) => r.submittedAt],
  ["decided_at", "timestamptz", (r) => r.decidedAt],
  ["created_at", "timestamptz", (r) => r.createdAt],
  ["updated_at", "timestamptz", (r) => r.updatedAt],
];

type AS = Prisma.ApprovalStepCreateManyInput;
export const STEP_COLUMNS: readonly TColumn<AS>[] = [
  ["request_id", "uuid", (r) => r.requestId],
  ["stage_index", "int4", (r) => r.stageIndex],
  ["approver_role", "text", (r) => r.approverRole],
  ["assignee_id", "uuid", (r) => r.assigneeId],
  ["status", '"ApprovalStepStatus"', (r) => r.status],
  ["decided_by_id", "uuid", (r) => r.decidedById],
  ["decided_at", "timestamptz", (r) => r.decidedAt],
  ["reason", "text", (r) => r.reason],
  ["conditions", "jsonb", (r) => r.conditions],
  ["due_at", "timestamptz", (r) => r.dueAt],
  ["created_at", "timestamptz", (r) => r.createdAt],
];
