import "server-only";
import type { TSubmitException } from "@/lib/schemas/exception-requests";
import type { TSessionUser } from "../../auth/session-user";
import { randomUUID } from "node:crypto";
import { appendDecisions, type TDecisionEntry } from "../../decision-log";
import { planApprovalClocks } from "../../sla/approval-clocks";
import { clockContextColumns, clockContextFrom, idList, type TClockContextRow } from "../../sla/clock-context";
import { conflict, forbidden, invalidState, notFound } from "../../errors";
import { storeArchiveFigures } from "./archive-figures";
import { evidenceJson } from "./evidence-files";
import { announceOutcome, approverNotices } from "./approval-notices";
import { loadPlanningContext, lockOpportunity, opportunityVisibleTo, planForOpportunity, samePlanInputs, type TPlanResult } from "./plan-for-opportunity";
import { OPEN_REQUEST_STATUSES, SUBJECT } from "./request-state";
import { noticesCovered, notify, recipientsColumn, recipientsFrom, sendKnownNotices, type TRecipientsRow } from "../../notifications/notify";
import { chainText, plannedSteps, requestFields, writeRequestWithSteps } from "./write-plan";
import { answersInOrder, sqlRows, type PgTransaction } from "../../transaction-connection";
import { withPgTransaction } from "../../pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";

export type TSubmitResult = { requestId: string; status: "APPROVED" | "PENDING"; outcome: string; reasons: string[] };

/**
 * Submits an exception request. The plan is recomputed here from the stored opportunity and
 * the published policy; a client's plan is never trusted. One transaction writes the request,
 * its steps, the approvers' notices and the "approval.planned" entry; from then on the
 * database refuses changes to the opportunity's terms (trigger) until the request closes.
 */
export async function submitExceptionRequest(options: { actor: TSessionUser; input: TSubmitException & { attachmentIds?: string[]; draftId?: string }; now?: Date }): Promise<TSubmitResult> {
  const { actor, input } = options;
  const now = options.now ?? new Date();
  // Read before the transaction, on a connection it does not hold: a policy body not parsed yet
  // is read on another one, and 20 submissions holding every connection while waiting for one
  // more would deadlock the pool. The same statement reads the opportunity as it is now,
  // unlocked: the plan is made from it ahead, and kept if the locked row turns out the same.
  const context = await loadPlanningContext(now, { viaPg: true, opportunityId: input.opportunityId });
  const guess = context.opportunity ?? null;
  const guessedPlan = guess ? await planForOpportunity({ requesterId: actor.id, opportunity: guess, deviations: input.deviations, now, context }).catch(() => null) : null;
  // The transaction runs on a pg client directly, not through Prisma (pg-transaction.ts, ADR 0025),
  // on generic plans: its statements are key lookups and writes by id whose plan does not depend
  // on the values, and planning them on every call was a fifth of PostgreSQL's time (ADR 0028).
  // BEGIN, the lock and the request check leave together (corkFirst), and the writes, the log
  // and COMMIT in one flight: two round trips in the transaction (ADR 0029).
  const result = await withPgTransaction(
    async (tx) => {
      // Locking the opportunity row serialises submissions on one deal, so two concurrent
      // submits cannot both see "no request in progress". The lock returns the row as it is
      // once locked; the request check is a later statement, so it sees what a submission that
      // held the lock before us committed — also when it is sent right behind the lock, without
      // waiting for its answer (PostgreSQL runs it once the lock is granted): it then reads the
      // recipients and clock context of the plan made ahead, which the locked row confirms.
      const locking = lockOpportunity(tx, input.opportunityId);
      const early = guessedPlan ? requestCheck(tx, { opportunityId: input.opportunityId, actorId: actor.id, draftId: input.draftId ?? null, plan: guessedPlan }) : null;
      early?.catch(() => {}); // awaited below, unless the plan made ahead is not the one
      const opportunity = await locking;
      if (!opportunity || !opportunityVisibleTo(actor, opportunity)) throw notFound("That opportunity (or one you may see)");
      if (opportunity.ownerId !== actor.id && opportunity.owner.managerId !== actor.id) {
        throw forbidden("Only the opportunity's owner, or their manager, requests exceptions on it.");
      }
      if (opportunity.stage === "CLOSED_WON" || opportunity.stage === "CLOSED_LOST") throw invalidState("This opportunity is closed; exceptions are requested on open deals only.");
      const ahead = guessedPlan && guess && samePlanInputs(guess, opportunity);
      const plan = ahead ? guessedPlan : await planForOpportunity({ requesterId: actor.id, opportunity, deviations: input.deviations, now, context });
      const auto = plan.outcome === "AUTO_APPROVED";
      const { queues } = firstStageOf(plan);
      const found = ahead ? await early! : await requestCheck(tx, { opportunityId: opportunity.id, actorId: actor.id, draftId: input.draftId ?? null, plan });
      if (found.open_status) {
        throw conflict(`This opportunity already has an exception request in progress (${found.open_status.toLowerCase().replaceAll("_", " ")}). Withdraw it, or wait for its decision, before asking again.`);
      }
      const fields = { ...requestFields(input, plan, now), evidence: await evidenceJson(tx, actor.id, input.evidenceLinks, input.attachmentIds) };
      // Submitting a saved draft turns that draft into the request (same id, its history kept).
      const draft = found.draft_id ? { id: found.draft_id } : null;
      if (input.draftId && !draft) throw notFound("That draft (it may have been submitted already)");
      // The request's and its steps' ids are made by the app (ADR 0028), so everything that
      // follows their write is known before it is sent. What that may need to read comes first
      // (ADR 0029): the members of a first-stage queue, the SLA policy body and pg-boss's sender
      // (reads only on that path or a cache miss).
      const request = { id: draft?.id ?? randomUUID(), opportunityId: opportunity.id, requesterId: actor.id };
      const steps = plannedSteps(plan, now);
      const opened = steps.filter((s) => s.status === "PENDING").map((s) => ({ id: s.id, assigneeId: s.assigneeId, groupRole: s.queueRole }));
      const recipients = recipientsFrom(found, queues);
      const notices = auto ? [] : await approverNotices(tx, opened, { requestId: request.id, title: `Approval needed: ${opportunity.name}`, body: `${actor.name} asks for an exception. ${plan.reasons[0] ?? ""}` }, recipients);
      // A draft has no steps and the steps are new, so no clock of theirs exists yet.
      const clocks = await planApprovalClocks(tx, request.id, {
        actorId: actor.id,
        known: { plan: fields.plan, region: opportunity.account?.region ?? null, steps, fresh: true, clocks: { open: [], context: clockContextFrom(found) } },
      });
      // Notices for someone the request check did not read (not expected: it reads the first
      // stage's assignees and queues) need notify's two statements: sent before the flight.
      const noticesAhead = noticesCovered(recipients, notices) ? null : await notify(tx, notices);
      const entries: TDecisionEntry[] = [
        {
          kind: "approval.planned",
          subjectType: SUBJECT,
          subjectId: request.id,
          actorId: actor.id,
          policyVersionId: plan.policyVersionId,
          input: { opportunityId: opportunity.id, deviations: input.deviations, deal: plan.deal },
          output: { outcome: plan.outcome, status: auto ? "APPROVED" : "PENDING", chain: chainText(plan), stages: plan.stages },
          reasons: plan.reasons,
        },
        ...clocks.decisions,
      ];
      // The request (new, or the draft turned into it) and its steps, the notices with their mails
      // and tokens, the archive figures, the clocks and their timers, the log entry and COMMIT
      // leave in ONE flight (ADR 0029). The request's write fails itself if it did not write
      // everything (arbiter_check); any failure aborts the transaction, PostgreSQL answers COMMIT
      // with ROLLBACK, and nothing of the submission is kept.
      const flight = tx.flight(() => {
        const written = writeRequestWithSteps(tx, { id: request.id, draftId: draft?.id ?? null, opportunityId: opportunity.id, requesterId: actor.id, fields, steps, now });
        return {
          answers: [
            written.stored,
            ...(noticesAhead === null ? [sendKnownNotices(tx, notices, recipients)!] : []),
            tx.sendNow("the archive figures", () => storeArchiveFigures(tx, [request.id])),
            ...clocks.send(tx),
            tx.sendNow("the decision log", () => appendDecisions(tx, entries, { bulk: tx.query })),
          ],
        };
      });
      await answersInOrder(flight.answers);
      return { request, plan };
    },
    { timeoutMs: 20_000, genericPlans: true, corkFirst: true },
  );
  const status = result.plan.outcome === "AUTO_APPROVED" ? "APPROVED" : "PENDING";
  await announceOutcome(result.request, status, result.plan.reasons.join(" "));
  return { requestId: result.request.id, status, outcome: result.plan.outcome, reasons: result.plan.reasons };
}

