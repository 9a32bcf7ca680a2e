import "server-only";
import { applyDecision, canDecide, type TActor, type TApprovalState, type TStepState } from "@/lib/engine/approvals";
import type { TDecideStep } from "@/lib/schemas/exception-requests";
import type { TSessionUser } from "../../auth/session-user";
import { appendDecisions, type TDecisionEntry } from "../../decision-log";
import { planApprovalClocks } from "../../sla/approval-clocks";
import { conflict, invalidState, notFound, validationError } from "../../errors";
import { storeArchiveFigures } from "./archive-figures";
import { notify, noticesCovered, sendKnownNotices } from "../../notifications/notify";
import { announceOutcome, approverNotices, FINAL_STATUSES, requesterNotice } from "./approval-notices";
import { refuse, Refusal } from "./log-refusal";
import { counterOfferRecord, lockRequest, stepChanges, SUBJECT } from "./request-state";
import { answersInOrder, sqlRows, type PgTransaction, type TSqlTx } from "../../transaction-connection";
import { pgRows, withPgTransaction } from "../../pg-transaction";
import { failedCheck } from "../../sql-check";
import { Prisma } from "@/lib/generated/prisma/client";

export type TDecideResult = { requestId: string; stepId: string; stepStatus: string; requestStatus: string; summary: string };

/**
 * One approver's decision on one step. The engine rules on who may decide (separation of
 * duties, tier order, delegate, group member); the database guarantees one decision per
 * step: the request row is locked for the transaction, and the step is written with a
 * conditional UPDATE … WHERE status = 'PENDING' whose row count must be 1. A loser of a race
 * gets "already decided by <name> at <time>" and nothing changes.
 */
/** Where the decision was made: the app's queue, the API, or a one-click link in an e-mail. */
export type TDecisionChannel = "app" | "api" | "email_link";

const CHANNEL_REASON: Record<TDecisionChannel, string | null> = {
  app: null,
  api: "Decided through the API, with the approver's key.",
  email_link: "Decided from the one-time link in the approver's e-mail.",
};

export async function decideApprovalStep(options: { actor: TSessionUser; input: TDecideStep; now?: Date; channel?: TDecisionChannel }): Promise<TDecideResult> {
  const { actor, input } = options;
  const now = options.now ?? new Date();
  const channel = options.channel ?? "app";
  try {
    // The transaction runs on a pg client directly, not through Prisma (pg-transaction.ts, ADR 0025),
    // on generic plans, as submit's (ADR 0028). BEGIN, the lock and the steps read leave together (corkFirst), and the writes, the log and
    // COMMIT in one flight: two round trips in the common case (ADR 0029).
    const result = await withPgTransaction((tx) => decideInTx(tx, actor, input, now, channel), { timeoutMs: 30_000, genericPlans: true, corkFirst: true });
    await announceOutcome(result.request, result.requestStatus, result.summary);
    return { requestId: result.request.id, stepId: result.stepId, stepStatus: result.stepStatus, requestStatus: result.requestStatus, summary: result.summary };
  } catch (error) {
    if (error instanceof LostStep) throw await lostStepConflict(error.stepId, now);
    if (error instanceof Refusal) throw await refuse(actor, input.requestId, error.reason, { stepId: input.stepId ?? null, decision: input.decision, channel });
    throw error;
  }
}

