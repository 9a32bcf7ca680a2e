import "server-only";
import { GROUP_ROLES, type TActor, type TApprovalState, type TApproverRole, type TCounterOffer, type TGroupRole, type TStepState } from "@/lib/engine/approvals";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ApprovalStepStatus, ExceptionStatus, ExceptionType } from "@/lib/generated/prisma/enums";
import type { TSessionUser } from "../../auth/session-user";
import type { Tx } from "../../db";
import { notFound } from "../../errors";
import { stepClocksFrom, stepClocksSql, type TStepClocks } from "../../sla/approval-clocks";
import { BACKEND_PID_COLUMN, PgTransaction, proveTransactionConnection, sqlRows, type TSqlTx } from "../../transaction-connection";
import { recipientsColumn, recipientsFrom, type TKnownRecipients, type TRecipientsRow } from "../../notifications/notify";

// Maps exception_requests + approval_steps rows to the engine's TApprovalState and back.
// Every command that changes a request's steps first locks the request row (FOR UPDATE):
// the stage transitions of parallel steps (finance and legal approving at once) read the
// sibling steps, and two such transactions must not both miss each other's approval.

/** A request in one of these statuses is in progress: it locks its opportunity's terms. */
export const OPEN_REQUEST_STATUSES = ["PENDING", "AWAITING_REQUESTER", "CHANGES_REQUESTED"] as const;
export const FINAL_REQUEST_STATUSES = ["APPROVED", "APPROVED_WITH_CONDITIONS", "REJECTED"] as const;
export const SUBJECT = "exception_request";

/** counter_offer column: the offer waiting for the requester and the ones they accepted. */
export type TCounterOfferRecord = { open: { stepId: string; conditions: TCounterOffer } | null; accepted: TCounterOffer[] };

export function counterOfferRecord(json: unknown): TCounterOfferRecord {
  const v = (json ?? {}) as Partial<TCounterOfferRecord>;
  return { open: v.open ?? null, accepted: Array.isArray(v.accepted) ? v.accepted : [] };
}

/** A locked request as lockRequest reads it: its row, the names it shows, its steps in stage order. */
export type TLockedRequest = {
  id: string;
  opportunityId: string;
  requesterId: string;
  status: ExceptionStatus;
  type: ExceptionType;
  plan: Prisma.JsonValue;
  counterOffer: Prisma.JsonValue;
  policyVersionId: string | null;
  opportunity: { name: string };
  requester: { name: string };
  steps: TStepRow[];
};

type TStepRow = {
  id: string;
  stageIndex: number;
  approverRole: string;
  assigneeId: string | null;
  queueRole: string | null;
  via: string | null;
  onBehalfOfId: string | null;
  status: ApprovalStepStatus;
  decidedById: string | null;
  decidedAt: Date | null;
  reason: string | null;
  conditions: Prisma.JsonValue;
  dueAt: Date | null;
  decidedBy: { name: string } | null;
};

const isGroup = (role: string | null): role is TGroupRole => role !== null && (GROUP_ROLES as readonly string[]).includes(role);

export function stepState(row: TStepRow): TStepState {
  // A fallback step keeps approverRole MANAGER and names its queue in queueRole; older rows
  // (the demo seed) have no queueRole and a group step is its role's queue.
  const queue = row.queueRole ?? row.approverRole;
  return {
    id: row.id,
    stageIndex: row.stageIndex,
    role: row.approverRole as TApproverRole,
    assigneeId: row.assigneeId,
    groupRole: row.assigneeId === null && isGroup(queue) ? queue : null,
    status: row.status,
    decidedById: row.decidedById,
    decidedAt: row.decidedAt,
    reason: row.reason,
    conditions: (row.conditions as TCounterOffer | null) ?? null,
  };
}

type TStepJson = Omit<TStepRow, "decidedAt" | "dueAt"> & { decidedAt: string | null; dueAt: string | null };
type TDelegationJson = { delegatorId: string; startsAt: string; endsAt: string };

/**
 * Locks the request row for the rest of the transaction, then reads it and its steps: two
 * statements. The first locks and returns the request as it is once locked (FOR UPDATE hands
 * back the latest committed version). The steps must be read by a LATER statement: a
 * statement's snapshot is taken when it starts, so steps read alongside the lock could miss a
 * decision committed while we waited for it. With `actor`, the second statement also reads the
 * delegations made to that person in force at `now` (what the engine needs to know about them);
 * with `clocks`, it also locks the steps' open SLA clocks and reads the clock context, for
 * syncApprovalClocks (a command that will move the steps spares that round trip). The first
 * statement also returns its session's pid, which proves a command's transaction connection
 * (withTransactionConnection): the second then runs on it, not through Prisma. With
 * `recipients`, the second also reads who a decision may notify (the requester, the steps'
 * assignees, their queues' members) for notify, which then writes notices and mails at once.
 */
