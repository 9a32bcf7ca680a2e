import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";
import { notify, recipientsColumn, recipientsFrom, type TNotification, type TRecipientsRow } from "@/lib/server/notifications/notify";
import { makeUser } from "./fixtures/users";

// notify with recipients read ahead (recipientsColumn, as submit and decide do) writes notices,
// mails and approve / reject tokens in one statement: these tests hold it to what the
// two-statement path does — preferences, inactive owners, repeated dedupe keys.

async function readRecipients(ids: string[]) {
  const [row] = await db().$queryRaw<TRecipientsRow[]>`SELECT ${recipientsColumn(Prisma.sql`SELECT unnest(${ids}::uuid[])`)}`;
  return recipientsFrom(row!);
}

const mailsOf = (userId: string) => db().emailMessage.findMany({ where: { userId }, select: { subject: true, text: true, dedupeKey: true } });

describe("notify with recipients read ahead", () => {
  it("writes a notice for each, a mail for the owners who want one at once, and approve / reject tokens for approval mails", async () => {
    const approver = await makeUser("SALES_MANAGER");
    const quiet = await makeUser("REP");
    const gone = await makeUser("REP");
    await db().notificationPreference.create({ data: { userId: quiet.id, kind: "approval.update", email: "OFF" } });
    await db().user.update({ where: { id: gone.id }, data: { active: false } });
    const stepId = randomUUID();
    const recipients = await readRecipients([approver.id, quiet.id, gone.id]);
    expect([...recipients.covered].sort()).toEqual([approver.id, quiet.id, gone.id].sort());
    expect([...recipients.active.keys()].sort()).toEqual([approver.id, quiet.id].sort());

    const notices: TNotification[] = [
      { userId: approver.id, kind: "approval.requested", title: "Approval needed: Acme", body: "Please decide.", link: "/approvals", dedupeKey: `approval-step:${stepId}:open:${approver.id}`, approvalStepId: stepId },
      { userId: quiet.id, kind: "approval.update", title: "Approved: Acme", link: "/requests" },
      { userId: gone.id, kind: "approval.update", title: "Approved: Beta", link: "/requests" },
    ];
    expect(await db().$transaction((tx) => notify(tx, notices, { recipients }))).toBe(3);

    expect(await db().notification.count({ where: { userId: { in: [approver.id, quiet.id, gone.id] } } })).toBe(3);
    const [mail, ...more] = await mailsOf(approver.id);
    expect(more).toEqual([]);
    const notice = await db().notification.findFirstOrThrow({ where: { userId: approver.id } });
    expect(mail!.dedupeKey).toBe(`notification:${notice.id}`);
    expect(mail!.text).toMatch(/Approve: \S+\/act\//);
    expect(await db().actionToken.findMany({ where: { userId: approver.id, subjectId: stepId }, select: { action: true }, orderBy: { action: "asc" } })).toEqual([{ action: "APPROVE" }, { action: "REJECT" }]);
    expect(await mailsOf(quiet.id)).toEqual([]); // chose OFF for this kind
    expect(await mailsOf(gone.id)).toEqual([]); // inactive

    // The same dedupe key again writes nothing: no notice, no mail, no token.
    expect(await db().$transaction((tx) => notify(tx, [notices[0]!], { recipients }))).toBe(0);
    expect(await mailsOf(approver.id)).toHaveLength(1);
    expect(await db().actionToken.count({ where: { userId: approver.id, subjectId: stepId } })).toBe(2);
  });

  it("falls back to reading the owners itself when one of them was not read ahead", async () => {
    const known = await makeUser("REP");
    const unknown = await makeUser("REP");
    const recipients = await readRecipients([known.id]);
    const written = await db().$transaction((tx) =>
      notify(tx, [{ userId: known.id, kind: "approval.update", title: "For the known one" }, { userId: unknown.id, kind: "approval.update", title: "For the other one" }], { recipients }),
    );
    expect(written).toBe(2);
    expect(await mailsOf(known.id)).toHaveLength(1);
    expect(await mailsOf(unknown.id)).toHaveLength(1); // its address was read by notify's own statement
  });
});