/** The first stage's assignees and queues: whom the request check reads as recipients and clock owners. */
function firstStageOf(plan: TPlanResult) {
  const firstStage = plan.stages[0]?.approvers.map((a) => a.assigneeId ?? null) ?? [];
  const queues = [...new Set(plan.stages[0]?.approvers.filter((a) => !a.assigneeId && a.groupRole).map((a) => a.groupRole!) ?? [])];
  return { firstStage, queues };
}

/**
 * The request in progress, if any, the draft being submitted, what the first stage's clocks will
 * need (time, SLA policy, its approvers), and its approvers' addresses and e-mail choices (their
 * queues' members for group steps), in one read; sent before this returns.
 */
function requestCheck(tx: PgTransaction, options: { opportunityId: string; actorId: string; draftId: string | null; plan: TPlanResult }) {
  const { firstStage, queues } = firstStageOf(options.plan);
  return sqlRows<{ open_status: string | null; draft_id: string | null } & TClockContextRow & TRecipientsRow>(tx, Prisma.sql`
    SELECT (SELECT status::text FROM exception_requests WHERE opportunity_id = ${options.opportunityId}::uuid AND status::text = ANY(${[...OPEN_REQUEST_STATUSES]}::text[]) LIMIT 1) AS open_status,
           (SELECT id FROM exception_requests WHERE id = ${options.draftId}::uuid AND requester_id = ${options.actorId}::uuid AND opportunity_id = ${options.opportunityId}::uuid AND status = 'DRAFT') AS draft_id,
           ${recipientsColumn(queues.length ? Prisma.sql`${idList(firstStage)} UNION ALL SELECT id FROM users WHERE active AND role::text = ANY(${queues}::text[])` : idList(firstStage))},
           ${clockContextColumns(idList(firstStage))}`).then(([row]) => row!);
}
