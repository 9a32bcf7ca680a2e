import type { Prisma } from "@/lib/generated/prisma/client";
import type { TApproverRole } from "@/lib/schemas/policies";
import type { TSeedAccount } from "./accounts";
import type { TExceptionType } from "./approval-plan";
import { buildRequest, type TApprovalContext, type TDecision } from "./exception-builder";
import type { TSeedUser } from "./org";
import { createRng, streamSeed } from "./prng";
import { stripLegalSuffix } from "./words";

// Scripted exception requests for the demo log-ins, so every approver's queue has work on
// day one: a 15% discount waiting for manager@, 27% waiting for vp@ ("needs VP Sales because
// 27% > 20%"), 45% with the deal desk, a multi-year deal half-approved by finance, and
// decided ones (approved, rejected, countered, changes requested, withdrawn, draft).

type TScript = {
  who: "rep" | "rep2" | "emea";
  type: TExceptionType;
  discountPct: number;
  acv: number;
  termMonths?: number;
  paymentTermsDays?: number;
  hoursAgo: number | null;
  decisions: TDecision[];
  partial?: TApproverRole[];
  withdrawn?: boolean;
  reason?: string;
  conditions?: Record<string, unknown>;
  details?: Record<string, unknown>;
  justification: string;
};

const SCRIPTS: TScript[] = [
  { who: "rep", type: "DISCOUNT", discountPct: 15, acv: 18_000, hoursAgo: 5, decisions: [], justification: "Competitive bake-off against Closepath; the customer's budget is fixed for this quarter" },
  { who: "rep2", type: "DISCOUNT", discountPct: 27, acv: 21_000, hoursAgo: 20, decisions: ["APPROVED"], justification: "Displacing the incumbent; customer agreed to a case study" },
  { who: "rep", type: "DISCOUNT", discountPct: 45, acv: 16_000, hoursAgo: 30, decisions: ["APPROVED", "APPROVED"], justification: "Non-profit pricing request from a strategic logo" },
  { who: "rep", type: "MULTI_YEAR", discountPct: 8, acv: 42_000, termMonths: 36, hoursAgo: 50, decisions: [], partial: ["FINANCE"], details: { termMonths: 36, annualUpliftPct: 3 }, justification: "Three-year commitment in exchange for a price lock with a 3% uplift" },
  { who: "rep2", type: "PAYMENT_TERMS", discountPct: 5, acv: 30_000, paymentTermsDays: 60, hoursAgo: 70, decisions: ["APPROVED"], details: { paymentTermsDays: 60 }, justification: "Customer's procurement policy pays all vendors net 60" },
  { who: "rep", type: "DISCOUNT", discountPct: 18, acv: 30_000, hoursAgo: 7 * 24, decisions: ["APPROVED", "APPROVED"], justification: "End-of-quarter signature with a 200-seat rollout" },
  { who: "rep2", type: "DISCOUNT", discountPct: 35, acv: 19_000, hoursAgo: 4 * 24, decisions: ["REJECTED"], reason: "Margin below the floor; offer 25% with annual prepayment instead", justification: "Matching a competitor's first-year price" },
  { who: "rep", type: "DISCOUNT", discountPct: 25, acv: 22_000, hoursAgo: 3 * 24, decisions: ["CONDITIONS", "APPROVED"], reason: "Approved at 20%, not 25%", conditions: { discountPct: 20 }, justification: "Expansion into two more business units next year" },
  { who: "rep2", type: "CUSTOM_LEGAL", discountPct: 0, acv: 24_000, hoursAgo: 2 * 24, decisions: ["CHANGES_REQUESTED"], reason: "Attach the customer's redlines and the requested liability cap", details: { clause: "Liability cap at 2× annual fees", sla: "99.95% uptime" }, justification: "Customer's legal team will not sign the standard MSA" },
  { who: "rep", type: "DISCOUNT", discountPct: 12, acv: 14_000, hoursAgo: null, decisions: [], justification: "Draft: waiting for the customer's final seat count" },
  { who: "emea", type: "DISCOUNT", discountPct: 16, acv: 15_000, hoursAgo: 10, decisions: [], justification: "Public-sector framework pricing in Germany" },
  { who: "rep", type: "DISCOUNT", discountPct: 22, acv: 17_000, hoursAgo: 6 * 24, decisions: [], withdrawn: true, justification: "Customer accepted list price after the pilot" },
];