async function decideInTx(tx: PgTransaction, user: TSessionUser, input: TDecideStep, now: Date, channel: TDecisionChannel) {
  const locked = await lockRequest(tx, input.requestId, { actor: { user, now }, clocks: true, recipients: true });
  const { request, state } = locked;
  const actor = locked.actor!;
  const step = pickStep(state, actor, input.stepId, now);
  const row = request.steps.find((s) => s.id === step.id)!;
  if (step.status !== "PENDING" && step.status !== "WAITING" && row.decidedAt) throw alreadyDecided(row.decidedBy?.name ?? "someone", row.decidedAt);
  if (request.status === "DRAFT" || request.status === "WITHDRAWN") throw invalidState(`The request is ${request.status.toLowerCase()}, so no step can be decided now`);
  const allowed = canDecide(state, step.id, actor, now);
  if (!allowed.ok) {
    if (state.status !== "PENDING") throw invalidState(allowed.reason);
    throw new Refusal(allowed.reason);
  }
  const applied = applyDecision(state, { stepId: step.id, actor, now, kind: input.decision, reason: input.reason, conditions: input.conditions });
  if (!applied.ok) throw validationError(applied.reason);
  const decided = applied.state.steps.find((s) => s.id === step.id)!;

  const { opened, changes } = stepChanges(state, applied.state, { now, plan: request.plan, except: step.id });
  const final = FINAL_STATUSES.has(applied.status);
  const offer = applied.state.openCounterOffer ? JSON.stringify({ ...counterOfferRecord(request.counterOffer), open: applied.state.openCounterOffer }) : null;

  // Everything the rest of the decision may need to read comes first (ADR 0029): the names of a
  // delegation, the members of an opened queue step, the SLA policy bodies and pg-boss's sender.
  // Each is a read only on its rare path or a cache miss; in the common case no statement is sent.
  const reasons = [applied.summary, ...(await delegationReasons(tx, user, row, allowed.as))];
  const notices = [
    requesterNotice(request, requesterTitle(applied.status, request.opportunity.name), reasons.join(" ")),
    ...(await approverNotices(tx, opened, { requestId: request.id, title: `Approval needed: ${request.opportunity.name}`, body: `${request.requester.name}'s request reached your stage.` }, locked.recipients ?? undefined)),
  ];
  // The steps as they will be written: the clocks need not read them again.
  const steps = applied.state.steps.map((s) => ({ id: s.id, stageIndex: s.stageIndex, status: s.status, assigneeId: s.assigneeId, approverRole: s.role }));
  const clocks = await planApprovalClocks(tx, request.id, { actorId: user.id, known: { plan: request.plan, region: locked.region, steps, clocks: locked.clocks! } });
  // Notices for someone the steps read did not cover (not expected: it reads the requester, every
  // assignee and the queues' members) need notify's two statements: written before the flight.
  const noticesAhead = noticesCovered(locked.recipients ?? undefined, notices) ? null : await notify(tx, notices);
  const channelReason = CHANNEL_REASON[channel];
  const entries: TDecisionEntry[] = [
    {
      kind: "approval.step_decided",
      subjectType: SUBJECT,
      subjectId: request.id,
      actorId: user.id,
      policyVersionId: request.policyVersionId,
      input: { stepId: step.id, stageIndex: step.stageIndex, role: step.role, decision: input.decision, reason: input.reason ?? null, conditions: input.conditions ?? null, channel },
      output: { stepStatus: decided.status, requestStatus: applied.status, decidedAs: allowed.as, openedSteps: opened.map((s) => s.id) },
      reasons: channelReason ? [...reasons, channelReason] : reasons,
    },
    ...clocks.decisions,
  ];

  // The guarantee: exactly one decision per step, whatever else raced us. The conditional
  // UPDATE of the step gates the other writes of the decision (the steps it opens or skips,
  // the request's status), all in one statement, and FAILS (arbiter_check) if it matched no step,
  // which aborts the transaction. The decided step's archive figure (decision_seconds,
  // archive-figures.ts's STEP_SECONDS for that step: now, as stored to the millisecond, since the
  // later of its creation and the last decision of an earlier stage) is written with the decision,
  // so storeArchiveFigures finds nothing to change there: a second write of the row would re-run
  // its foreign-key checks (PostgreSQL checks again a row this transaction already wrote) and add
  // a row version. The other steps are matched by id through the primary key (`= ANY`).
  const decidedWrite = Prisma.sql`
    WITH decided AS (
      UPDATE approval_steps s
      SET status = ${decided.status}::"ApprovalStepStatus", decided_by_id = ${user.id}::uuid, decided_at = now(),
          reason = ${decided.reason}, conditions = ${decided.conditions === null ? null : JSON.stringify(decided.conditions)}::jsonb,
          decision_seconds = date_part('epoch', now()::timestamptz(3) - GREATEST(s.created_at, COALESCE(
            (SELECT max(p.decided_at) FROM approval_steps p WHERE p.request_id = s.request_id AND p.stage_index < s.stage_index), s.created_at)))
      WHERE s.id = ${step.id}::uuid AND s.status = 'PENDING'
      RETURNING s.id
    ), others AS (
      UPDATE approval_steps s SET status = c.status::"ApprovalStepStatus", reason = c.reason, due_at = COALESCE(c.due_at, s.due_at)
      FROM jsonb_to_recordset(${JSON.stringify(changes)}::jsonb) AS c(id uuid, status text, reason text, due_at timestamptz)
      WHERE s.id = ANY(${changes.map((c) => c.id)}::uuid[]) AND s.id = c.id AND EXISTS (SELECT 1 FROM decided)
    ), request AS (
      UPDATE exception_requests
      SET status = ${applied.status}::"ExceptionStatus", decided_at = ${final ? now : null}::timestamptz,
          counter_offer = COALESCE(${offer}::jsonb, counter_offer), updated_at = ${new Date()}
      WHERE id = ${request.id}::uuid AND EXISTS (SELECT 1 FROM decided)
    )
    SELECT arbiter_check(count(*) = 1, 'This step was decided by someone else meanwhile.') AS decided FROM decided`;

  // The step write, the archive figures, the notices (the requester's and the next approvers':
  // one insert with their mails and tokens), the clock stops and starts with their timers, the
  // log entry and COMMIT leave in ONE flight, before any of them has answered (ADR 0029): if any
  // fails (the step write first of all, when the step was lost), the transaction is aborted,
  // PostgreSQL answers COMMIT with ROLLBACK, and nothing of the decision is kept.
  const flight = tx.flight(() => ({
    decided: tx.sendNow("the step write", () => sqlRows(tx, decidedWrite)),
    rest: [
      tx.sendNow("the archive figures", () => storeArchiveFigures(tx, [request.id])),
      ...(noticesAhead === null ? [sendKnownNotices(tx, notices, locked.recipients ?? undefined)!] : []),
      ...clocks.send(tx),
      tx.sendNow("the decision log", () => appendDecisions(tx, entries, { bulk: tx.query })),
    ],
  }));
  for (const answer of flight.rest) answer.catch(() => {}); // awaited below unless the step was lost
  await flight.decided.catch((error: unknown) => {
    throw failedCheck(error) ? new LostStep(step.id) : error;
  });
  await answersInOrder(flight.rest);
  return { request, stepId: step.id, stepStatus: decided.status, requestStatus: applied.status, summary: applied.summary };
}

