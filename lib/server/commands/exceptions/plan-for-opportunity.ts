import "server-only";
import { centsFromDecimal, planApprovals, type TApprovalPlan, type TDealContext, type TRequestedDeviation } from "@/lib/engine/approvals";
import type { TDeviationInput } from "@/lib/schemas/exception-requests";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OpportunityStage } from "@/lib/generated/prisma/enums";
import type { TSessionUser } from "../../auth/session-user";
import { roleCan } from "../../authz/permissions";
import { db } from "../../db";
import { pgRows } from "../../pg-transaction";
import { activePolicy, activePolicyFrom } from "../../queries/active-policy";
import { orgChartColumns, orgChartFrom, type TChartRows } from "../../queries/load-org-chart";
import { BACKEND_PID_COLUMN, proveTransactionConnection, type TSqlTx } from "../../transaction-connection";

// Shared by preview, submit and resubmit: the plan a request needs is computed the same
// way everywhere, server-side, from the stored opportunity — never taken from a client.

/** The opportunity columns a plan reads. */
export const PLAN_OPPORTUNITY_SELECT = {
  id: true,
  ownerId: true,
  stage: true,
  amount: true,
  listAmount: true,
  termMonths: true,
  paymentTermsDays: true,
  account: { select: { region: true } },
  owner: { select: { region: true, managerId: true } },
} as const;

type TPlanOpportunity = {
  amount: { toFixed(d: number): string };
  listAmount: { toFixed(d: number): string };
  termMonths: number;
  paymentTermsDays: number;
  account: { region: string | null } | null;
  owner: { region: string | null };
};

/** The plan's columns of an opportunity, its name and its owner's manager, as lockOpportunity reads them. */
export type TLockedOpportunity = TPlanOpportunity & { id: string; name: string; ownerId: string; stage: OpportunityStage; owner: { region: string | null; managerId: string | null } };

/**
 * Locks an opportunity row (FOR UPDATE) and reads what a plan needs, in one statement: the
 * row comes back as it is once locked; its account's region and its owner's region and
 * manager are read by scalar subqueries (a join would drop the row if the owner changed
 * while we waited for the lock). It also returns its session's pid: in a command's
 * withTransactionConnection scope, that proves the transaction's connection with no round trip
 * of its own (the command's later statements then skip Prisma's raw-query path).
 */
export async function lockOpportunity(tx: TSqlTx, opportunityId: string): Promise<TLockedOpportunity | null> {
  const [row] = await tx.$queryRaw<(TOpportunityRow & { backend_pid: number })[]>`
    ${opportunitySelect()}, ${Prisma.raw(BACKEND_PID_COLUMN)}
    FROM opportunities o WHERE o.id = ${opportunityId}::uuid FOR UPDATE OF o`;
  if (!row) return null;
  proveTransactionConnection(tx, row.backend_pid);
  return lockedOpportunity(row);
}

type TOpportunityRow = Omit<TLockedOpportunity, "account" | "owner"> & { account_region: string | null; has_account: boolean; owner_region: string | null; owner_manager_id: string | null };

/** The columns lockOpportunity reads (and the planning read's unlocked look at the same row). */
const opportunitySelect = () => Prisma.sql`
    SELECT o.id, o.name, o.owner_id AS "ownerId", o.stage::text AS stage, o.amount::text AS amount, o.list_amount::text AS "listAmount",
           o.term_months AS "termMonths", o.payment_terms_days AS "paymentTermsDays", o.account_id IS NOT NULL AS has_account,
           (SELECT a.region FROM accounts a WHERE a.id = o.account_id) AS account_region,
           (SELECT u.region FROM users u WHERE u.id = o.owner_id) AS owner_region,
           (SELECT u.manager_id FROM users u WHERE u.id = o.owner_id) AS owner_manager_id`;

function lockedOpportunity(row: TOpportunityRow & { backend_pid?: number }): TLockedOpportunity {
  const { account_region, has_account, owner_region, owner_manager_id, backend_pid: _, amount, listAmount, ...opportunity } = row;
  // Amounts are read as text (exact in JSON too); the plan works on Decimals.
  return { ...opportunity, amount: decimal(amount), listAmount: decimal(listAmount), account: has_account ? { region: account_region } : null, owner: { region: owner_region, managerId: owner_manager_id } };
}

/**
 * Whether two reads of an opportunity give a plan the same inputs (and the same requester
 * checks): submit plans from the row as the planning read saw it, before the lock, and keeps
 * that plan only if the locked row is the same (ADR 0029).
 */