const DAY = 86_400_000;
const HOUR = 3_600_000;

export function buildScriptedExceptions(
  ctx: TApprovalContext & { accounts: readonly TSeedAccount[]; emeaRep: TSeedUser },
): { opportunities: Prisma.OpportunityCreateManyInput[]; stageChanges: Prisma.OpportunityStageChangeCreateManyInput[]; requests: Prisma.ExceptionRequestCreateManyInput[]; steps: Prisma.ApprovalStepCreateManyInput[] } {
  const rng = createRng(streamSeed("exceptions"));
  const out = { opportunities: [] as Prisma.OpportunityCreateManyInput[], stageChanges: [] as Prisma.OpportunityStageChangeCreateManyInput[], requests: [] as Prisma.ExceptionRequestCreateManyInput[], steps: [] as Prisma.ApprovalStepCreateManyInput[] };
  const requesters = { rep: ctx.org.demo.rep, rep2: ctx.org.demo.rep2, emea: ctx.emeaRep };
  for (const s of SCRIPTS) {
    const requester = requesters[s.who];
    const candidates = ctx.accounts.filter((a) => a.region === requester.region && a.segment === "MID_MARKET" && !a.isNamedAccount);
    const account = rng.pick(candidates.length > 0 ? candidates : ctx.accounts);
    const term = s.termMonths ?? 12;
    const amount = (s.acv * term) / 12;
    const listAmount = Math.round(amount / (1 - s.discountPct / 100) / 100) * 100;
    const id = rng.uuid();
    const submittedAt = s.hoursAgo === null ? null : new Date(ctx.ref.getTime() - s.hoursAgo * HOUR);
    const created = new Date(ctx.ref.getTime() - rng.int(30, 60) * DAY);
    const path = ["QUALIFIED", "DISCOVERY", "EVALUATION", "PROPOSAL", "NEGOTIATION"] as const;
    const times = path.map((_, k) => new Date(created.getTime() + k * 7 * DAY + rng.int(0, 48) * HOUR));
    path.forEach((stage, k) =>
      out.stageChanges.push({ opportunityId: id, fromStage: k === 0 ? null : path[k - 1]!, toStage: stage, actorId: requester.id, changedAt: times[k]! }),
    );
    out.opportunities.push({
      id,
      name: `${stripLegalSuffix(account.name)} — ${s.type === "MULTI_YEAR" ? "Three-year agreement" : "New business"}`,
      accountId: account.id,
      ownerId: requester.id,
      stage: "NEGOTIATION",
      stageEnteredAt: times[4]!,
      amount: amount.toFixed(2),
      listAmount: listAmount.toFixed(2),
      closeDate: new Date(new Date(ctx.ref.getTime() + rng.int(7, 30) * DAY).toISOString().slice(0, 10)),
      termMonths: term,
      paymentTermsDays: s.paymentTermsDays ?? 30,
      discountPct: (((listAmount - amount) / listAmount) * 100).toFixed(2),
      products: ["Core Platform", "Analytics Suite"],
      source: "web_form",
      createdAt: created,
      updatedAt: times[4]!,
    });
    const { request, steps } = buildRequest(ctx, {
      id: rng.uuid(),
      opportunityId: id,
      requester,
      facts: { type: s.type, discountPct: s.discountPct, acv: s.acv, termMonths: term, paymentTermsDays: s.paymentTermsDays ?? 30 },
      details: s.details ?? { discountPct: s.discountPct },
      justification: s.justification,
      impactedKpi: "MARGIN",
      evidence: [{ label: "Customer email", url: `https://files.arbiter.demo/evidence/${id.slice(0, 8)}.eml` }],
      submittedAt,
      decisions: s.decisions,
      ...(s.partial ? { partial: s.partial } : {}),
      ...(s.withdrawn ? { withdrawn: true } : {}),
      ...(s.reason ? { reason: s.reason } : {}),
      ...(s.conditions ? { conditions: s.conditions } : {}),
      stepHours: [3, 20, 6],
    });
    out.requests.push(request);
    out.steps.push(...steps);
  }
  return out;
}
