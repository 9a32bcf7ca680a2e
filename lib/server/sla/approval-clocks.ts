import "server-only";
import type { Tx } from "../db";
import type { TDecisionEntry } from "../decision-log";
import type { SlaClock } from "@/lib/generated/prisma/client";
import { clockContext, type TClockContext, type TClockOwner } from "./clock-context";
import { CLOCK_COLUMNS, clockFromJson } from "./clock-state";
import { startClocks } from "./start-clocks";
import { stopLockedClocks } from "./stop-clocks";
import type { TClockStart } from "./types";

const STOP_WORDS: Record<string, string> = {
  APPROVED: "the step was approved",
  REJECTED: "the step was rejected",
  CHANGES_REQUESTED: "the approver asked for changes",
  SKIPPED: "the step was skipped (request withdrawn or decided elsewhere)",
  WAITING: "the step is waiting for an earlier stage again",
};

/** A request's steps as the caller just wrote them, with what their clocks need. */
export type TApprovalClockInput = {
  plan: unknown;
  /** The region of the opportunity's account (REGION calendars). */
  region: string | null;
  steps: readonly { id: string; stageIndex: number; status: string; assigneeId: string | null; approverRole: string }[];
  /** The steps were created in this transaction, so no clock of theirs can exist yet. */
  fresh?: boolean;
};

/**
 * Brings a request's APPROVAL_STAGE clocks in line with its steps, in the caller's
 * transaction after it wrote them: every PENDING step has a running clock (its stage's SLA
 * from the stored plan), every other step has none. Idempotent, so submit, decide, counter
 * offer, resubmit and withdraw all make the same one call. A caller that has the request's
 * steps in hand passes them (`known`), which spares reading them again. Returns decisions for
 * the caller's appendDecisions.
 */
export async function syncApprovalClocks(tx: Tx, requestId: string, options: { actorId?: string | null; known?: TApprovalClockInput } = {}): Promise<TDecisionEntry[]> {
  const request = options.known ?? (await readRequest(tx, requestId));
  if (!request || request.steps.length === 0) return [];
  const stepOf = new Map(request.steps.map((s) => [s.id, s]));
  const knownRequests = new Map(request.steps.map((s) => [s.id, requestId]));
  // One statement locks and reads the open clocks of every step (FOR UPDATE, in id order) and
  // reads what stopping and starting them needs: time, SLA policy, owners (the assignees of the
  // open steps, and the owners whose calendar a locked clock runs on).
  const pendingOwners = request.steps.filter((s) => s.status === "PENDING").map((s) => s.assigneeId);
  const locked = request.fresh ? null : await lockStepClocks(tx, [...stepOf.keys()], pendingOwners);
  const open = locked?.clocks ?? [];
  const running = new Set(open.map((c) => c.subjectId));
  const toStop = open.filter((c) => stepOf.get(c.subjectId)!.status !== "PENDING");
  const slaHours = new Map((((request.plan ?? {}) as { stages?: { index: number; slaBusinessHours?: number }[] }).stages ?? []).map((s) => [s.index, s.slaBusinessHours ?? 24]));
  const starts: TClockStart[] = request.steps
    .filter((s) => s.status === "PENDING" && !running.has(s.id))
    .map((s) => ({
      kind: "APPROVAL_STAGE",
      subjectType: "APPROVAL_STEP",
      subjectId: s.id,
      ownerId: s.assigneeId,
      teamId: null,
      region: request.region,
      targetMinutes: Math.round((slaHours.get(s.stageIndex) ?? 24) * 60),
      reason: `the ${s.approverRole.replaceAll("_", " ").toLowerCase()} approval stage opened`,
    }));
  if (toStop.length === 0 && starts.length === 0) return [];
  // One context (time, SLA policy, owners) serves both the stops and the starts.
  const context = locked?.context ?? (await clockContext(tx, starts.map((s) => s.ownerId)));
  const { decisions } = await stopLockedClocks(tx, toStop, {
    reason: (clock) => {
      const status = stepOf.get(clock.subjectId)!.status;
      return STOP_WORDS[status] ?? `the step is ${status.toLowerCase()}`;
    },
    actorId: options.actorId,
    knownRequests,
    context,
  });
  decisions.push(...(await startClocks(tx, starts, { actorId: options.actorId, knownRequests, context })).decisions);
  return decisions;
}

/** lockClocks and clockContext for a request's steps, in one statement. */
async function lockStepClocks(tx: Tx, stepIds: readonly string[], ownerIds: readonly (string | null)[]): Promise<{ clocks: SlaClock[]; context: TClockContext }> {
  const owners = [...new Set(ownerIds.filter((id): id is string => id !== null))];
  const [row] = await tx.$queryRawUnsafe<{ clocks: (Record<string, unknown> & SlaClock)[]; policy_id: string | null; owners: TClockOwner[] | null; now: Date }[]>(
    `WITH locked AS (
       SELECT ${CLOCK_COLUMNS} FROM sla_clocks
       WHERE subject_type = 'APPROVAL_STEP' AND subject_id = ANY($1::uuid[]) AND status <> 'STOPPED' ORDER BY id FOR UPDATE)
     SELECT COALESCE((SELECT json_agg(l ORDER BY l.id) FROM locked l), '[]'::json) AS clocks,
            (SELECT id FROM policy_versions WHERE active_kind = 'SLA') AS policy_id,
            (SELECT json_agg(json_build_object('id', u.id, 'timezone', u.timezone, 'workingHours', u.working_hours, 'region', u.region, 'managerId', u.manager_id, 'teamId', u.team_id))
               FROM users u WHERE u.id = ANY($2::uuid[]) OR 'owner:' || u.id::text IN (SELECT "calendarKey" FROM locked)) AS owners,
            date_trunc('milliseconds', clock_timestamp()) AS now`,
    [...stepIds],
    owners,
  );
  return {
    clocks: row!.clocks.map(clockFromJson),
    context: { now: row!.now, slaPolicyId: row!.policy_id, owners: new Map((row!.owners ?? []).map((u) => [u.id, u])) },
  };
}

/** The request's plan, steps and region in one statement, for callers that did not pass them. */
async function readRequest(tx: Tx, requestId: string): Promise<TApprovalClockInput | null> {
  const [row] = await tx.$queryRaw<TApprovalClockInput[]>`
    SELECT r.plan,
           (SELECT a.region FROM opportunities o JOIN accounts a ON a.id = o.account_id WHERE o.id = r.opportunity_id) AS region,
           COALESCE((SELECT json_agg(json_build_object('id', s.id, 'stageIndex', s.stage_index, 'status', s.status, 'assigneeId', s.assignee_id, 'approverRole', s.approver_role) ORDER BY s.stage_index, s.approver_role)
                       FROM approval_steps s WHERE s.request_id = r.id), '[]'::json) AS steps
    FROM exception_requests r WHERE r.id = ${requestId}::uuid`;
  return row ?? null;
}
