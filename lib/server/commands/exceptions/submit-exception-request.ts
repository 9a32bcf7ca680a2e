import "server-only";
import type { TSubmitException } from "@/lib/schemas/exception-requests";
import type { TSessionUser } from "../../auth/session-user";
import { appendDecisions } from "../../decision-log";
import { syncApprovalClocks } from "../../sla/approval-clocks";
import { clockContextColumns, clockContextFrom, idList, type TClockContextRow } from "../../sla/clock-context";
import { conflict, forbidden, invalidState, notFound } from "../../errors";
import { storeArchiveFigures } from "./archive-figures";
import { evidenceJson } from "./evidence-files";
import { announceOutcome, notifyApprovers } from "./approval-notices";
import { loadPlanningContext, lockOpportunity, opportunityVisibleTo, planForOpportunity } from "./plan-for-opportunity";
import { OPEN_REQUEST_STATUSES, SUBJECT } from "./request-state";
import { recipientsColumn, recipientsFrom, type TRecipientsRow } from "../../notifications/notify";
import { chainText, requestFields, writeRequestWithSteps } from "./write-plan";
import { sqlRows } from "../../transaction-connection";
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
  // more would deadlock the pool.
  const context = await loadPlanningContext(now, { viaPg: true });
  // The transaction runs on a pg client directly, not through Prisma (pg-transaction.ts, ADR 0025),
  // on generic plans: its statements are key lookups and writes by id whose plan does not depend
  // on the values, and planning them on every call was a fifth of PostgreSQL's time (ADR 0028).
  const result = await withPgTransaction(
    async (tx) => {
      // Locking the opportunity row serialises submissions on one deal, so two concurrent
      // submits cannot both see "no request in progress". The lock returns the row as it is
      // once locked; the request check below is a later statement, so it sees what a
      // submission that held the lock before us committed.
      const opportunity = await lockOpportunity(tx, input.opportunityId);
      if (!opportunity || !opportunityVisibleTo(actor, opportunity)) throw notFound("That opportunity (or one you may see)");
      if (opportunity.ownerId !== actor.id && opportunity.owner.managerId !== actor.id) {
        throw forbidden("Only the opportunity's owner, or their manager, requests exceptions on it.");
      }
      if (opportunity.stage === "CLOSED_WON" || opportunity.stage === "CLOSED_LOST") throw invalidState("This opportunity is closed; exceptions are requested on open deals only.");
      const plan = await planForOpportunity({ requesterId: actor.id, opportunity, deviations: input.deviations, now, context });
      const auto = plan.outcome === "AUTO_APPROVED";
      // The request in progress, if any, the draft being submitted, what the first stage's
      // clocks will need (time, SLA policy, its approvers), and its approvers' addresses and
      // e-mail choices (their queues' members for group steps), in one read.
      const firstStage = plan.stages[0]?.approvers.map((a) => a.assigneeId ?? null) ?? [];
      const queues = [...new Set(plan.stages[0]?.approvers.filter((a) => !a.assigneeId && a.groupRole).map((a) => a.groupRole!) ?? [])];
      const [found] = await sqlRows<{ open_status: string | null; draft_id: string | null } & TClockContextRow & TRecipientsRow>(tx, Prisma.sql`
        SELECT (SELECT status::text FROM exception_requests WHERE opportunity_id = ${opportunity.id}::uuid AND status::text = ANY(${[...OPEN_REQUEST_STATUSES]}::text[]) LIMIT 1) AS open_status,
               (SELECT id FROM exception_requests WHERE id = ${input.draftId ?? null}::uuid AND requester_id = ${actor.id}::uuid AND opportunity_id = ${opportunity.id}::uuid AND status = 'DRAFT') AS draft_id,
               ${recipientsColumn(queues.length ? Prisma.sql`${idList(firstStage)} UNION ALL SELECT id FROM users WHERE active AND role::text = ANY(${queues}::text[])` : idList(firstStage))},
               ${clockContextColumns(idList(firstStage))}`);
      if (found!.open_status) {
        throw conflict(`This opportunity already has an exception request in progress (${found!.open_status.toLowerCase().replaceAll("_", " ")}). Withdraw it, or wait for its decision, before asking again.`);
      }
      const fields = { ...requestFields(input, plan, now), evidence: await evidenceJson(tx, actor.id, input.evidenceLinks, input.attachmentIds) };
      // Submitting a saved draft turns that draft into the request (same id, its history kept).
      const draft = found!.draft_id ? { id: found!.draft_id } : null;
      if (input.draftId && !draft) throw notFound("That draft (it may have been submitted already)");
      // The request (new, or the draft turned into it) and its steps: one statement, whose ids
      // are made by the app, so what needs them is sent right behind it (ADR 0028).
      const written = writeRequestWithSteps(tx, { draftId: draft?.id ?? null, opportunityId: opportunity.id, requesterId: actor.id, fields, plan, now });
      const request = { id: written.id, opportunityId: opportunity.id, requesterId: actor.id };
      const steps = written.steps;
      const opened = steps.filter((s) => s.status === "PENDING").map((s) => ({ id: s.id, assigneeId: s.assigneeId, groupRole: s.queueRole }));
      // The notices, the archive figures and the clocks do not depend on one another: their
      // statements are sent together (pipelined on the transaction's connection, ADR 0025). If
      // one fails (the request's write first of all), the transaction is aborted, the others fail
      // with it, and it rolls back.
      const [, , , clockDecisions] = await Promise.all([
        written.stored,
        auto ? null : notifyApprovers(tx, opened, { requestId: request.id, title: `Approval needed: ${opportunity.name}`, body: `${actor.name} asks for an exception. ${plan.reasons[0] ?? ""}` }, { recipients: recipientsFrom(found!) }),
        storeArchiveFigures(tx, [request.id]),
        // A draft has no steps and the steps were just created, so no clock of theirs exists yet.
        syncApprovalClocks(tx, request.id, {
          actorId: actor.id,
          known: { plan: fields.plan, region: opportunity.account?.region ?? null, steps, fresh: true, clocks: { open: [], context: clockContextFrom(found!) } },
        }),
      ]);
      // The log entry is the last statement: COMMIT rides behind it (PgTransaction.last).
      await tx.last(() => appendDecisions(tx, [
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
        ...clockDecisions,
      ], { bulk: tx.query }));
      return { request, plan };
    },
    { timeoutMs: 20_000, genericPlans: true },
  );
  const status = result.plan.outcome === "AUTO_APPROVED" ? "APPROVED" : "PENDING";
  await announceOutcome(result.request, status, result.plan.reasons.join(" "));
  return { requestId: result.request.id, status, outcome: result.plan.outcome, reasons: result.plan.reasons };
}
