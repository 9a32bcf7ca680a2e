import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "@/prisma/seed";
import { SESSION_USER_SELECT, type TSessionUser } from "@/lib/server/auth/session-user";
import { decideApprovalStep } from "@/lib/server/commands/exceptions/decide-approval-step";
import { respondToCounterOffer } from "@/lib/server/commands/exceptions/respond-to-counter-offer";
import { resubmitExceptionRequest } from "@/lib/server/commands/exceptions/resubmit-exception-request";
import { submitExceptionRequest } from "@/lib/server/commands/exceptions/submit-exception-request";
import { withdrawExceptionRequest } from "@/lib/server/commands/exceptions/withdraw-exception-request";
import { previewExceptionRequest } from "@/lib/server/commands/preview-exception-request";
import { db } from "@/lib/server/db";
import { bulkUsers, newOpportunity, sessionUser } from "./support/deal-desk";

const WHY = { justification: "Competitive displacement; the customer signs this quarter", impactedKpi: "Win rate", evidenceLinks: ["https://crm.example.com/notes/1"] };
const discount = (discountPct: number) => [{ type: "DISCOUNT" as const, discountPct }];
const u: Record<string, TSessionUser> = {};

async function steps(requestId: string) {
  return db().approvalStep.findMany({ where: { requestId }, orderBy: [{ stageIndex: "asc" }, { approverRole: "asc" }] });
}
async function log(requestId: string, kind?: string) {
  return db().decisionLog.findMany({ where: { subjectType: "exception_request", subjectId: requestId, ...(kind ? { kind } : {}) }, orderBy: { id: "asc" } });
}
/** Who may take a step: its assignee, or the demo member of its queue. */
async function approverOf(step: { assigneeId: string | null; queueRole: string | null; approverRole: string }): Promise<TSessionUser> {
  if (step.assigneeId) return db().user.findUniqueOrThrow({ where: { id: step.assigneeId }, select: SESSION_USER_SELECT });
  return sessionUser(`${(step.queueRole ?? step.approverRole) === "DEAL_DESK" ? "dealdesk" : (step.queueRole ?? step.approverRole).toLowerCase()}@arbiter.demo`);
}
async function submit(listAmount: number, deviations = discount(27), who = u.rep!) {
  const opportunityId = await newOpportunity(u.rep!.id, listAmount);
  const result = await submitExceptionRequest({ actor: who, input: { opportunityId, deviations, ...WHY } });
  return { ...result, opportunityId };
}

