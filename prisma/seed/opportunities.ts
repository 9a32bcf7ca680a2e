import type { Prisma } from "@/lib/generated/prisma/client";
import type { TPipelinePolicy } from "@/lib/schemas/policies";
import { repsFor, type TSeedAccount } from "./accounts";
import { planApprovalStages } from "./approval-plan";
import { buildRequest, type TApprovalContext, type TDecision } from "./exception-builder";
import { createRng, streamSeed, type TRng } from "./prng";
import { COMPETITORS, LEAD_SOURCES, PRODUCT_CATALOGUE, stripLegalSuffix } from "./words";

// Opportunities with their stage history, walked through the pipeline policy's stages with
// realistic dwell times, stage skips, losses with reasons and competitors, and discounts.
// Deals that needed an exception (deep discount, multi-year, long payment terms) get one in
// the exception archive, decided the way the approval policy plans it.

export type TOppContext = TApprovalContext & {
  accounts: readonly TSeedAccount[];
  pickAccount: (rng: TRng) => number;
  pipeline: TPipelinePolicy;
  partnerRepIds: string[];
};

export type TOppBatch = {
  opportunities: Prisma.OpportunityCreateManyInput[];
  stageChanges: Prisma.OpportunityStageChangeCreateManyInput[];
  requests: Prisma.ExceptionRequestCreateManyInput[];
  steps: Prisma.ApprovalStepCreateManyInput[];
};

const DAY = 86_400_000;
const HOUR = 3_600_000;
const OPEN = ["QUALIFIED", "DISCOVERY", "EVALUATION", "PROPOSAL", "NEGOTIATION"] as const;
type TOppStage = (typeof OPEN)[number] | "CLOSED_WON" | "CLOSED_LOST";
const LOSS_AT = [0.12, 0.18, 0.2, 0.15, 0.12];
const SIZE = { SMB: 1, MID_MARKET: 3.5, ENTERPRISE: 12 } as const;
const LOSS_WEIGHTS: Record<string, number> = { PRICE: 25, NO_DECISION: 25, LOST_TO_COMPETITOR: 20, NO_BUDGET: 12, MISSING_FEATURE: 8, TIMING: 7, CHAMPION_LEFT: 3 };
const JUSTIFICATIONS = [
  "Competitive displacement: the customer has a lower quote from the incumbent",
  "Budget approved for this quarter only; signature committed by month end",
  "Strategic logo in a target vertical; agreed to be a reference",
  "Price lock in exchange for a longer commitment",
  "Procurement requires these terms for all vendors",
];

const round2 = (n: number) => Math.round(n * 100) / 100;

