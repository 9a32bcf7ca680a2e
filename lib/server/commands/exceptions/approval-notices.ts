import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TSqlTx } from "../../transaction-connection";
import { notify, type TKnownRecipients, type TNotification } from "../../notifications/notify";
import { enqueueWebhook } from "../../webhooks/enqueue-webhook";

// Inbox notices for the people a request now waits on, and the outgoing webhook once a
// request reaches its outcome. Both are shared by every command that moves a request.

type TOpenedStep = { id: string; assigneeId: string | null; groupRole: string | null };

/**
 * Everyone who may take each opened step: its assignee, or every active member of its queue.
 * `recipients`, when the caller read them (recipientsColumn), spare notify a statement.
 */
export async function notifyApprovers(tx: TSqlTx, steps: readonly TOpenedStep[], what: { requestId: string; title: string; body: string }, options: { recipients?: TKnownRecipients } = {}): Promise<void> {
  await notify(tx, await approverNotices(tx, steps, what), options);
}

/**
 * The notices notifyApprovers sends, for a caller that sends them with others in one notify call.
 * `known`: recipients the caller read with their queues' members (recipientsFrom), which spare
 * the members' read when they include every opened queue.
 */
export async function approverNotices(tx: TSqlTx, steps: readonly TOpenedStep[], what: { requestId: string; title: string; body: string }, known?: TKnownRecipients): Promise<TNotification[]> {
  if (steps.length === 0) return [];
  const groups = [...new Set(steps.filter((s) => s.assigneeId === null && s.groupRole).map((s) => s.groupRole!))];
  const members = groups.length === 0 ? [] : groups.every((g) => known?.members.has(g))
    ? groups.flatMap((role) => known!.members.get(role)!.map((id) => ({ id, role })))
    : await tx.$queryRaw<{ id: string; role: string }[]>(Prisma.sql`SELECT id::text, role::text FROM users WHERE active AND role::text = ANY(${groups}::text[])`);
  const notices: TNotification[] = [];
  for (const step of steps) {
    const people = step.assigneeId !== null ? [step.assigneeId] : members.filter((m) => m.role === step.groupRole).map((m) => m.id);
    for (const userId of people) {
      notices.push({ userId, kind: "approval.requested", title: what.title, body: what.body, link: "/approvals", dedupeKey: `approval-step:${step.id}:open:${userId}`, approvalStepId: step.id });
    }
  }
  return notices;
}

export async function notifyRequester(tx: TSqlTx, request: { id: string; requesterId: string }, title: string, body: string): Promise<void> {
  await notify(tx, [requesterNotice(request, title, body)]);
}

export function requesterNotice(request: { requesterId: string }, title: string, body: string): TNotification {
  return { userId: request.requesterId, kind: "approval.update", title, body, link: "/requests" };
}

export const FINAL_STATUSES = new Set(["APPROVED", "APPROVED_WITH_CONDITIONS", "REJECTED"]);

/** After commit: "exception.decided" for a request that reached its outcome. Never throws. */
export async function announceOutcome(request: { id: string; opportunityId: string; requesterId: string }, status: string, summary: string): Promise<void> {
  if (!FINAL_STATUSES.has(status)) return;
  await enqueueWebhook("exception.decided", { requestId: request.id, opportunityId: request.opportunityId, requesterId: request.requesterId, status, summary });
}
