// E-mail notifications end to end on real Postgres and a real SMTP receiver: the outbox row
// is written with its notification, preferences decide IMMEDIATE / DIGEST / OFF, the sender
// retries and never sends twice, and the approve / reject links work once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMailCatcher, type TMailCatcher } from "@/test/support/mail-catcher";

const catcher: TMailCatcher = await startMailCatcher();
// Before anything reads the environment (it is read once, lazily).
process.env.SMTP_HOST = "127.0.0.1";
process.env.SMTP_PORT = String(catcher.port);
process.env.SMTP_FROM = "Arbiter <arbiter@test.example>";
process.env.APP_URL = "http://arbiter.test";

const { seedDemo } = await import("@/prisma/seed");
const { db } = await import("@/lib/server/db");
const { notify } = await import("@/lib/server/notifications/notify");
const { drainOutbox } = await import("@/lib/server/email/send-outbox");
const { closeMailer } = await import("@/lib/server/email/transport");
const { sendDailyDigests } = await import("@/lib/server/email/send-digests");
const { saveNotificationPreferences } = await import("@/lib/server/commands/email-save-preferences");
const { inspectActionLink, useActionLink } = await import("@/lib/server/commands/email-action-link");
const { submitExceptionRequest } = await import("@/lib/server/commands/exceptions/submit-exception-request");
const { newOpportunity, sessionUser } = await import("./support/deal-desk");
const { makeUser } = await import("./fixtures/users");

const WHY = { justification: "Competitive displacement; the customer signs this quarter", impactedKpi: "Win rate", evidenceLinks: ["https://crm.example.com/notes/1"] };

/** A 27% request on a $40K deal: its first step goes to the demo VP (ADR 0006 default policy). */
async function requestNeedingVp() {
  const rep = await sessionUser("rep@arbiter.demo");
  const opportunityId = await newOpportunity(rep.id, 40_000);
  const { requestId } = await submitExceptionRequest({ actor: rep, input: { opportunityId, deviations: [{ type: "DISCOUNT", discountPct: 27 }], ...WHY } });
  const step = await db().approvalStep.findFirstOrThrow({ where: { requestId, status: "PENDING" }, include: { assignee: true } });
  return { requestId, step, vp: step.assignee! };
}

/** Sends the outbox and returns the mail caught for `to` about `subject`. */
async function mailTo(to: string, subject: RegExp) {
  await drainOutbox();
  const mail = catcher.mails.findLast((m) => m.to.includes(to) && subject.test(m.subject));
  if (!mail) throw new Error(`no mail to ${to} matching ${subject}; caught: ${catcher.mails.map((m) => `${m.to} ${m.subject}`).join(" | ")}`);
  return mail;
}

function links(text: string) {
  const approve = /Approve: (\S+)/.exec(text)?.[1];
  const reject = /Reject \(you will be asked for a reason\): (\S+)/.exec(text)?.[1];
  if (!approve || !reject) throw new Error(`no links in:\n${text}`);
  return { approve: approve.split("/act/")[1]!, reject: reject.split("/act/")[1]!, approveUrl: approve };
}

beforeAll(async () => {
  await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
  await drainOutbox(); // whatever the seed notified
  catcher.mails.length = 0;
});

afterAll(async () => {
  closeMailer();
  await catcher.close();
});