/** The step write matched no step: another decision took it. The winner is read after the rollback. */
class LostStep extends Error {
  constructor(readonly stepId: string) {
    super("The approval step was decided by someone else meanwhile.");
  }
}

async function lostStepConflict(stepId: string, now: Date) {
  const [winner] = await pgRows<{ decided_at: Date | null; name: string | null }>(Prisma.sql`
    SELECT s.decided_at, (SELECT u.name FROM users u WHERE u.id = s.decided_by_id) AS name FROM approval_steps s WHERE s.id = ${stepId}::uuid`);
  return alreadyDecided(winner?.name ?? "someone", winner?.decided_at ?? now);
}

/** The named step, or the open step this actor may decide (API callers may omit stepId). */
function pickStep(state: TApprovalState, actor: TActor, stepId: string | undefined, now: Date): TStepState {
  if (stepId) {
    const step = state.steps.find((s) => s.id === stepId);
    if (!step) throw notFound("That approval step on this request");
    return step;
  }
  const open = state.steps.filter((s) => s.status === "PENDING");
  const mine = open.find((s) => canDecide(state, s.id, actor, now).ok);
  if (mine) return mine;
  if (open[0]) return open[0]; // canDecide then says why not
  if (state.status !== "PENDING") throw invalidState(`The request is ${state.status.toLowerCase().replaceAll("_", " ")}, so no step can be decided now`);
  throw invalidState("No step of this request is open");
}

function alreadyDecided(name: string, at: Date) {
  return conflict(`This step was already decided by ${name} at ${at.toISOString().slice(0, 16).replace("T", " ")} UTC.`);
}

async function delegationReasons(tx: TSqlTx, user: TSessionUser, row: { assigneeId: string | null; via: string | null; onBehalfOfId: string | null }, as: string): Promise<string[]> {
  if (as !== "delegate" && row.via !== "delegate") return []; // nothing to say: spare the lookup
  const ids = [row.assigneeId, row.onBehalfOfId].filter((x): x is string => x !== null);
  const names = new Map((await sqlRows<{ id: string; name: string }>(tx, Prisma.sql`SELECT id::text, name FROM users WHERE id = ANY(${ids}::uuid[])`)).map((u) => [u.id, u.name]));
  const out: string[] = [];
  if (as === "delegate") out.push(`${user.name} decided as the delegate of ${names.get(row.assigneeId ?? "") ?? "the assigned approver"}, under a delegation in force now.`);
  if (row.via === "delegate" && row.onBehalfOfId) out.push(`The step was planned for ${names.get(row.assigneeId ?? "") ?? "a delegate"} on behalf of ${names.get(row.onBehalfOfId) ?? "an absent approver"}.`);
  return out;
}

function requesterTitle(status: string, opportunity: string): string {
  const words: Record<string, string> = {
    APPROVED: "Approved",
    APPROVED_WITH_CONDITIONS: "Approved with conditions",
    REJECTED: "Rejected",
    CHANGES_REQUESTED: "Changes requested",
    AWAITING_REQUESTER: "Counter offer to answer",
    PENDING: "Approval progressed",
  };
  return `${words[status] ?? "Updated"}: ${opportunity}`;
}
