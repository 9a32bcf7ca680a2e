import "server-only";
import { planStageMove } from "@/lib/engine/pipeline/stage-move";
import type { TOpportunityField, TOpportunityStage } from "@/lib/schemas/policies/pipeline";
import type { TSessionUser } from "../../auth/session-user";
import { assertCan } from "../../authz/assert-can";
import { db } from "../../db";
import { appendDecisions } from "../../decision-log";
import { conflict, invalidState, notFound, validationError } from "../../errors";
import { opportunityScope } from "../../queries/record-scope";
import { publishedPipelinePolicy, restartStaleClock } from "../../sla/opportunity-clocks";

type TOppFields = {
  accountId: string | null;
  amount: { toNumber(): number };
  closeDate: Date | null;
  products: string[];
  termMonths: number;
  paymentTermsDays: number;
  discountPct: unknown;
  source: string | null;
  lossReason: string | null;
  competitor: string | null;
};

/** Which of the fields a pipeline stage can require hold a value on this opportunity. */
function filledFields(o: TOppFields): Set<TOpportunityField> {
  const has: Record<TOpportunityField, boolean> = {
    account: o.accountId !== null,
    amount: o.amount.toNumber() > 0,
    closeDate: o.closeDate !== null,
    products: o.products.length > 0,
    termMonths: o.termMonths > 0,
    paymentTermsDays: o.paymentTermsDays >= 0,
    discountPct: o.discountPct !== null,
    source: !!o.source?.trim(),
    lossReason: !!o.lossReason?.trim(),
    competitor: !!o.competitor?.trim(),
  };
  return new Set((Object.keys(has) as TOpportunityField[]).filter((f) => has[f]));
}

/**
 * Moves an opportunity to another stage: the owner rep, their manager, deal desk or RevOps
 * (an opportunity outside the actor's scope is "not found"). The pipeline policy's rules
 * decide whether the move is allowed. History row, stage, stale clock (stopped, and started
 * again for an open stage) and decision-log entries commit together.
 */
export async function changeOpportunityStage(options: { actor: TSessionUser; opportunityId: string; toStage: TOpportunityStage; reason?: string }) {
  const { actor, opportunityId, toStage, reason } = options;
  assertCan(actor, "opportunities.stage.change");
  return db().$transaction(async (tx) => {
    const opp = await tx.opportunity.findFirst({
      where: { AND: [{ id: opportunityId }, opportunityScope(actor)] },
      select: {
        id: true, name: true, stage: true, ownerId: true, accountId: true, amount: true, closeDate: true, products: true, termMonths: true,
        paymentTermsDays: true, discountPct: true, source: true, lossReason: true, competitor: true, account: { select: { region: true } },
      },
    });
    if (!opp) throw notFound("That opportunity");
    const pipeline = await publishedPipelinePolicy(tx);
    if (!pipeline) throw invalidState("No pipeline policy is published, so stage rules are unknown. RevOps must publish one first.");

    const move = planStageMove(pipeline.body, { from: opp.stage, to: toStage, filled: filledFields(opp) });
    if (!move.allowed) throw validationError(move.problem, { toStage: [move.problem] });
    if (move.direction === "CLOSE") {
      // Approvers decide on a live deal: closing it under them would leave the request meaningless.
      const inProgress = await tx.exceptionRequest.count({ where: { opportunityId: opp.id, status: { in: ["PENDING", "AWAITING_REQUESTER", "CHANGES_REQUESTED"] } } });
      if (inProgress > 0) throw invalidState("An exception request on this opportunity is still in progress. Wait for the decision or withdraw it before closing the deal.");
    }

    const [{ now }] = (await tx.$queryRaw<{ now: Date }[]>`SELECT date_trunc('milliseconds', clock_timestamp()) AS now`) as [{ now: Date }];
    // Guard against a concurrent move between the read and the write.
    const { count } = await tx.opportunity.updateMany({ where: { id: opp.id, stage: opp.stage }, data: { stage: toStage, stageEnteredAt: now } });
    if (count === 0) throw conflict("The opportunity changed stage while you were moving it. Reload and try again.");
    await tx.opportunityStageChange.create({ data: { opportunityId: opp.id, fromStage: opp.stage, toStage, actorId: actor.id, reason: reason ?? null, changedAt: now } });

    const clockReason = `the opportunity moved from ${opp.stage} to ${toStage}`;
    const clocks = await restartStaleClock(tx, { opportunity: { id: opp.id, stage: toStage, ownerId: opp.ownerId, region: opp.account?.region ?? null }, pipeline: pipeline.body, reason: clockReason, actorId: actor.id });
    await appendDecisions(tx, [
      {
        kind: "opportunity.stage_changed",
        subjectType: "opportunity",
        subjectId: opp.id,
        actorId: actor.id,
        policyVersionId: pipeline.id,
        input: { toStage, reason: reason ?? null },
        output: { fromStage: opp.stage, toStage, direction: move.direction, skipped: move.skipped },
        reasons: [`${actor.name} moved "${opp.name}".`, ...move.reasons, ...(reason ? [`Reason: ${reason}`] : [])],
      },
      ...clocks,
    ]);
    return { opportunityId: opp.id, fromStage: opp.stage, toStage, skipped: move.skipped };
  });
}