describe("outbox and preferences", () => {
  it("writes one e-mail per new notification, not for a repeated dedupe key, and sends it once", async () => {
    const user = await makeUser("REP", { name: "Olive <Owner>" });
    const notice = { userId: user.id, kind: "lead.assigned", title: "New lead: Ada <Lovelace>", body: "Score 80", link: "/leads/abc", dedupeKey: `t:${user.id}:1` };
    expect(await db().$transaction((tx) => notify(tx, [notice]))).toBe(1);
    expect(await db().$transaction((tx) => notify(tx, [notice]))).toBe(0);
    const rows = await db().emailMessage.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ template: "assignment", status: "PENDING", subject: "New lead: Ada <Lovelace>", toAddress: user.email });
    expect(rows[0]!.html).toContain("Ada &lt;Lovelace&gt;");
    expect(rows[0]!.text).toContain("Open the lead: http://arbiter.test/leads/abc");

    const first = await drainOutbox();
    expect(first.sent).toBeGreaterThanOrEqual(1);
    await drainOutbox();
    const caught = catcher.mails.filter((m) => m.to.includes(user.email));
    expect(caught).toHaveLength(1);
    expect(caught[0]!.subject).toBe("New lead: Ada <Lovelace>");
    expect(caught[0]!.raw).toContain(`Message-ID: <${rows[0]!.id}@arbiter>`);
    expect(await db().emailMessage.findUniqueOrThrow({ where: { id: rows[0]!.id } })).toMatchObject({ status: "SENT", attempts: 1, error: null });
  });

  it("follows preferences: OFF writes nothing, DIGEST waits for the daily digest, unknown kinds go out at once", async () => {
    const user = await makeUser("REP");
    await saveNotificationPreferences({ actor: user, input: { preferences: [{ kind: "lead.assigned", email: "OFF" }, { kind: "sla.breached", email: "DIGEST" }] } });
    await db().$transaction((tx) =>
      notify(tx, [
        { userId: user.id, kind: "lead.assigned", title: "Off" },
        { userId: user.id, kind: "sla.breached", title: "Breach for the digest", link: "/leads/1" },
        { userId: user.id, kind: "sla.warning", title: "Warning, digest by default" },
        { userId: user.id, kind: "brand.new", title: "Something new" },
      ]),
    );
    expect((await db().emailMessage.findMany({ where: { userId: user.id } })).map((m) => [m.template, m.subject])).toEqual([["generic", "Something new"]]);

    const digest = await sendDailyDigests();
    expect(digest.notifications).toBeGreaterThanOrEqual(2);
    const mails = await db().emailMessage.findMany({ where: { userId: user.id, template: "digest" } });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe("Your Arbiter digest: 2 updates");
    expect(mails[0]!.text).toContain("Breach for the digest");
    expect(mails[0]!.text).toContain("http://arbiter.test/leads/1");
    const notes = await db().notification.findMany({ where: { userId: user.id }, orderBy: { title: "asc" } });
    expect(notes.map((n) => [n.title, n.digestedAt !== null])).toEqual([
      ["Breach for the digest", true],
      ["Off", false],
      ["Something new", false],
      ["Warning, digest by default", true],
    ]);
    // A second run finds nothing left to digest for this user.
    await sendDailyDigests();
    expect(await db().emailMessage.count({ where: { userId: user.id, template: "digest" } })).toBe(1);
  });

  it("writes no mail for a deactivated user", async () => {
    const user = await makeUser("REP");
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    await db().$transaction((tx) => notify(tx, [{ userId: user.id, kind: "lead.assigned", title: "x" }]));
    expect(await db().emailMessage.count({ where: { userId: user.id } })).toBe(0);
  });

  it("retries a temporary SMTP failure, then marks a mail FAILED after the last attempt", async () => {
    const user = await makeUser("REP");
    await drainOutbox(); // earlier tests' mails first, so the failure below hits this one
    await db().$transaction((tx) => notify(tx, [{ userId: user.id, kind: "lead.assigned", title: "Retry me" }]));
    const row = await db().emailMessage.findFirstOrThrow({ where: { userId: user.id } });
    catcher.failNext(1);
    await drainOutbox();
    let now = await db().emailMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(now).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(now.error).toMatch(/451/);
    // Not due again until its backoff passed.
    await drainOutbox();
    expect((await db().emailMessage.findUniqueOrThrow({ where: { id: row.id } })).attempts).toBe(1);
    await db().$executeRaw`UPDATE email_messages SET created_at = created_at - interval '1 hour' WHERE id = ${row.id}::uuid`;
    await drainOutbox();
    now = await db().emailMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(now).toMatchObject({ status: "SENT", attempts: 2, error: null });

    await db().emailMessage.update({ where: { id: row.id }, data: { status: "PENDING", attempts: 5, createdAt: new Date(Date.now() - 86_400_000) } });
    catcher.failNext(1);
    await drainOutbox();
    now = await db().emailMessage.findUniqueOrThrow({ where: { id: row.id } });
    expect(now).toMatchObject({ status: "FAILED", attempts: 6 });
  });

  it("two senders at once deliver each mail exactly once", async () => {
    const user = await makeUser("REP");
    await db().$transaction((tx) => notify(tx, Array.from({ length: 20 }, (_, i) => ({ userId: user.id, kind: "lead.assigned", title: `Parallel ${i}` }))));
    await Promise.all([drainOutbox(), drainOutbox(), drainOutbox()]);
    const caught = catcher.mails.filter((m) => m.to.includes(user.email));
    expect(caught).toHaveLength(20);
    expect(new Set(caught.map((m) => m.subject)).size).toBe(20);
    expect(await db().emailMessage.count({ where: { userId: user.id, status: "SENT", attempts: 1 } })).toBe(20);
  });
});

