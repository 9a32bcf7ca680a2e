import "server-only";
import type { Tx } from "../db";
import type { TDecisionEntry } from "../decision-log";
import { clockContext } from "./clock-context";
import { calendarOwnerIds, lockClocks } from "./clock-state";
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
  // One statement locks and reads the open clocks of every step (FOR UPDATE, in id order).
  const open = request.fresh ? [] : await lockClocks(tx, { subjectType: "APPROVAL_STEP", subjectIds: [...stepOf.keys()], open: true });
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
  // One read (time, SLA policy, owners) serves both the stops and the starts.
  const context = await clockContext(tx, [...calendarOwnerIds(toStop), ...starts.map((s) => s.ownerId)]);
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