export async function lockRequest(
  tx: TSqlTx,
  requestId: string,
  options: { actor?: { user: TSessionUser; now: Date }; clocks?: boolean; recipients?: boolean } = {},
): Promise<{ request: TLockedRequest; state: TApprovalState; region: string | null; actor: TActor | null; clocks: TStepClocks | null; recipients: TKnownRecipients | null }> {
  // On a PgTransaction (submit and decide, pipelined) the second statement is sent right behind
  // the lock, without waiting for its answer: PostgreSQL runs it once the lock statement is
  // done, so its snapshot is still taken after the lock was granted (ADR 0029). Elsewhere (a
  // Prisma transaction) it waits, as the lock's pid proves the connection first.
  const pipelined = tx instanceof PgTransaction;
  const lockStatement = tx.$queryRaw<(Omit<TLockedRequest, "steps"> & { region: string | null; backend_pid: number })[]>`
    SELECT r.id, r.opportunity_id AS "opportunityId", r.requester_id AS "requesterId", r.status::text AS status, r.type::text AS type, r.plan,
           r.counter_offer AS "counterOffer", r.policy_version_id AS "policyVersionId",
           json_build_object('name', (SELECT o.name FROM opportunities o WHERE o.id = r.opportunity_id)) AS opportunity,
           json_build_object('name', (SELECT u.name FROM users u WHERE u.id = r.requester_id)) AS requester,
           (SELECT a.region FROM opportunities o JOIN accounts a ON a.id = o.account_id WHERE o.id = r.opportunity_id) AS region, ${Prisma.raw(BACKEND_PID_COLUMN)}
    FROM exception_requests r WHERE r.id = ${requestId}::uuid FOR UPDATE OF r`;
  const actorId = options.actor?.user.id ?? null;
  const actorNow = options.actor?.now ?? new Date(0);
  const clockSql = options.clocks ? stepClocksSql(requestId) : null;
  // The EXISTS is a one-time filter: without a group step, users is not scanned for queue members.
  const people = Prisma.sql`SELECT requester_id FROM exception_requests WHERE id = ${requestId}::uuid
    UNION ALL SELECT assignee_id FROM approval_steps WHERE request_id = ${requestId}::uuid
    UNION ALL SELECT u.id FROM users u
      WHERE EXISTS (SELECT 1 FROM approval_steps WHERE request_id = ${requestId}::uuid AND assignee_id IS NULL)
        AND u.active AND u.role::text IN (SELECT COALESCE(queue_role, approver_role) FROM approval_steps WHERE request_id = ${requestId}::uuid AND assignee_id IS NULL)`;
  type TRead = { steps: TStepJson[]; delegations: TDelegationJson[] } & Partial<Parameters<typeof stepClocksFrom>[0]> & Partial<TRecipientsRow>;
  const readSql = Prisma.sql`
    ${clockSql ? Prisma.sql`WITH ${clockSql.cte}` : Prisma.empty}
    SELECT COALESCE((SELECT json_agg(json_build_object(
               'id', s.id, 'stageIndex', s.stage_index, 'approverRole', s.approver_role, 'assigneeId', s.assignee_id, 'queueRole', s.queue_role,
               'via', s.via, 'onBehalfOfId', s.on_behalf_of_id, 'status', s.status, 'decidedById', s.decided_by_id, 'decidedAt', s.decided_at,
               'reason', s.reason, 'conditions', s.conditions, 'dueAt', s.due_at, 'decidedBy', CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('name', d.name) END)
             ORDER BY s.stage_index, s.approver_role)
             FROM approval_steps s LEFT JOIN users d ON d.id = s.decided_by_id WHERE s.request_id = ${requestId}::uuid), '[]'::json) AS steps,
           COALESCE((SELECT json_agg(json_build_object('delegatorId', g.delegator_id, 'startsAt', g.starts_at, 'endsAt', g.ends_at))
             FROM delegations g WHERE g.delegate_id = ${actorId}::uuid AND g.starts_at <= ${actorNow} AND g.ends_at > ${actorNow}), '[]'::json) AS delegations
           ${options.recipients ? Prisma.sql`, ${recipientsColumn(people)}` : Prisma.empty}
           ${clockSql ? Prisma.sql`, ${clockSql.columns}` : Prisma.empty}`;
  const early = pipelined ? sqlRows<TRead>(tx, readSql) : null;
  early?.catch(() => {}); // observed below, unless the request is not there
  const [locked] = await lockStatement;
  if (!locked) throw notFound("That exception request");
  proveTransactionConnection(tx, locked.backend_pid);
  const [read] = await (early ?? sqlRows<TRead>(tx, readSql));
  const { region, backend_pid: _, ...rest } = locked;
  const request: TLockedRequest = {
    ...rest,
    steps: read!.steps.map((s) => ({ ...s, decidedAt: s.decidedAt === null ? null : new Date(s.decidedAt), dueAt: s.dueAt === null ? null : new Date(s.dueAt) })),
  };
  const offers = counterOfferRecord(request.counterOffer);
  const status = request.status === "DRAFT" || request.status === "WITHDRAWN" ? "REJECTED" : request.status;
  const state: TApprovalState = {
    requesterId: request.requesterId,
    // The engine has no DRAFT/WITHDRAWN; both are closed, and the commands check them first.
    status,
    steps: request.steps.map(stepState),
    openCounterOffer: offers.open,
    acceptedConditions: offers.accepted,
  };
  const user = options.actor?.user;
  const actor: TActor | null = user
    ? { id: user.id, groups: isGroup(user.role) ? [user.role] : [], delegationsToMe: read!.delegations.map((d) => ({ delegatorId: d.delegatorId, startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt) })) }
    : null;
  const clocks = clockSql ? stepClocksFrom(read as Parameters<typeof stepClocksFrom>[0]) : null;
  // The read includes every active member of the steps' queues (`people` above).
  const queues = request.steps.filter((s) => s.assigneeId === null).map((s) => s.queueRole ?? s.approverRole);
  const recipients = options.recipients ? recipientsFrom({ notify_recipients: read!.notify_recipients ?? null }, queues) : null;
  return { request, state, region, actor, clocks, recipients };
}

