// The archive analytics read stored per-request and per-step figures through grouped SQL. This
// file checks every figure against a straightforward computation in TypeScript from the raw
// rows (requests with their account's segment, steps with their timestamps), on the seeded
// archive and again after each kind of command: submit, decide, counter offer and its answer,
// changes requested and resubmission, rejection, withdrawal.
import { beforeAll, describe, expect, it } from "vitest";
import { detectDrift, discountBandLow, type TDriftGroup } from "@/lib/engine/exceptions/drift";
import { SESSION_USER_SELECT, type TSessionUser } from "@/lib/server/auth/session-user";
import { decideApprovalStep } from "@/lib/server/commands/exceptions/decide-approval-step";
import { respondToCounterOffer } from "@/lib/server/commands/exceptions/respond-to-counter-offer";
import { resubmitExceptionRequest } from "@/lib/server/commands/exceptions/resubmit-exception-request";
import { submitExceptionRequest } from "@/lib/server/commands/exceptions/submit-exception-request";
import { withdrawExceptionRequest } from "@/lib/server/commands/exceptions/withdraw-exception-request";
import { storeArchiveFigures } from "@/lib/server/commands/exceptions/archive-figures";
import { db } from "@/lib/server/db";
import { computeExceptionAnalytics, type TExceptionAnalytics } from "@/lib/server/queries/exception-analytics";
import { seedDemo } from "@/prisma/seed";
import { newOpportunity, sessionUser } from "./support/deal-desk";

const WHY = { justification: "Competitive displacement; the customer signs this quarter", impactedKpi: "Win rate", evidenceLinks: [] };
const discount = (discountPct: number) => [{ type: "DISCOUNT" as const, discountPct }];
const DECIDED = new Set(["APPROVED", "APPROVED_WITH_CONDITIONS", "REJECTED"]);
const APPROVED = new Set(["APPROVED", "APPROVED_WITH_CONDITIONS"]);
const STEP_DECIDED = new Set(["APPROVED", "REJECTED", "CHANGES_REQUESTED"]);
const ROLE_ORDER: Record<string, number> = { MANAGER: 1, REGION_VP: 2, DEAL_DESK: 3 };
const u: Record<string, TSessionUser> = {};

