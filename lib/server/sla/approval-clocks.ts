import "server-only";
import type { PgTransaction, TSqlTx } from "../transaction-connection";
import type { TDecisionEntry } from "../decision-log";
import { Prisma, type SlaClock } from "@/lib/generated/prisma/client";
import { clockContext, clockContextColumns, clockContextFrom, type TClockContext, type TClockContextRow } from "./clock-context";
import { CLOCK_COLUMNS, clockFromJson } from "./clock-state";
import { planExclusiveStarts, sendExclusiveStarts, startClocks } from "./start-clocks";
import { planClockStops, sendClockStops, stopLockedClocks } from "./stop-clocks";
import type { TClockStart } from "./types";

const STOP_WORDS: Record<string, string> = {
  APPROVED: "the step was approved",
  REJECTED: "the step was rejected",
  CHANGES_REQUESTED: "the approver asked for changes",
  SKIPPED: "the step was skipped (request withdrawn or decided elsewhere)",
  WAITING: "the step is waiting for an earlier stage again",
};

/**
 * A request's steps as the caller just wrote them, with what their clocks need. A caller that
 * passes them holds the request's row lock (every writer of its steps' clocks takes it first), so
 * no clock of these steps can appear behind its back: the clocks it starts get ids made by the
 * app, and their timers go out with them (startClocks' `exclusive`).
 */
export type TApprovalClockInput = {
  plan: unknown;
  /** The region of the opportunity's account (REGION calendars). */
  region: string | null;
  steps: readonly { id: string; stageIndex: number; status: string; assigneeId: string | null; approverRole: string }[];
  /** The steps were created in this transaction, so no clock of theirs can exist yet. */
  fresh?: boolean;
  /** The steps' open clocks, locked, and the clock context, read by the caller's own statement (stepClocksSql). */
  clocks?: TStepClocks;
};

export type TStepClocks = { open: SlaClock[]; context: TClockContext };

/**
 * Brings a request's APPROVAL_STAGE clocks in line with its steps, in the caller's
 * transaction after it wrote them: every PENDING step has a running clock (its stage's SLA
 * from the stored plan), every other step has none. Idempotent, so submit, decide, counter
 * offer, resubmit and withdraw all make the same one call. A caller that has the request's
 * steps in hand passes them (`known`), which spares reading them again. Returns decisions for
 * the caller's appendDecisions.
 */
export async function syncApprovalClocks(tx: TSqlTx, requestId: string, options: { actorId?: string | null; known?: TApprovalClockInput } = {}): Promise<TDecisionEntry[]> {
  const request = options.known ?? (await readRequest(tx, requestId));
  if (!request || request.steps.length === 0) return [];
  // One statement locks and reads the open clocks of every step (FOR UPDATE, in id order) and
  // reads what stopping and starting them needs: time, SLA policy, owners (the assignees of the
  // open steps, and the owners whose calendar a locked clock runs on).
  const locked = request.clocks ?? (request.fresh ? null : await lockStepClocks(tx, requestId));
  const { toStop, starts, knownRequests, reason } = clockChanges(requestId, request, locked?.open ?? []);
  if (toStop.length === 0 && starts.length === 0) return [];
  // One context (time, SLA policy, owners) serves both the stops and the starts.
  const context = locked?.context ?? (await clockContext(tx, starts.map((s) => s.ownerId)));
  // The stops and the starts touch different clocks (a step's clock is stopped, another step's
  // started) and neither needs the other's answer: their statements are sent together.
  const [stopped, started] = await Promise.all([
    stopLockedClocks(tx, toStop, {
      reason,
      actorId: options.actorId,
      knownRequests,
      context,
    }),
    startClocks(tx, starts, { actorId: options.actorId, knownRequests, context, exclusive: options.known !== undefined }),
  ]);
  return [...stopped.decisions, ...started.decisions];
}

/** Which clocks the steps' states stop and start: a stopped clock's reason, and the starts with their stage SLAs. */
function clockChanges(requestId: string, request: TApprovalClockInput, open: readonly SlaClock[]) {
  const stepOf = new Map(request.steps.map((s) => [s.id, s]));
  const knownRequests = new Map(request.steps.map((s) => [s.id, requestId]));
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
  const reason = (clock: SlaClock) => {
    const status = stepOf.get(clock.subjectId)!.status;
    return STOP_WORDS[status] ?? `the step is ${status.toLowerCase()}`;
  };
  return { toStop, starts, knownRequests, reason };
}