/** Stage SLAs from the stored plan, in plain hours (see dueAt). */
export function stageSlaHours(plan: unknown): Map<number, number> {
  const stages = ((plan ?? {}) as { stages?: { index: number; slaBusinessHours: number }[] }).stages ?? [];
  return new Map(stages.map((s) => [s.index, s.slaBusinessHours]));
}

/**
 * When a step is due. Plain hours for now: business-hours SLAs (calendars, holidays) arrive
 * with the SLA clocks feature, which will re-target these dates.
 */
export function dueAt(now: Date, slaHours: number | undefined): Date {
  return new Date(now.getTime() + (slaHours ?? 24) * 3_600_000);
}

/**
 * Writes the engine's new step states for every step other than `except` (the decided step,
 * which the caller wrote with its conditional update). Newly opened steps get their due time.
 */
export async function persistStepChanges(tx: Tx, before: TApprovalState, after: TApprovalState, options: { now: Date; plan: unknown; except?: string }): Promise<TStepState[]> {
  const { opened, changes } = stepChanges(before, after, options);
  // One statement for every changed step (a due time is set only on the steps that open).
  if (changes.length > 0) {
    await tx.$executeRaw`
      UPDATE approval_steps s SET status = c.status::"ApprovalStepStatus", reason = c.reason, due_at = COALESCE(c.due_at, s.due_at)
      FROM jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) AS c(id uuid, status text, reason text, due_at timestamptz)
      WHERE s.id = ANY(${changes.map((c) => c.id)}::uuid[]) AND s.id = c.id`;
  }
  return opened;
}

export type TStepChange = { id: string; status: string; reason: string | null; due_at: string | null };

/** The steps whose status or reason the engine changed (other than `except`), and those that open. */
export function stepChanges(before: TApprovalState, after: TApprovalState, options: { now: Date; plan: unknown; except?: string }): { opened: TStepState[]; changes: TStepChange[] } {
  const sla = stageSlaHours(options.plan);
  const opened: TStepState[] = [];
  const changes: TStepChange[] = [];
  for (const step of after.steps) {
    const old = before.steps.find((s) => s.id === step.id);
    if (step.id === options.except || !old) continue;
    if (old.status === step.status && old.reason === step.reason) continue;
    const opening = step.status === "PENDING" && old.status !== "PENDING";
    if (opening) opened.push(step);
    changes.push({ id: step.id, status: step.status, reason: step.reason, due_at: opening ? dueAt(options.now, sla.get(step.stageIndex)).toISOString() : null });
  }
  return { opened, changes };
}