export function buildOpportunityBatch(ctx: TOppContext, batch: number, from: number, to: number): TOppBatch {
  const rng = createRng(streamSeed("opportunities", batch));
  const out: TOppBatch = { opportunities: [], stageChanges: [], requests: [], steps: [] };
  const avgDays = new Map(ctx.pipeline.stages.map((s) => [s.stage, s.averageDays ?? 10]));
  const lossReasons = ctx.pipeline.lossReasons.map((r) => [r, LOSS_WEIGHTS[r.code] ?? 5] as const);
  const usersById = new Map(ctx.org.users.map((u) => [u.id, u]));

  for (let i = from; i < to; i++) {
    const id = rng.uuid();
    const account = rng.chance(0.96) ? ctx.accounts[ctx.pickAccount(rng)]! : null;
    const region = account?.region ?? rng.pick(["NA", "EMEA", "APAC"] as const);
    const segment = account?.segment ?? "SMB";
    const source = rng.weighted([...LEAD_SOURCES, ["outbound", 12]] as const);
    const owner =
      source === "partner" && rng.chance(0.3)
        ? rng.pick(ctx.partnerRepIds)
        : (account?.ownerId ?? rng.pick(repsFor(ctx.org, region, segment)).id);
    const expansion = account !== null && rng.chance(0.25);
    const products = expansion
      ? rng.sample(PRODUCT_CATALOGUE.slice(1), rng.int(1, 2))
      : [PRODUCT_CATALOGUE[0], ...rng.sample(PRODUCT_CATALOGUE.slice(1), rng.int(0, 2))];
    const termMonths = rng.weighted([[12, 80], [24, 10], [36, 8], [6, 2]] as const);
    const annualList = products.reduce((s, p) => s + p.annualList, 0) * SIZE[segment] * rng.float(0.6, 1.6);
    const listAmount = Math.round((annualList * termMonths) / 12 / 100) * 100;
    const discountPct =
      Math.round(
        rng.weighted([
          [() => 0, 30], [() => rng.float(1, 10), 35], [() => rng.float(10.5, 20), 18], [() => rng.float(20.5, 40), 12], [() => rng.float(40.5, 55), 5],
        ] as const)() * 2,
      ) / 2;
    const amount = round2(listAmount * (1 - discountPct / 100));
    const paymentTermsDays = rng.weighted([[30, 75], [45, 8], [60, 12], [90, 5]] as const);
    const createdAt = new Date(ctx.ref.getTime() - (1 + Math.floor(364 * rng.next() ** 1.8)) * DAY - rng.int(0, 23) * HOUR);

    // Walk the pipeline until the deal closes or we reach today.
    let t = createdAt.getTime();
    let stage: TOppStage = "QUALIFIED";
    let idx = 0;
    const changes: Prisma.OpportunityStageChangeCreateManyInput[] = [{ opportunityId: id, fromStage: null, toStage: stage, actorId: owner, reason: null, changedAt: createdAt }];
    let proposalAt: number | null = null;
    let lossReason: string | null = null;
    for (;;) {
      const stay = (avgDays.get(stage) ?? 10) * Math.exp(rng.normal(0, 0.6)) * DAY;
      if (t + stay >= ctx.ref.getTime()) break;
      t += stay;
      let next: TOppStage;
      let reason: string | null = null;
      if (rng.chance(LOSS_AT[idx] ?? 0.15)) {
        next = "CLOSED_LOST";
        const r = rng.weighted(lossReasons);
        lossReason = r.code;
        reason = r.label;
      } else if (idx === OPEN.length - 1) {
        next = "CLOSED_WON";
      } else if (idx <= 2 && rng.chance(0.05)) {
        idx += 2;
        next = OPEN[idx]!;
        reason = `Skipped ${OPEN[idx - 1]}: executive sponsor fast-tracked the evaluation`;
      } else {
        idx += 1;
        next = OPEN[idx]!;
      }
      changes.push({ opportunityId: id, fromStage: stage, toStage: next, actorId: owner, reason, changedAt: new Date(t) });
      stage = next;
      if (stage === "PROPOSAL" || (stage === "NEGOTIATION" && proposalAt === null)) proposalAt = t;
      if (stage === "CLOSED_WON" || stage === "CLOSED_LOST") break;
    }
    const closed = stage === "CLOSED_WON" || stage === "CLOSED_LOST";
    const remaining = OPEN.slice(idx + 1).reduce((s, st) => s + (avgDays.get(st) ?? 10), 0);
    const closeDate = closed
      ? new Date(t)
      : rng.chance(0.08)
        ? new Date(ctx.ref.getTime() - rng.int(1, 20) * DAY) // past due: a hygiene finding
        : new Date(ctx.ref.getTime() + Math.max(3, remaining * rng.float(0.8, 1.5)) * DAY);
    const competitor =
      stage === "CLOSED_LOST" ? (lossReason === "LOST_TO_COMPETITOR" || rng.chance(0.5) ? rng.pick(COMPETITORS) : "None") : rng.chance(0.3) ? rng.pick(COMPETITORS) : null;

    out.opportunities.push({
      id,
      name: `${account ? stripLegalSuffix(account.name) : "Unmatched prospect"} — ${expansion ? `${products[0]!.name} expansion` : "New business"}`,
      accountId: account?.id ?? null,
      ownerId: owner,
      stage,
      stageEnteredAt: new Date(t),
      amount: amount.toFixed(2),
      listAmount: listAmount.toFixed(2),
      closeDate: new Date(closeDate.toISOString().slice(0, 10)),
      termMonths,
      paymentTermsDays,
      discountPct: discountPct.toFixed(2),
      products: products.map((p) => p.name),
      source,
      lossReason,
      competitor,
      createdAt,
      updatedAt: new Date(t),
    });
    out.stageChanges.push(...changes);

    // Exception archive: deals beyond standard terms that reached a proposal asked for one.
    const nonStandard = discountPct > ctx.policy.autoApproveMaxDiscountPct || termMonths > ctx.policy.standardTermMonths || paymentTermsDays > ctx.policy.standardPaymentTermsDays;
    const requester = usersById.get(owner);
    if (nonStandard && proposalAt !== null && requester && rng.chance(0.4)) {
      const type = discountPct > ctx.policy.autoApproveMaxDiscountPct ? "DISCOUNT" : termMonths > ctx.policy.standardTermMonths ? "MULTI_YEAR" : "PAYMENT_TERMS";
      const won = stage === "CLOSED_WON";
      const lost = stage === "CLOSED_LOST";
      const conditions = won && type === "DISCOUNT" && rng.chance(0.2);
      const verdict: TDecision = lost && rng.chance(0.4) ? "REJECTED" : conditions ? "CONDITIONS" : "APPROVED";
      const pending = !closed && rng.chance(0.15);
      const requested = conditions ? Math.min(100, discountPct + 5) : discountPct;
      const facts = { type, discountPct: requested, acv: (amount * 12) / termMonths, termMonths, paymentTermsDays } as const;
      const stageCount = planApprovalStages(ctx.policy, facts).stages.length;
      // Earlier stages approved; the verdict (rejection, counter-offer) came from the last one.
      const decisions: TDecision[] = pending ? [] : [...Array<TDecision>(Math.max(0, stageCount - 1)).fill("APPROVED"), verdict];
      const latest = ctx.ref.getTime() - 72 * HOUR; // decisions (at most 60 h) land before today
      const submittedAt = pending
        ? ctx.ref.getTime() - rng.float(2, 60) * HOUR
        : Math.max(createdAt.getTime(), Math.min(proposalAt + rng.float(2, 48) * HOUR, latest));
      const { request, steps } = buildRequest(ctx, {
        id: rng.uuid(),
        opportunityId: id,
        requester,
        facts,
        details: type === "DISCOUNT" ? { discountPct: requested } : type === "MULTI_YEAR" ? { termMonths } : { paymentTermsDays },
        justification: rng.pick(JUSTIFICATIONS),
        impactedKpi: "MARGIN",
        evidence: [{ label: "Customer quote request", url: `https://files.arbiter.demo/quotes/${id.slice(0, 8)}.pdf` }],
        submittedAt: new Date(submittedAt),
        decisions,
        ...(verdict === "REJECTED" ? { reason: "Margin below the floor for this segment" } : {}),
        ...(conditions ? { reason: `Approved at ${discountPct}% instead of ${requested}%`, conditions: { discountPct } } : {}),
        stepHours: [rng.float(1, 20), rng.float(1, 20), rng.float(1, 20)],
      });
      out.requests.push(request);
      out.steps.push(...steps);
    }
  }
  return out;
}