export function samePlanInputs(a: TLockedOpportunity, b: TLockedOpportunity): boolean {
  return (
    a.id === b.id && a.ownerId === b.ownerId && a.stage === b.stage && a.amount.toFixed(2) === b.amount.toFixed(2) && a.listAmount.toFixed(2) === b.listAmount.toFixed(2) &&
    a.termMonths === b.termMonths && a.paymentTermsDays === b.paymentTermsDays && (a.account === null) === (b.account === null) &&
    (a.account?.region ?? null) === (b.account?.region ?? null) && a.owner.region === b.owner.region && a.owner.managerId === b.owner.managerId
  );
}

const decimal = (v: unknown) => (typeof v === "string" || typeof v === "number" ? new Prisma.Decimal(v) : (v as Prisma.Decimal));

/**
 * Whether the user may see this opportunity: the same rule as opportunityScope
 * (queries/record-scope.ts), applied to a row already read instead of as a query filter.
 */
export function opportunityVisibleTo(user: TSessionUser, opportunity: { ownerId: string; owner: { managerId: string | null } }): boolean {
  if (roleCan(user.role, "opportunities.read.all")) return true;
  return roleCan(user.role, "opportunities.read.own") && (opportunity.ownerId === user.id || opportunity.owner.managerId === user.id);
}

export type TPlanResult = TApprovalPlan & { policyVersionId: string; deal: TDealContext };

/** The deal as it would be with the requested terms applied (discount on list, new term). */
export function dealWithDeviations(opportunity: TPlanOpportunity, deviations: readonly TDeviationInput[]): TDealContext {
  const listCents = centsFromDecimal(opportunity.listAmount.toFixed(2));
  const discount = deviations.find((d) => d.type === "DISCOUNT" || d.type === "VOLUME_DISCOUNT");
  const amountCents = discount && "discountPct" in discount ? Math.round((listCents * (100 - discount.discountPct)) / 100) : centsFromDecimal(opportunity.amount.toFixed(2));
  const term = deviations.find((d) => d.type === "MULTI_YEAR");
  return {
    amountCents,
    listAmountCents: listCents,
    termMonths: term && "termMonths" in term ? term.termMonths : opportunity.termMonths,
    paymentTermsDays: opportunity.paymentTermsDays,
    region: opportunity.account?.region ?? opportunity.owner.region ?? null,
  };
}

export type TPlanningContext = { policy: Awaited<ReturnType<typeof activePolicy<"APPROVAL">>>; orgChart: ReturnType<typeof orgChartFrom> };

/**
 * The published approval policy and the org chart as of `now`, in ONE statement (one pool
 * connection, one round trip: two parallel reads took two connections per submission, and 20
 * users then waited for the pool). Commands load them BEFORE opening their transaction: read
 * inside it, on other pool connections, 20 concurrent submissions held every connection while
 * waiting for one more, and the pool deadlocked.
 */
export async function loadPlanningContext(now: Date, options: { viaPg?: boolean; opportunityId?: string } = {}): Promise<TPlanningContext & { opportunity?: TLockedOpportunity | null }> {
  // With `opportunityId`, the same statement also reads that opportunity as lockOpportunity does,
  // without its lock (amounts as text, so JSON keeps them exact).
  const opportunity = options.opportunityId
    ? Prisma.sql`, (SELECT to_json(g) FROM (${opportunitySelect()} FROM opportunities o WHERE o.id = ${options.opportunityId}::uuid) g) AS opportunity`
    : Prisma.empty;
  const sql = Prisma.sql`SELECT (SELECT json_build_object('id', id, 'version', version) FROM policy_versions WHERE active_kind = 'APPROVAL') AS policy_head, ${orgChartColumns(now)}${opportunity}`;
  // viaPg: on a pool connection through pg, not Prisma (submit, ADR 0025); both return JSON only.
  type TRow = { policy_head: { id: string; version: number } | null; opportunity?: TOpportunityRow | null } & TChartRows;
  const [row] = options.viaPg ? await pgRows<TRow>(sql) : await db().$queryRaw<TRow[]>(sql);
  const context = { policy: await activePolicyFrom("APPROVAL", row!.policy_head), orgChart: orgChartFrom(row!) };
  return options.opportunityId ? { ...context, opportunity: row!.opportunity ? lockedOpportunity(row!.opportunity) : null } : context;
}

/** Plans against the published approval policy and the org chart as of `now`. */
export async function planForOpportunity(options: { requesterId: string; opportunity: TPlanOpportunity; deviations: readonly TDeviationInput[]; now: Date; context?: TPlanningContext }): Promise<TPlanResult> {
  const { policy, orgChart } = options.context ?? (await loadPlanningContext(options.now));
  const deal = dealWithDeviations(options.opportunity, options.deviations);
  const plan = planApprovals(policy.body, { requesterId: options.requesterId, deviations: options.deviations as TRequestedDeviation[], deal }, orgChart, options.now, `v${policy.version}`);
  return { ...plan, policyVersionId: policy.id, deal };
}