const quarterOf = (d: Date) => `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
const num = (v: { toString(): string } | null) => (v === null ? null : Number(v.toString()));

/** percentile_cont: linear interpolation between the two closest ranks. */
function percentileCont(sorted: number[], p: number): number {
  const pos = p * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (pos - lo) * (sorted[hi]! - sorted[lo]!);
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

/** Each step's time to decision, from its stage's start: the previous stages' last decision, else its creation. */
function stepSeconds(steps: { requestId: string; stageIndex: number; createdAt: Date; decidedAt: Date | null }[], step: (typeof steps)[number]): number | null {
  if (!step.decidedAt) return null;
  const earlier = steps.filter((s) => s.requestId === step.requestId && s.stageIndex < step.stageIndex && s.decidedAt).map((s) => s.decidedAt!.getTime());
  const start = Math.max(step.createdAt.getTime(), ...earlier);
  return (step.decidedAt.getTime() - start) / 1000;
}

/** Every analytics figure computed the plain way, row by row. */
async function reference() {
  const requests = (
    await db().exceptionRequest.findMany({
      where: { submittedAt: { not: null } },
      select: { type: true, status: true, tier: true, requestedDiscountPct: true, grantedDiscountPct: true, submittedAt: true, opportunity: { select: { account: { select: { segment: true } } } } },
    })
  ).map((r) => ({ type: r.type as string, status: r.status as string, tier: r.tier!, requested: num(r.requestedDiscountPct), granted: num(r.grantedDiscountPct), quarter: quarterOf(r.submittedAt!), segment: r.opportunity.account?.segment ?? null }));

  const rates = [...groupBy(requests, (r) => `${r.quarter}|${r.type}|${r.tier}`).values()]
    .map((rs) => {
      const decided = rs.filter((r) => DECIDED.has(r.status)).length;
      const approved = rs.filter((r) => APPROVED.has(r.status)).length;
      return { quarter: rs[0]!.quarter, type: rs[0]!.type, tier: rs[0]!.tier, requests: rs.length, decided, approved, approvalRate: decided === 0 ? null : approved / decided };
    })
    .sort((x, y) => y.quarter.localeCompare(x.quarter) || x.type.localeCompare(y.type) || x.tier.localeCompare(y.tier));

  const withDiscount = requests.filter((r) => APPROVED.has(r.status) && r.requested !== null && r.granted !== null);
  const averages = (key: (r: (typeof requests)[number]) => string) =>
    [...groupBy(withDiscount, key).entries()]
      .map(([k, rs]) => ({ key: k, approved: rs.length, avgRequestedPct: rs.reduce((s, r) => s + r.requested!, 0) / rs.length, avgGrantedPct: rs.reduce((s, r) => s + r.granted!, 0) / rs.length }))
      .sort((x, y) => x.key.localeCompare(y.key));

  const bandOf = (r: (typeof requests)[number]) => (["DISCOUNT", "VOLUME_DISCOUNT"].includes(r.type) && r.requested !== null ? discountBandLow(r.requested) : null);
  const driftGroups: TDriftGroup[] = [...groupBy(requests, (r) => `${r.quarter}|${r.type}|${r.segment}|${bandOf(r)}`).values()].map((rs) => ({
    quarter: rs[0]!.quarter,
    type: rs[0]!.type,
    segment: rs[0]!.segment,
    bandLow: bandOf(rs[0]!),
    decided: rs.filter((r) => DECIDED.has(r.status)).length,
    approved: rs.filter((r) => r.status === "APPROVED").length,
  }));

  const steps = await db().approvalStep.findMany({ select: { id: true, requestId: true, stageIndex: true, approverRole: true, status: true, createdAt: true, decidedAt: true, decisionSeconds: true } });
  const decidedSteps = steps.filter((s) => s.decidedAt && STEP_DECIDED.has(s.status)).map((s) => ({ ...s, seconds: stepSeconds(steps, s)! }));
  const stages = [...groupBy(decidedSteps, (s) => s.approverRole).entries()]
    .map(([role, ss]) => {
      const sorted = ss.map((s) => s.seconds).sort((a, b) => a - b);
      return { role, decided: ss.length, p50Hours: percentileCont(sorted, 0.5) / 3600, p90Hours: percentileCont(sorted, 0.9) / 3600 };
    })
    .sort((x, y) => (ROLE_ORDER[x.role] ?? 4) - (ROLE_ORDER[y.role] ?? 4) || x.role.localeCompare(y.role));

  return {
    figures: { rates, stages, discountsByType: averages((r) => r.type), discountsBySegment: averages((r) => r.segment ?? "UNSEGMENTED"), findings: detectDrift(driftGroups) },
    steps: steps.map((s) => ({ id: s.id, stored: s.decisionSeconds, expected: stepSeconds(steps, s) })),
  };
}

/** Exact counts and findings; averages and percentiles to floating-point noise. */
function expectSame(actual: TExceptionAnalytics, expected: TExceptionAnalytics) {
  expect(actual.rates).toEqual(expected.rates);
  expect(actual.findings).toEqual(expected.findings);
  for (const kind of ["discountsByType", "discountsBySegment"] as const) {
    expect(actual[kind].map((d) => [d.key, d.approved])).toEqual(expected[kind].map((d) => [d.key, d.approved]));
    actual[kind].forEach((d, i) => {
      expect(d.avgRequestedPct).toBeCloseTo(expected[kind][i]!.avgRequestedPct, 9);
      expect(d.avgGrantedPct).toBeCloseTo(expected[kind][i]!.avgGrantedPct, 9);
    });
  }
  expect(actual.stages.map((s) => [s.role, s.decided])).toEqual(expected.stages.map((s) => [s.role, s.decided]));
  actual.stages.forEach((s, i) => {
    expect(s.p50Hours).toBeCloseTo(expected.stages[i]!.p50Hours, 6);
    expect(s.p90Hours).toBeCloseTo(expected.stages[i]!.p90Hours, 6);
  });
}

async function expectAnalyticsMatch(when: string) {
  const [actual, ref] = [await computeExceptionAnalytics(), await reference()];
  const [quarters] = await db().$queryRaw<{ differ: bigint }[]>`
    SELECT count(*) AS differ FROM exception_requests WHERE submitted_quarter IS DISTINCT FROM date_trunc('quarter', submitted_at AT TIME ZONE 'UTC')::date`;
  expect(Number(quarters!.differ), `stored quarters ${when}`).toBe(0);
  const wrong = ref.steps.filter((s) => (s.expected === null ? s.stored !== null : s.stored === null || Math.abs(s.stored - s.expected) > 1e-6));
  expect(wrong, `stored step times ${when}`).toEqual([]);
  expectSame(actual, ref.figures);
  return actual;
}

/** The open step's approver decides: its assignee, or the demo member of its queue. */
async function decideOpen(requestId: string, input: { decision: "APPROVE" | "REJECT" | "REQUEST_CHANGES" | "APPROVE_WITH_CONDITIONS"; reason?: string; conditions?: { summary: string; discountPct: number } }) {
  const step = await db().approvalStep.findFirstOrThrow({ where: { requestId, status: "PENDING" }, orderBy: [{ stageIndex: "asc" }, { approverRole: "asc" }] });
  const queue = step.queueRole ?? step.approverRole;
  const actor = step.assigneeId
    ? await db().user.findUniqueOrThrow({ where: { id: step.assigneeId }, select: SESSION_USER_SELECT })
    : await sessionUser(`${queue === "DEAL_DESK" ? "dealdesk" : queue.toLowerCase()}@arbiter.demo`);
  return decideApprovalStep({ actor, input: { requestId, stepId: step.id, ...input } });
}
async function submit(pct: number) {
  const opportunityId = await newOpportunity(u.rep!.id, 10_000);
  return (await submitExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: discount(pct), ...WHY } })).requestId;
}

/**
 * A small known data set on top of the seed, written as the archive holds it: 12 SMB discount
 * requests of 10–15% in 2025-Q3 (10 approved as asked, 1 with conditions, 1 rejected: drift,
 * 10 of 12 as asked), a 15.01% one (the next band), and 11 payment-terms requests in 2025-Q4
 * all approved (drift without a band).
 */
async function addKnownPatterns(repId: string) {
  const account = await db().account.create({ data: { name: "Analytics Test Co", normalizedName: "analytics test co", segment: "SMB" } });
  const opportunity = await db().opportunity.create({ data: { name: "Analytics Test Co — Renewal", accountId: account.id, ownerId: repId, amount: "10000", listAmount: "11500" } });
  const rows = [
    ...[11, 12, 12.5, 13, 14, 15, 11.5, 12, 13.5, 14.5].map((pct) => ({ type: "DISCOUNT" as const, status: "APPROVED" as const, pct, month: 6 })),
    { type: "DISCOUNT" as const, status: "APPROVED_WITH_CONDITIONS" as const, pct: 14, month: 7 },
    { type: "DISCOUNT" as const, status: "REJECTED" as const, pct: 13, month: 8 },
    { type: "DISCOUNT" as const, status: "APPROVED" as const, pct: 15.01, month: 8 },
    ...Array.from({ length: 11 }, () => ({ type: "PAYMENT_TERMS" as const, status: "APPROVED" as const, pct: null, month: 10 })),
  ];
  const ids: string[] = [];
  for (const [k, r] of rows.entries()) {
    const submittedAt = new Date(Date.UTC(2025, r.month, 1 + k, 9));
    const made = await db().exceptionRequest.create({
      data: {
        opportunityId: opportunity.id, requesterId: repId, type: r.type, status: r.status, justification: "Known pattern",
        details: r.pct === null ? { paymentTermsDays: 60 } : { discountPct: r.pct },
        counterOffer: r.status === "APPROVED_WITH_CONDITIONS" ? { open: null, accepted: [{ summary: "10% instead", discountPct: 10 }] } : undefined,
        submittedAt, decidedAt: new Date(submittedAt.getTime() + 26 * 3_600_000),
      },
    });
    ids.push(made.id);
  }
  // Written around the commands, so the stored figures are set as a command would.
  await storeArchiveFigures(db(), ids);
}

describe("exception analytics", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.2, log: () => {} });
    for (const who of ["rep"]) u[who] = await sessionUser(`${who}@arbiter.demo`);
    await addKnownPatterns(u.rep!.id);
  });

  it("match a straightforward computation on the seeded archive", async () => {
    const a = await expectAnalyticsMatch("after the seed");
    // The comparison is only worth something with data in every section.
    expect(a.rates.length).toBeGreaterThan(3);
    expect(a.stages.length).toBeGreaterThanOrEqual(2);
    expect(a.stages.every((s) => s.decided > 0 && s.p90Hours > 0)).toBe(true);
    expect(a.discountsByType.length).toBeGreaterThan(0);
    expect(a.discountsBySegment.length).toBeGreaterThan(1);
    expect(a.findings.map((f) => [f.quarter, f.type, f.segment, f.band, f.approved, f.decided])).toEqual(
      expect.arrayContaining([
        ["2025-Q4", "PAYMENT_TERMS", "SMB", null, 11, 11],
        ["2025-Q3", "DISCOUNT", "SMB", "10–15%", 10, 12],
      ]),
    );
  });

  it("stay equal to it after each kind of command", async () => {
    const before = await computeExceptionAnalytics();
    const requestCount = (a: TExceptionAnalytics) => a.rates.reduce((s, r) => s + r.requests, 0);
    const stepCount = (a: TExceptionAnalytics) => a.stages.reduce((s, r) => s + r.decided, 0);

    // Submit 27%: manager then VP (cumulative tiers).
    const countered = await submit(27);
    const afterSubmit = await expectAnalyticsMatch("after a submission");
    expect(requestCount(afterSubmit)).toBe(requestCount(before) + 1);

    // Decide: the manager approves (a stage time appears), the VP counters with 18%.
    await decideOpen(countered, { decision: "APPROVE" });
    expect(stepCount(await expectAnalyticsMatch("after an approval"))).toBe(stepCount(before) + 1);
    expect((await decideOpen(countered, { decision: "APPROVE_WITH_CONDITIONS", conditions: { summary: "18% instead of 27%", discountPct: 18 } })).requestStatus).toBe("AWAITING_REQUESTER");
    await expectAnalyticsMatch("after a counter offer");
    // The rep accepts: approved with conditions, granted 18 of the 27 asked.
    await respondToCounterOffer({ actor: u.rep!, requestId: countered, accept: true });
    const afterAccept = await expectAnalyticsMatch("after a counter offer was accepted");
    expect(afterAccept.rates.reduce((s, r) => s + r.approved, 0)).toBe(before.rates.reduce((s, r) => s + r.approved, 0) + 1);

    // Changes requested, then resubmitted at 15%: the steps are replaced and run again.
    const changed = await submit(27);
    await decideOpen(changed, { decision: "REQUEST_CHANGES", reason: "Attach the competitor's quote" });
    await expectAnalyticsMatch("after changes were requested");
    await resubmitExceptionRequest({ actor: u.rep!, input: { requestId: changed, deviations: discount(15), ...WHY } });
    await expectAnalyticsMatch("after a resubmission");
    expect((await decideOpen(changed, { decision: "REJECT", reason: "Not this quarter" })).requestStatus).toBe("REJECTED");
    await expectAnalyticsMatch("after a rejection");

    // Withdrawn while pending: counted as a request, never decided.
    const withdrawn = await submit(27);
    await withdrawExceptionRequest({ actor: u.rep!, requestId: withdrawn });
    const afterWithdraw = await expectAnalyticsMatch("after a withdrawal");
    expect(requestCount(afterWithdraw)).toBe(requestCount(before) + 3);

    // Auto-approved inside the band: no steps, tier AUTO.
    await submit(5);
    const afterAuto = await expectAnalyticsMatch("after an auto-approval");
    expect(afterAuto.rates.some((r) => r.tier === "AUTO")).toBe(true);
  });
});
