import "server-only";
import { formatUtc } from "@/lib/engine/email/html";
import { SESSION_USER_SELECT, type TSessionUser } from "../auth/session-user";
import { assertCan, logAccessDenied } from "../authz/assert-can";
import { db } from "../db";
import { DomainError, forbidden, invalidState, notFound, validationError } from "../errors";
import { APPROVAL_LINK_PURPOSE, tokenIdFromLink, type TLinkAction } from "../email/action-links";
import { decideApprovalStep, type TDecideResult } from "./exceptions/decide-approval-step";

// Approve / reject from an e-mail. GET only looks (inspectActionLink): mail scanners fetch
// links, so nothing may happen then. The POST (useActionLink) consumes the single-use token
// with a conditional UPDATE and then calls the same decide command the approvals queue
// uses, as the user the link was made for, so every approval rule still applies.

const INVALID = "This link is not valid: it may have been changed or cut short. Open the request from your approvals queue in Arbiter instead.";

export type TActionLinkView = {
  action: TLinkAction;
  expiresAt: Date;
  user: { name: string };
  request: { id: string; status: string; opportunityName: string; requesterName: string; type: string; details: unknown; justification: string; impactedKpi: string | null };
  step: { id: string; stageIndex: number; role: string; status: string; decidedBy: string | null; decidedAt: Date | null };
};

/** What the confirmation page shows, or a DomainError saying plainly why the link does not work. */
export async function inspectActionLink(signed: string, now = new Date()): Promise<TActionLinkView> {
  const token = await loadToken(signed);
  if (token.usedAt) throw usedError(token.usedAt);
  if (token.expiresAt <= now) throw expiredError(token.expiresAt);
  const user = await activeUser(token.userId);
  const step = await db().approvalStep.findUnique({
    where: { id: token.subjectId },
    select: {
      id: true,
      stageIndex: true,
      approverRole: true,
      queueRole: true,
      status: true,
      decidedAt: true,
      decidedBy: { select: { name: true } },
      request: { select: { id: true, status: true, type: true, details: true, justification: true, impactedKpi: true, requester: { select: { name: true } }, opportunity: { select: { name: true } } } },
    },
  });
  if (!step) throw notFound("The approval step this link is for");
  const r = step.request;
  return {
    action: token.action as TLinkAction,
    expiresAt: token.expiresAt,
    user: { name: user.name },
    request: { id: r.id, status: r.status, opportunityName: r.opportunity.name, requesterName: r.requester.name, type: r.type, details: r.details, justification: r.justification, impactedKpi: r.impactedKpi },
    step: { id: step.id, stageIndex: step.stageIndex, role: step.queueRole ?? step.approverRole, status: step.status, decidedBy: step.decidedBy?.name ?? null, decidedAt: step.decidedAt },
  };
}

/**
 * Performs the link's decision. The token is taken with UPDATE … WHERE used_at IS NULL AND
 * expires_at > now() (database time), so of two clicks exactly one proceeds. If the decision
 * is then refused (already decided, separation of duties…) the token is handed back: it did
 * not decide anything, and a second click shows the same plain refusal.
 */
export async function useActionLink(input: { signed: string; reason?: string }): Promise<TDecideResult & { action: TLinkAction }> {
  const token = await loadToken(input.signed);
  const reason = input.reason?.trim() || undefined;
  if (token.action === "REJECT" && !reason) throw validationError("A rejection needs a reason", { reason: ["A rejection needs a reason"] });
  if (reason && reason.length > 2_000) throw validationError("At most 2,000 characters", { reason: ["At most 2,000 characters"] });

  const taken = await db().$queryRaw<{ used_at: Date }[]>`
    UPDATE action_tokens SET used_at = now()
    WHERE id = ${token.id}::uuid AND used_at IS NULL AND expires_at > now()
    RETURNING used_at`;
  if (taken.length !== 1) {
    const now = await db().actionToken.findUniqueOrThrow({ where: { id: token.id }, select: { usedAt: true, expiresAt: true } });
    throw now.usedAt ? usedError(now.usedAt) : expiredError(now.expiresAt);
  }
  try {
    const user = await activeUser(token.userId);
    try {
      assertCan(user, "approvals.decide", "decide approvals");
    } catch (error) {
      if (error instanceof DomainError) await logAccessDenied(user, `action-link:${token.id}`, error);
      throw error;
    }
    const step = await db().approvalStep.findUnique({ where: { id: token.subjectId }, select: { requestId: true } });
    if (!step) throw notFound("The approval step this link is for");
    const result = await decideApprovalStep({ actor: user, input: { requestId: step.requestId, stepId: token.subjectId, decision: token.action as TLinkAction, reason }, channel: "email_link" });
    return { ...result, action: token.action as TLinkAction };
  } catch (error) {
    await db().actionToken.updateMany({ where: { id: token.id, usedAt: taken[0]!.used_at }, data: { usedAt: null } });
    throw error;
  }
}

async function loadToken(signed: string) {
  const id = tokenIdFromLink(signed);
  const token = id ? await db().actionToken.findUnique({ where: { id } }) : null;
  if (!token || token.purpose !== APPROVAL_LINK_PURPOSE || (token.action !== "APPROVE" && token.action !== "REJECT")) throw forbidden(INVALID);
  return token;
}

async function activeUser(userId: string): Promise<TSessionUser> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { ...SESSION_USER_SELECT, active: true } });
  if (!user?.active) throw forbidden("The account this link was sent to is deactivated, so the link no longer works.");
  const { active: _active, ...sessionUser } = user;
  return sessionUser;
}

function usedError(at: Date) {
  return invalidState(`This link was already used (${formatUtc(at)}). Each link works once; open the request in Arbiter to see where it stands.`);
}

function expiredError(at: Date) {
  return invalidState(`This link expired at ${formatUtc(at)}. Open the request from your approvals queue in Arbiter to decide it.`);
}
