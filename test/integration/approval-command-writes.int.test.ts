// What one submit and one decision write in their transaction, now that they write in few,
// set-based statements (docs/decisions/0017-command-round-trips.md): the steps, the stage a
// decision opens, the request, the SLA clocks of the steps (stopped with their reason,
// started for the stage that opens), the notices with their e-mails and approve / reject
// tokens, and one decision-log batch in which the clocks follow the decision.
import { beforeAll, describe, expect, it } from "vitest";
import type { TSessionUser } from "@/lib/server/auth/session-user";
import { decideApprovalStep } from "@/lib/server/commands/exceptions/decide-approval-step";
import { submitExceptionRequest } from "@/lib/server/commands/exceptions/submit-exception-request";
import { withdrawExceptionRequest } from "@/lib/server/commands/exceptions/withdraw-exception-request";
import { db } from "@/lib/server/db";
import { verifyDecisionLog } from "@/lib/server/decision-log";
import { seedDemo } from "@/prisma/seed";
import { newOpportunity, sessionUser } from "./support/deal-desk";

const WHY = { justification: "Competitive displacement; the customer signs this quarter", impactedKpi: "Win rate", evidenceLinks: [] };
const u: Record<string, TSessionUser> = {};

const stepsOf = (requestId: string) => db().approvalStep.findMany({ where: { requestId }, orderBy: [{ stageIndex: "asc" }, { approverRole: "asc" }] });
const clockOf = (stepId: string) => db().slaClock.findMany({ where: { subjectType: "APPROVAL_STEP", subjectId: stepId } });
const logOf = (requestId: string) => db().decisionLog.findMany({ where: { subjectType: "exception_request", subjectId: requestId }, orderBy: { id: "asc" } });
/** The approval notice, its e-mail and its two single-use tokens for one person on one step. */
async function noticeFor(userId: string, stepId: string) {
  const notice = await db().notification.findUnique({ where: { dedupeKey: `approval-step:${stepId}:open:${userId}` } });
  const mail = notice ? await db().emailMessage.findUnique({ where: { dedupeKey: `notification:${notice.id}` } }) : null;
  const tokens = await db().actionToken.findMany({ where: { userId, subjectId: stepId }, orderBy: { action: "asc" } });
  return { notice, mail, tokens: tokens.map((t) => t.action) };
}