/** A request's clock changes, computed ahead for the transaction's last flight (planApprovalClocks). */
export type TClockFlight = {
  /** The "clock stopped" and "clock started" entries, for the caller's appendDecisions. */
  decisions: TDecisionEntry[];
  /** Sends the stops, the starts and their timers before it returns; the answers, to await. */
  send: (tx: PgTransaction) => Promise<unknown>[];
};

/**
 * syncApprovalClocks for a command whose writes, log entry and COMMIT leave in one flight
 * (ADR 0029): every read it may need (SLA policy bodies, pg-boss's sender) happens here, so
 * `send` only sends. The caller passes the steps as it writes them and the clocks it locked and
 * read with their context (or `fresh` steps with the context), under the request's lock.
 */
export async function planApprovalClocks(tx: TSqlTx, requestId: string, options: { actorId?: string | null; known: TApprovalClockInput & { clocks: TStepClocks } }): Promise<TClockFlight> {
  const request = options.known;
  if (request.steps.length === 0) return { decisions: [], send: () => [] };
  const { toStop, starts, knownRequests, reason } = clockChanges(requestId, request, request.clocks.open);
  const context = request.clocks.context;
  const [stops, started] = [
    await planClockStops(tx, toStop, { reason, actorId: options.actorId, knownRequests, context }),
    await planExclusiveStarts(tx, starts, { actorId: options.actorId, knownRequests, context }),
  ];
  return {
    decisions: [...stops.decisions, ...started.decisions],
    send: (flight) => [sendClockStops(flight, stops), ...sendExclusiveStarts(flight, started)],
  };
}

/**
 * SQL parts that lock the open clocks of a request's steps (FOR UPDATE, in id order) and read
 * the clock context (time, SLA policy, the steps' assignees and the owners whose calendar a
 * locked clock runs on), for a statement of the caller's: `WITH ${cte} SELECT …, ${columns}`.
 * The statement must come after the request's own lock, so it sees the request's steps.
 */
export function stepClocksSql(requestId: string): { cte: Prisma.Sql; columns: Prisma.Sql } {
  const steps = Prisma.sql`SELECT id FROM approval_steps WHERE request_id = ${requestId}::uuid`;
  return {
    cte: Prisma.sql`step_clocks AS (
      SELECT ${Prisma.raw(CLOCK_COLUMNS)} FROM sla_clocks
      WHERE subject_type = 'APPROVAL_STEP' AND subject_id IN (${steps}) AND status <> 'STOPPED' ORDER BY id FOR UPDATE)`,
    columns: Prisma.sql`COALESCE((SELECT json_agg(c ORDER BY c.id) FROM step_clocks c), '[]'::json) AS step_clocks,
      ${clockContextColumns(Prisma.sql`SELECT assignee_id FROM approval_steps WHERE request_id = ${requestId}::uuid`, Prisma.sql`SELECT "calendarKey" FROM step_clocks`)}`,
  };
}

export function stepClocksFrom(row: TClockContextRow & { step_clocks: Record<string, unknown>[] }): TStepClocks {
  return { open: row.step_clocks.map(clockFromJson), context: clockContextFrom(row) };
}

/** stepClocksSql as a statement of its own, for callers that did not read them. */
async function lockStepClocks(tx: TSqlTx, requestId: string): Promise<TStepClocks> {
  const { cte, columns } = stepClocksSql(requestId);
  const [row] = await tx.$queryRaw<(TClockContextRow & { step_clocks: Record<string, unknown>[] })[]>`WITH ${cte} SELECT ${columns}`;
  return stepClocksFrom(row!);
}

/** The request's plan, steps and region in one statement, for callers that did not pass them. */
async function readRequest(tx: TSqlTx, requestId: string): Promise<TApprovalClockInput | null> {
  const [row] = await tx.$queryRaw<TApprovalClockInput[]>`
    SELECT r.plan,
           (SELECT a.region FROM opportunities o JOIN accounts a ON a.id = o.account_id WHERE o.id = r.opportunity_id) AS region,
           COALESCE((SELECT json_agg(json_build_object('id', s.id, 'stageIndex', s.stage_index, 'status', s.status, 'assigneeId', s.assignee_id, 'approverRole', s.approver_role) ORDER BY s.stage_index, s.approver_role)
                       FROM approval_steps s WHERE s.request_id = r.id), '[]'::json) AS steps
    FROM exception_requests r WHERE r.id = ${requestId}::uuid`;
  return row ?? null;
}
