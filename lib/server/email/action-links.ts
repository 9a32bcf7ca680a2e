import "server-only";
import { randomUUID } from "node:crypto";
import { signActionToken, verifyActionToken } from "@/lib/engine/email/action-link";
import type { Tx } from "../db";
import { actionLinkSecret, env } from "../env";

// Approve / reject links for "approval needed" e-mails. One ActionToken row per link: who may
// use it, on which approval step, for which decision, until when. The URL carries the row id
// and its HMAC (see lib/engine/email/action-link.ts); the row makes it single-use.

export const APPROVAL_LINK_PURPOSE = "approval-step";
export const APPROVAL_LINK_HOURS = 72;
export type TLinkAction = "APPROVE" | "REJECT";

export function actionLinkUrl(tokenId: string): string {
  return `${env().APP_URL.replace(/\/$/, "")}/act/${signActionToken(actionLinkSecret(), tokenId)}`;
}

/** The token id inside a signed link, or null when the signature does not match. */
export function tokenIdFromLink(signed: string): string | null {
  return verifyActionToken(actionLinkSecret(), signed);
}

export type TActionTokenRow = { id: string; purpose: string; user_id: string; subject_id: string; action: TLinkAction; expires_at: string };

/**
 * The approve and reject tokens for one approver on one step, ids made here, for a caller that
 * writes them with other rows in one statement (the outbox); their links are ready at once.
 */
export function newApprovalLinks(options: { userId: string; stepId: string; now: Date }): { rows: TActionTokenRow[]; links: { approveUrl: string; rejectUrl: string; expiresAt: Date } } {
  const expiresAt = new Date(options.now.getTime() + APPROVAL_LINK_HOURS * 3_600_000);
  const rows = (["APPROVE", "REJECT"] as const).map((action) => ({ id: randomUUID(), purpose: APPROVAL_LINK_PURPOSE, user_id: options.userId, subject_id: options.stepId, action, expires_at: expiresAt.toISOString() }));
  return { rows, links: { approveUrl: actionLinkUrl(rows[0]!.id), rejectUrl: actionLinkUrl(rows[1]!.id), expiresAt } };
}

/** Creates the approve and reject tokens for one approver on one step, in the caller's transaction. */
export async function createApprovalLinks(tx: Tx, options: { userId: string; stepId: string; now: Date }): Promise<{ approveUrl: string; rejectUrl: string; expiresAt: Date }> {
  const expiresAt = new Date(options.now.getTime() + APPROVAL_LINK_HOURS * 3_600_000);
  const rows = await tx.actionToken.createManyAndReturn({
    data: (["APPROVE", "REJECT"] as const).map((action) => ({ purpose: APPROVAL_LINK_PURPOSE, userId: options.userId, subjectId: options.stepId, action, expiresAt })),
    select: { id: true, action: true },
  });
  const url = (action: TLinkAction) => actionLinkUrl(rows.find((r) => r.action === action)!.id);
  return { approveUrl: url("APPROVE"), rejectUrl: url("REJECT"), expiresAt };
}