describe("approval commands: what one command writes", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.05, log: () => {} });
    for (const who of ["rep", "rep2", "manager", "vp"]) u[who] = await sessionUser(`${who}@arbiter.demo`);
  });

  it("checks who may ask on the locked deal: another rep does not see it, a VP sees it but is not its owner or manager", async () => {
    const opportunityId = await newOpportunity(u.rep!.id, 10_000);
    const input = { opportunityId, deviations: [{ type: "DISCOUNT" as const, discountPct: 15 }], ...WHY };
    await expect(submitExceptionRequest({ actor: u.rep2!, input })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(submitExceptionRequest({ actor: u.vp!, input })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/owner, or their manager/) });
    expect(await db().exceptionRequest.count({ where: { opportunityId } })).toBe(0);
    // The owner's manager may ask for them.
    await expect(submitExceptionRequest({ actor: u.manager!, input })).resolves.toMatchObject({ status: "PENDING" });
  });

  it("submit, then each decision: steps, request, clocks, notices, mails, tokens and one log batch each", async () => {
    const opportunityId = await newOpportunity(u.rep!.id, 40_000);
    const { requestId } = await submitExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY } });
    const [manager, vp, finance, legal] = await stepsOf(requestId);
    expect([manager, vp, finance, legal].map((s) => `${s!.approverRole}:${s!.status}`)).toEqual(["MANAGER:PENDING", "REGION_VP:WAITING", "FINANCE:WAITING", "LEGAL:WAITING"]);
    // Submit: one running clock, for the open step only; the manager is asked, by mail with links.
    expect(await clockOf(manager!.id)).toMatchObject([{ kind: "APPROVAL_STAGE", status: "RUNNING", ownerId: manager!.assigneeId }]);
    expect(await clockOf(vp!.id)).toEqual([]);
    const asked = await noticeFor(manager!.assigneeId!, manager!.id);
    expect(asked.notice).toMatchObject({ kind: "approval.requested", link: "/approvals" });
    expect(asked.mail?.text).toMatch(/\/act\/.*\n.*\/act\//s);
    expect(asked.tokens).toEqual(["APPROVE", "REJECT"]);
    expect((await logOf(requestId)).map((e) => e.kind)).toEqual(["approval.planned", "sla.clock_started"]);

    // The manager approves: their clock stops (met), the VP's stage opens with its clock and notice.
    const before = await db().exceptionRequest.findUniqueOrThrow({ where: { id: requestId }, select: { updatedAt: true } });
    await decideApprovalStep({ actor: u.manager!, input: { requestId, stepId: manager!.id, decision: "APPROVE" } });
    const afterFirst = await stepsOf(requestId);
    expect(afterFirst.map((s) => s.status)).toEqual(["APPROVED", "PENDING", "WAITING", "WAITING"]);
    expect(afterFirst[0]).toMatchObject({ decidedById: u.manager!.id, reason: null });
    expect(afterFirst[1]!.dueAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await clockOf(manager!.id)).toMatchObject([{ status: "STOPPED", stopReason: "the step was approved", runningSince: null, dueAt: null, generation: 1 }]);
    expect(await clockOf(vp!.id)).toMatchObject([{ status: "RUNNING", ownerId: vp!.assigneeId }]);
    const request = await db().exceptionRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request.status).toBe("PENDING");
    expect(request.updatedAt.getTime()).toBeGreaterThan(before.updatedAt.getTime());
    expect(await db().notification.count({ where: { userId: u.rep!.id, kind: "approval.update", title: { startsWith: "Approval progressed:" } } })).toBe(1);
    expect((await noticeFor(vp!.assigneeId!, vp!.id)).tokens).toEqual(["APPROVE", "REJECT"]);
    const firstBatch = (await logOf(requestId)).slice(2);
    expect(firstBatch.map((e) => e.kind)).toEqual(["approval.step_decided", "sla.clock_stopped", "sla.clock_started"]);
    expect(firstBatch[1]!.reasons).toEqual([expect.stringContaining("clock stopped: the step was approved."), expect.stringMatching(/^SLA met: /)]);

    // The VP approves: finance and legal open in parallel, each a queue whose every member is asked.
    await decideApprovalStep({ actor: await sessionUser((await db().user.findUniqueOrThrow({ where: { id: vp!.assigneeId! } })).email), input: { requestId, decision: "APPROVE" } });
    expect((await stepsOf(requestId)).map((s) => s.status)).toEqual(["APPROVED", "APPROVED", "PENDING", "PENDING"]);
    for (const [step, role] of [[finance!, "FINANCE"], [legal!, "LEGAL"]] as const) {
      expect(await clockOf(step.id)).toMatchObject([{ status: "RUNNING", ownerId: null }]);
      const members = await db().user.findMany({ where: { role, active: true }, select: { id: true } });
      expect(members.length).toBeGreaterThan(0);
      for (const m of members) expect((await noticeFor(m.id, step.id)).notice).not.toBeNull();
    }
    expect((await logOf(requestId)).slice(5).map((e) => e.kind)).toEqual(["approval.step_decided", "sla.clock_stopped", "sla.clock_started", "sla.clock_started"]);

    // A second decision on a decided step writes nothing.
    const counts = async () => [await db().notification.count(), await db().slaClock.count(), await db().decisionLog.count({ where: { subjectId: requestId } })];
    const was = await counts();
    await expect(decideApprovalStep({ actor: u.manager!, input: { requestId, stepId: manager!.id, decision: "APPROVE" } })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await counts()).toEqual(was);

    // Withdrawn: the two open clocks stop, with the skip as their reason.
    await withdrawExceptionRequest({ actor: u.rep!, requestId });
    for (const step of [finance!, legal!]) expect(await clockOf(step.id)).toMatchObject([{ status: "STOPPED", stopReason: "the step was skipped (request withdrawn or decided elsewhere)" }]);
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });
});
