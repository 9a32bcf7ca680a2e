import "server-only";
import type { Tx } from "../db";
import { queueNotificationEmails } from "../email/outbox";

export type TNotification = {
  userId: string;
  kind: string;
  title: string;
  body?: string;
  link?: string;
  /** Same key twice → one notification (retried jobs, repeated escalations). */
  dedupeKey?: string;
  /** For "approval.requested": the step, so the e-mail can carry approve / reject links. */
  approvalStepId?: string;
};

/**
 * Adds in-app notifications inside the caller's transaction, so they commit with the
 * decision — and, for the ones actually inserted (a repeated dedupe key adds nothing), the
 * e-mails their owners chose to get at once, in the same transaction (the outbox).
 */
export async function notify(tx: Tx, notifications: TNotification[]): Promise<number> {
  if (notifications.length === 0) return 0;
  const created = await tx.notification.createManyAndReturn({
    data: notifications.map((n) => ({ userId: n.userId, kind: n.kind, title: n.title, body: n.body ?? "", link: n.link ?? null, dedupeKey: n.dedupeKey ?? null })),
    skipDuplicates: true,
    select: { id: true, userId: true, kind: true, title: true, body: true, link: true, dedupeKey: true },
  });
  const steps = new Map(notifications.filter((n) => n.approvalStepId).map((n) => [matchKey(n), n.approvalStepId!]));
  await queueNotificationEmails(
    tx,
    created.map((row) => ({ ...row, approvalStepId: steps.get(matchKey({ ...row, dedupeKey: row.dedupeKey ?? undefined })) })),
  );
  return created.length;
}

/** Pairs an inserted row with its input (rows come back without the input's extra fields). */
function matchKey(n: { userId: string; kind: string; title: string; dedupeKey?: string }): string {
  return [n.userId, n.kind, n.dedupeKey ?? n.title].join("\u0000");
}
