import "server-only";
import { describeTimeline } from "@/lib/engine/approvals/timeline";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { readDecisionsFor } from "../decision-log";
import { getExceptionRequest } from "./get-exception-request";

// Everything the request page shows on one screen: the request and its chain (through
// getExceptionRequest, which decides who may see it and answers 404 to anyone else), the
// opportunity's history, the rep's past exceptions and the decision log in plain words.

const PAST_LIMIT = 10;

export async function loadExceptionRequestDetail(user: TSessionUser, requestId: string) {
  const request = await getExceptionRequest(user, requestId);
  const [log, opportunity, stageChanges, otherOnDeal, pastByRep, files] = await Promise.all([
    readDecisionsFor(db(), { subjectType: "exception_request", subjectId: request.id }, { limit: 200 }),
    db().opportunity.findUniqueOrThrow({
      where: { id: request.opportunity.id },
      select: { stage: true, closeDate: true, products: true, currency: true, account: { select: { name: true, segment: true } }, owner: { select: { name: true } } },
    }),
    db().opportunityStageChange.findMany({ where: { opportunityId: request.opportunity.id }, orderBy: { changedAt: "asc" }, take: 50, select: { id: true, fromStage: true, toStage: true, changedAt: true, reason: true } }),
    db().exceptionRequest.findMany({
      where: { opportunityId: request.opportunity.id, id: { not: request.id } },
      orderBy: { createdAt: "desc" },
      take: PAST_LIMIT,
      select: { id: true, type: true, status: true, submittedAt: true, requestedDiscountPct: true, grantedDiscountPct: true },
    }),
    db().exceptionRequest.findMany({
      where: { requesterId: request.requester.id, id: { not: request.id }, submittedAt: { not: null } },
      orderBy: { submittedAt: "desc" },
      take: PAST_LIMIT,
      select: { id: true, type: true, status: true, submittedAt: true, requestedDiscountPct: true, grantedDiscountPct: true, opportunity: { select: { name: true } } },
    }),
    db().storedFile.findMany({ where: { id: { in: attachmentIds(request.evidence) }, purpose: "EVIDENCE" }, select: { id: true, name: true, size: true, contentType: true } }),
  ]);
  const actorIds = [...new Set(log.map((e) => e.actorId).filter((id): id is string => id !== null))];
  const people = await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const timeline = describeTimeline(
    log.map((e) => ({ id: e.id.toString(), kind: e.kind, actorId: e.actorId, createdAt: e.createdAt, input: e.input, output: e.output, reasons: e.reasons })),
    new Map(people.map((p) => [p.id, p.name])),
  );
  const pastDecided = pastByRep.filter((r) => r.status === "APPROVED" || r.status === "APPROVED_WITH_CONDITIONS" || r.status === "REJECTED");
  return {
    request,
    opportunity,
    stageChanges,
    otherOnDeal,
    pastByRep,
    /** "3 of the rep's last 4 decided requests were approved": the approver's quick read. */
    pastApproved: { approved: pastDecided.filter((r) => r.status !== "REJECTED").length, decided: pastDecided.length },
    timeline,
    links: evidenceLinks(request.evidence),
    attachments: files,
  };
}
export type TExceptionRequestDetail = Awaited<ReturnType<typeof loadExceptionRequestDetail>>;

type TEvidence = { url?: unknown; label?: unknown; fileId?: unknown };
const evidenceItems = (json: unknown): TEvidence[] => (Array.isArray(json) ? json.filter((e): e is TEvidence => !!e && typeof e === "object") : []);

/** Evidence entries that are links: { url, label? }. */
export function evidenceLinks(json: unknown): { url: string; label: string }[] {
  return evidenceItems(json)
    .filter((e) => typeof e.url === "string")
    .map((e) => ({ url: e.url as string, label: typeof e.label === "string" && e.label ? e.label : (e.url as string) }));
}

/** Evidence entries that are stored files: { fileId }. */
export function attachmentIds(json: unknown): string[] {
  return evidenceItems(json)
    .map((e) => e.fileId)
    .filter((id): id is string => typeof id === "string");
}