describe("approve / reject links", () => {
  it("the approval-needed mail's approve link works once, then refuses; the reject link then names who decided", async () => {
    const { requestId, step, vp } = await requestNeedingVp();
    const mail = await mailTo(vp.email, /^Approval needed: /);
    const link = links(mail.text);
    expect(link.approveUrl).toMatch(/^http:\/\/arbiter\.test\/act\//);
    expect(await db().actionToken.count({ where: { subjectId: step.id, userId: vp.id } })).toBe(2);

    const view = await inspectActionLink(link.approve);
    expect(view).toMatchObject({ action: "APPROVE", user: { name: vp.name }, request: { id: requestId }, step: { id: step.id, status: "PENDING" } });
    // Looking does not decide (mail scanners fetch links).
    expect((await db().approvalStep.findUniqueOrThrow({ where: { id: step.id } })).status).toBe("PENDING");

    const result = await useActionLink({ signed: link.approve });
    expect(result).toMatchObject({ stepId: step.id, stepStatus: "APPROVED", action: "APPROVE" });
    const decided = await db().decisionLog.findFirstOrThrow({ where: { subjectId: requestId, kind: "approval.step_decided" } });
    expect(decided.actorId).toBe(vp.id);
    // The log says the decision came from the e-mail link, in its data and in plain words.
    expect(decided.input).toMatchObject({ channel: "email_link" });
    expect(decided.reasons).toContain("Decided from the one-time link in the approver's e-mail.");

    await expect(useActionLink({ signed: link.approve })).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/already used/) });
    await expect(inspectActionLink(link.approve)).rejects.toMatchObject({ message: expect.stringMatching(/already used/) });
    await expect(useActionLink({ signed: link.reject, reason: "Too deep" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringContaining(`already decided by ${vp.name} at`) });
    expect(await db().decisionLog.count({ where: { subjectId: requestId, kind: "approval.step_decided" } })).toBe(1);
  });

  it("refuses an expired link, a tampered signature, and a reject without a reason (without using up the link)", async () => {
    const { step, vp } = await requestNeedingVp();
    const link = links((await mailTo(vp.email, /^Approval needed: /)).text);

    const tampered = `${link.approve.slice(0, -2)}${link.approve.endsWith("xx") ? "yy" : "xx"}`;
    await expect(useActionLink({ signed: tampered })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/not valid/) });
    const otherId = (await db().actionToken.findFirstOrThrow({ where: { subjectId: step.id, action: "REJECT" } })).id;
    await expect(useActionLink({ signed: link.approve.replace(/^[^.]+/, otherId) })).rejects.toMatchObject({ code: "FORBIDDEN" });

    await expect(useActionLink({ signed: link.reject })).rejects.toMatchObject({ code: "VALIDATION_FAILED", message: "A rejection needs a reason" });
    expect((await db().actionToken.findUniqueOrThrow({ where: { id: otherId } })).usedAt).toBeNull();

    await db().actionToken.updateMany({ where: { subjectId: step.id }, data: { expiresAt: new Date(Date.now() - 60_000) } });
    await expect(inspectActionLink(link.approve)).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/expired/) });
    await expect(useActionLink({ signed: link.approve })).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/expired/) });
    expect((await db().approvalStep.findUniqueOrThrow({ where: { id: step.id } })).status).toBe("PENDING");
  });

  it("rejects with the reason through the link; a demoted or deactivated approver's link is refused", async () => {
    const first = await requestNeedingVp();
    const link = links((await mailTo(first.vp.email, /^Approval needed: /)).text);
    const result = await useActionLink({ signed: link.reject, reason: "Margin too thin" });
    expect(result).toMatchObject({ stepStatus: "REJECTED", requestStatus: "REJECTED" });
    expect((await db().approvalStep.findUniqueOrThrow({ where: { id: first.step.id } })).reason).toBe("Margin too thin");

    // An approver whose role no longer decides approvals: refused, logged, nothing decided.
    const third = await requestNeedingVp();
    const thirdLink = links((await mailTo(third.vp.email, /^Approval needed: /)).text);
    await db().user.update({ where: { id: third.vp.id }, data: { role: "REP" } });
    try {
      await expect(useActionLink({ signed: thirdLink.approve })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/may not decide approvals/) });
      expect(await db().decisionLog.count({ where: { kind: "auth.access_denied", actorId: third.vp.id, subjectId: { startsWith: "action-link:" } } })).toBe(1);
      expect((await db().approvalStep.findUniqueOrThrow({ where: { id: third.step.id } })).status).toBe("PENDING");
    } finally {
      await db().user.update({ where: { id: third.vp.id }, data: { role: "VP_SALES" } });
    }

    const second = await requestNeedingVp();
    const again = links((await mailTo(second.vp.email, /^Approval needed: /)).text);
    await db().user.update({ where: { id: second.vp.id }, data: { active: false } });
    try {
      await expect(useActionLink({ signed: again.approve })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/deactivated/) });
      expect((await db().approvalStep.findUniqueOrThrow({ where: { id: second.step.id } })).status).toBe("PENDING");
    } finally {
      await db().user.update({ where: { id: second.vp.id }, data: { active: true } });
    }
  });

  it("separation of duties still holds: a link made for the requester cannot approve their own request", async () => {
    const { requestId, step } = await requestNeedingVp();
    const rep = await sessionUser("rep@arbiter.demo");
    // A token for the requester on their own request's step (the app never mails one; the rule must hold anyway).
    const { createApprovalLinks } = await import("@/lib/server/email/action-links");
    const forged = await db().$transaction((tx) => createApprovalLinks(tx, { userId: rep.id, stepId: step.id, now: new Date() }));
    await expect(useActionLink({ signed: forged.approveUrl.split("/act/")[1]! })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await db().approvalStep.findUniqueOrThrow({ where: { id: step.id } })).status).toBe("PENDING");
    expect(await db().decisionLog.count({ where: { subjectId: requestId, kind: "approval.step_decided" } })).toBe(0);
  });
});
