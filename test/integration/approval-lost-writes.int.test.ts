// Submit sends its notices, archive figures and clocks right behind the request's write, and
// decide sends the rest of a decision (archive figures, notices with mails and tokens, clock
// stops and starts with their timers) right behind the conditional step write, before that
// write has answered (ADR 0028). When the write matches no step — the guarantee's last line,
// behind the request lock and the steps read — the decider must get "already decided" and
// nothing of the rest may remain (submit: the submission fails, nothing of it kept). Test
// triggers make the writes miss, which the request and opportunity locks otherwise make hard to
// provoke.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TSessionUser } from "@/lib/server/auth/session-user";
import { decideApprovalStep } from "@/lib/server/commands/exceptions/decide-approval-step";
import { submitExceptionRequest } from "@/lib/server/commands/exceptions/submit-exception-request";
import { db } from "@/lib/server/db";
import { verifyDecisionLog } from "@/lib/server/decision-log";
import { seedDemo } from "@/prisma/seed";
import { newOpportunity, sessionUser } from "./support/deal-desk";

const WHY = { justification: "Competitive displacement; the customer signs this quarter", impactedKpi: "Win rate", evidenceLinks: [] };
const u: Record<string, TSessionUser> = {};

/** Everything a decision writes, counted (and the clocks' states). */
async function footprint(requestId: string) {
  const [row] = await db().$queryRaw<{ notices: number; mails: number; tokens: number; timers: number; entries: number; running: number; clocks: number }[]>`
    SELECT (SELECT count(*)::int FROM notifications) AS notices, (SELECT count(*)::int FROM email_messages) AS mails,
           (SELECT count(*)::int FROM action_tokens) AS tokens, (SELECT count(*)::int FROM pgboss.job WHERE name = 'sla.timer') AS timers,
           (SELECT count(*)::int FROM decision_log WHERE subject_id = ${requestId}) AS entries,
           (SELECT count(*)::int FROM sla_clocks WHERE status = 'RUNNING') AS running, (SELECT count(*)::int FROM sla_clocks) AS clocks`;
  const steps = await db().approvalStep.findMany({ where: { requestId }, orderBy: [{ stageIndex: "asc" }, { approverRole: "asc" }], select: { status: true, decidedById: true, decisionSeconds: true } });
  const request = await db().exceptionRequest.findUniqueOrThrow({ where: { id: requestId }, select: { status: true, grantedDiscountPct: true, updatedAt: true } });
  return { ...row!, steps, request };
}

describe("submit and decide: what rides behind the request or step write goes with it", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.05, log: () => {} });
    for (const who of ["rep", "manager", "vp"]) u[who] = await sessionUser(`${who}@arbiter.demo`);
    // Test only: updates of a step listed in test_lost_steps are skipped, as if another decision had taken it.
    await db().$executeRawUnsafe(`CREATE TABLE test_lost_steps (id uuid PRIMARY KEY)`);
    await db().$executeRawUnsafe(`CREATE FUNCTION test_lose_step() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF EXISTS (SELECT 1 FROM test_lost_steps WHERE id = NEW.id) THEN RETURN NULL; END IF; RETURN NEW; END $$`);
    await db().$executeRawUnsafe(`CREATE TRIGGER test_lose_step BEFORE UPDATE ON approval_steps FOR EACH ROW EXECUTE FUNCTION test_lose_step()`);
    // Test only: a request whose justification says so is not inserted, as if its write had missed.
    await db().$executeRawUnsafe(`CREATE FUNCTION test_lose_request() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.justification = 'lose this write' THEN RETURN NULL; END IF; RETURN NEW; END $$`);
    await db().$executeRawUnsafe(`CREATE TRIGGER test_lose_request BEFORE INSERT ON exception_requests FOR EACH ROW EXECUTE FUNCTION test_lose_request()`);
  });
  afterAll(async () => {
    await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_lose_step ON approval_steps`);
    await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS test_lose_request ON exception_requests`);
  });

  it("decide: a step write that matches nothing leaves no notice, mail, token, clock change, timer, figure or entry, and says already decided", async () => {
    const opportunityId = await newOpportunity(u.rep!.id, 40_000);
    const { requestId } = await submitExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY } });
    const [managerStep] = await db().approvalStep.findMany({ where: { requestId, status: "PENDING" } });
    const before = await footprint(requestId);
    expect(before.steps.map((s) => s.status)).toEqual(["PENDING", "WAITING", "WAITING", "WAITING"]);

    await db().$executeRaw`INSERT INTO test_lost_steps (id) VALUES (${managerStep!.id}::uuid)`;
    await expect(decideApprovalStep({ actor: u.manager!, input: { requestId, stepId: managerStep!.id, decision: "APPROVE" } })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("already decided by someone"),
    });
    expect(await footprint(requestId)).toEqual(before);

    // The same decision once the step can be written: the rest is there this time.
    await db().$executeRaw`DELETE FROM test_lost_steps`;
    await decideApprovalStep({ actor: u.manager!, input: { requestId, stepId: managerStep!.id, decision: "APPROVE" } });
    const after = await footprint(requestId);
    expect(after.steps.map((s) => s.status)).toEqual(["APPROVED", "PENDING", "WAITING", "WAITING"]);
    expect(after.notices).toBeGreaterThan(before.notices);
    expect(after.mails).toBeGreaterThan(before.mails);
    expect(after.timers).toBe(before.timers + 1);
    expect(after.clocks).toBe(before.clocks + 1);
    expect(after.entries).toBe(before.entries + 3); // decided, clock stopped, clock started
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("submit: a request write that writes nothing fails the submission, and the notices, clocks and figures sent behind it are gone too", async () => {
    const opportunityId = await newOpportunity(u.rep!.id, 40_000);
    const count = () => db().$queryRaw<{ n: number }[]>`
      SELECT (SELECT count(*) FROM notifications) + (SELECT count(*) FROM email_messages) + (SELECT count(*) FROM action_tokens)
           + (SELECT count(*) FROM sla_clocks) + (SELECT count(*) FROM pgboss.job WHERE name = 'sla.timer') + (SELECT count(*) FROM decision_log) AS n`;
    const before = await count();
    await expect(submitExceptionRequest({ actor: u.rep!, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY, justification: "lose this write" } })).rejects.toThrow(/not written as planned/);
    expect(await count()).toEqual(before);
    expect(await db().exceptionRequest.count({ where: { opportunityId } })).toBe(0);
    expect(await db().approvalStep.count({ where: { request: { opportunityId } } })).toBe(0);
  });
});