describe("approval workflow: submit, decide, counter offers, withdraw", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    for (const who of ["rep", "rep2", "manager", "vp", "dealdesk", "finance", "legal"]) u[who] = await sessionUser(`${who}@arbiter.demo`);
  });

  it("27% on a $29K ACV deal: the policy's chain, decided in order, ends APPROVED with every step logged", async () => {
    const opportunityId = await newOpportunity(u.rep!.id, 40_000);
    const plan = await previewExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: discount(27) } });
    // Default policy (ADR 0006): discount tiers are not cumulative, so no manager stage; the
    // $25K ACV tier is cumulative and adds finance + legal in parallel after the VP.
    expect(plan.stages.map((s) => s.approvers.map((a) => a.role))).toEqual([["REGION_VP"], ["FINANCE", "LEGAL"]]);
    expect(plan.reasons.join(" ")).toMatch(/VP Sales.*27%.*20%/);

    const { requestId, status } = await submitExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: discount(27), ...WHY } });
    expect(status).toBe("PENDING");
    const rows = await steps(requestId);
    expect(rows.map((s) => [s.stageIndex, s.approverRole, s.status])).toEqual([[0, "REGION_VP", "PENDING"], [1, "FINANCE", "WAITING"], [1, "LEGAL", "WAITING"]]);
    expect(rows[0]!.dueAt!.getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect(rows[0]!.assigneeId).toBe(plan.stages[0]!.approvers[0]!.assigneeId);
    expect((await log(requestId, "approval.planned"))[0]!.reasons).toEqual(plan.reasons);
    expect(await db().notification.count({ where: { userId: rows[0]!.assigneeId!, link: "/approvals", kind: "approval.requested" } })).toBeGreaterThan(0);

    // Field locking: the database refuses a term change while the request is pending.
    await expect(db().opportunity.update({ where: { id: opportunityId }, data: { discountPct: 30 } })).rejects.toThrow(/commercial terms are locked/);
    await expect(submitExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: discount(15), ...WHY } })).rejects.toThrow(/already has an exception request in progress/);

    // Tier order: finance may not decide before the VP; the refusal is logged with the engine's reason.
    const finance = rows.find((s) => s.approverRole === "FINANCE")!;
    await expect(decideApprovalStep({ actor: u.finance!, input: { requestId, stepId: finance.id, decision: "APPROVE" } })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/Stage 1 must be approved first/) });
    expect((await log(requestId, "auth.access_denied")).at(-1)!.reasons).toEqual([expect.stringMatching(/Stage 1 must be approved first/)]);

    for (const step of rows) {
      const result = await decideApprovalStep({ actor: await approverOf(step), input: { requestId, stepId: step.id, decision: "APPROVE" } });
      expect(result.stepStatus).toBe("APPROVED");
    }
    const request = await db().exceptionRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request.status).toBe("APPROVED");
    expect(request.decidedAt).not.toBeNull();
    expect((await steps(requestId)).every((s) => s.status === "APPROVED" && s.decidedById && s.decidedAt)).toBe(true);
    const kinds = (await log(requestId)).map((e) => e.kind);
    expect(kinds.filter((k) => !k.startsWith("sla."))).toEqual(["approval.planned", "auth.access_denied", "approval.step_decided", "approval.step_decided", "approval.step_decided"]);
    // Each opened step ran an APPROVAL_STAGE clock, stopped when it was decided.
    expect(kinds.filter((k) => k === "sla.clock_started").length).toBe(kinds.filter((k) => k === "sla.clock_stopped").length);
    expect(await db().slaClock.count({ where: { kind: "APPROVAL_STAGE", status: { not: "STOPPED" }, subjectId: { in: (await steps(requestId)).map((s) => s.id) } } })).toBe(0);
    expect(await db().notification.count({ where: { userId: u.rep!.id, title: { startsWith: "Approved:" } } })).toBe(1);
    // Decided: the terms unlock.
    await db().opportunity.update({ where: { id: opportunityId }, data: { discountPct: 27 } });
  });

  it("refuses self-approval", async () => {
    // The manager asks on their report's deal, then tries to decide it.
    const { requestId } = await submit(10_000, discount(45), u.manager!);
    await expect(decideApprovalStep({ actor: u.manager!, input: { requestId, decision: "APPROVE" } })).rejects.toMatchObject({ code: "FORBIDDEN", message: "Nobody approves their own request" });
    await expect(decideApprovalStep({ actor: u.dealdesk!, input: { requestId, decision: "REJECT" } })).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: "A rejection needs a reason" });
  });

  it("a delegate decides for an absent VP, and then cannot decide a second stage", async () => {
    const { requestId } = await submit(40_000);
    const [vpStep, financeStep] = await steps(requestId);
    const [stand] = await bulkUsers("FINANCE", 1);
    const now = Date.now();
    await db().absence.create({ data: { userId: vpStep!.assigneeId!, startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 86_400_000) } });
    await db().delegation.create({ data: { delegatorId: vpStep!.assigneeId!, delegateId: stand!.id, startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 86_400_000) } });
    await expect(decideApprovalStep({ actor: u.legal!, input: { requestId, stepId: vpStep!.id, decision: "APPROVE" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await decideApprovalStep({ actor: stand!, input: { requestId, stepId: vpStep!.id, decision: "APPROVE" } });
    expect((await log(requestId, "approval.step_decided"))[0]!.reasons).toEqual([expect.stringMatching(/as delegate/), expect.stringMatching(/decided as the delegate of/)]);
    expect(financeStep!.approverRole).toBe("FINANCE");
    await expect(decideApprovalStep({ actor: stand!, input: { requestId, stepId: financeStep!.id, decision: "APPROVE" } })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/nobody decides two steps of one request/),
    });
  });

  it("50 deal-desk members decide one step at once: exactly one wins", async () => {
    const extra = await bulkUsers("DEAL_DESK", 49);
    const { requestId } = await submit(10_000, discount(45));
    const [step] = await steps(requestId);
    expect(step).toMatchObject({ approverRole: "DEAL_DESK", assigneeId: null, status: "PENDING" });
    const members = [u.dealdesk!, ...extra];
    const started = performance.now();
    const results = await Promise.allSettled(members.map((actor) => decideApprovalStep({ actor, input: { requestId, stepId: step!.id, decision: "APPROVE" } })));
    const ms = performance.now() - started;
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    const decided = await db().approvalStep.findUniqueOrThrow({ where: { id: step!.id }, include: { decidedBy: true } });
    for (const r of lost) expect(r.reason).toMatchObject({ code: "CONFLICT", message: expect.stringContaining(`already decided by ${decided.decidedBy!.name} at`) });
    expect(await log(requestId, "approval.step_decided")).toHaveLength(1);
    expect((await db().exceptionRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("APPROVED");
    console.info(`[race] 50 parallel decisions on one step settled in ${ms.toFixed(0)} ms`);
  });

  it("a counter offer accepted sets the opportunity's discount; declined rejects", async () => {
    const { requestId, opportunityId } = await submit(10_000);
    const [vpStep] = await steps(requestId);
    const vp = await approverOf(vpStep!);
    const countered = await decideApprovalStep({ actor: vp, input: { requestId, decision: "APPROVE_WITH_CONDITIONS", conditions: { summary: "18% instead of 27%", discountPct: 18 } } });
    expect(countered.requestStatus).toBe("AWAITING_REQUESTER");
    await expect(respondToCounterOffer({ actor: u.rep2!, requestId, accept: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const accepted = await respondToCounterOffer({ actor: u.rep!, requestId, accept: true });
    expect(accepted.status).toBe("APPROVED_WITH_CONDITIONS");
    const opp = await db().opportunity.findUniqueOrThrow({ where: { id: opportunityId } });
    expect([opp.discountPct.toString(), opp.amount.toFixed(2)]).toEqual(["18", "8200.00"]);

    const second = await submit(10_000);
    await decideApprovalStep({ actor: vp, input: { requestId: second.requestId, decision: "APPROVE_WITH_CONDITIONS", conditions: { summary: "20% with annual prepayment", discountPct: 20 } } });
    expect((await respondToCounterOffer({ actor: u.rep!, requestId: second.requestId, accept: false })).status).toBe("REJECTED");
    expect((await db().opportunity.findUniqueOrThrow({ where: { id: second.opportunityId } })).discountPct.toString()).toBe("0");
  });

  it("changes requested, then resubmitted: every stage runs again on the new plan", async () => {
    const { requestId } = await submit(10_000);
    const [vpStep] = await steps(requestId);
    await decideApprovalStep({ actor: await approverOf(vpStep!), input: { requestId, decision: "REQUEST_CHANGES", reason: "Attach the competitor's quote" } });
    expect((await db().exceptionRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("CHANGES_REQUESTED");
    const again = await resubmitExceptionRequest({ actor: u.rep!, input: { requestId, deviations: discount(15), ...WHY } });
    expect(again.status).toBe("PENDING");
    expect((await steps(requestId)).map((s) => [s.approverRole, s.status, s.assigneeId])).toEqual([["MANAGER", "PENDING", u.manager!.id]]);
  });

  it("auto-approves inside the band, and withdraws a pending request (unlocking the deal)", async () => {
    const auto = await submit(10_000, discount(5));
    expect(auto.status).toBe("APPROVED");
    expect(await steps(auto.requestId)).toEqual([]);
    expect((await log(auto.requestId, "approval.planned"))[0]!.output).toMatchObject({ outcome: "AUTO_APPROVED" });

    const { requestId, opportunityId } = await submit(10_000);
    await expect(withdrawExceptionRequest({ actor: u.rep2!, requestId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await withdrawExceptionRequest({ actor: u.rep!, requestId });
    expect((await db().exceptionRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe("WITHDRAWN");
    expect((await steps(requestId)).map((s) => s.status)).toEqual(["SKIPPED"]);
    await db().opportunity.update({ where: { id: opportunityId }, data: { discountPct: 12 } });
    await expect(withdrawExceptionRequest({ actor: u.rep!, requestId })).rejects.toMatchObject({ code: "INVALID_STATE" });
  });
});
