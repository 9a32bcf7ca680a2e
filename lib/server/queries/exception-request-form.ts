import "server-only";
import { z } from "zod";
import { ZDeviation } from "@/lib/schemas/exception-requests";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { opportunityScope } from "./record-scope";

const ZDetails = z.object({ deviations: z.array(ZDeviation) });

type TEvidenceEntry = { url?: unknown; fileId?: unknown; name?: unknown; size?: unknown };
const entries = (json: unknown): TEvidenceEntry[] => (Array.isArray(json) ? json.filter((e): e is TEvidenceEntry => !!e && typeof e === "object") : []);
const links = (json: unknown) => entries(json).map((e) => (typeof e.url === "string" ? e.url : "")).filter(Boolean);
const files = (json: unknown) =>
  entries(json)
    .filter((e) => typeof e.fileId === "string")
    .map((e) => ({ id: e.fileId as string, name: typeof e.name === "string" ? e.name : "file", size: typeof e.size === "number" ? e.size : 0 }));
const uuid = z.string().uuid();

/** A draft's deviations; an older draft (the demo seed) keeps flat details such as { discountPct: 12 }. */
function draftDeviations(type: string, details: unknown): z.infer<typeof ZDeviation>[] {
  const saved = (details as { deviations?: unknown[] } | null)?.deviations;
  if (Array.isArray(saved)) return saved as z.infer<typeof ZDeviation>[];
  const flat = ZDeviation.safeParse({ type, ...(details as object | null) });
  return flat.success ? [flat.data] : [];
}

/**
 * What the "Request exception" page needs: the opportunity (only the owner's or their
 * manager's), a request already in progress on it, and — when resubmitting — the request
 * sent back for changes with what the approver asked for.
 */
export async function loadRequestFormContext(user: TSessionUser, opportunityId: string, resubmitId: string | undefined) {
  if (!uuid.safeParse(opportunityId).success) return null;
  const opportunity = await db().opportunity.findFirst({
    where: { AND: [{ id: opportunityId }, opportunityScope(user)] },
    select: { id: true, name: true, stage: true, amount: true, listAmount: true, discountPct: true, termMonths: true, paymentTermsDays: true, ownerId: true, owner: { select: { name: true, managerId: true } }, account: { select: { name: true } } },
  });
  if (!opportunity || (opportunity.ownerId !== user.id && opportunity.owner.managerId !== user.id)) return null;
  const changes =
    resubmitId && uuid.safeParse(resubmitId).success
      ? await db().exceptionRequest.findFirst({
          where: { id: resubmitId, requesterId: user.id, opportunityId: opportunity.id, status: "CHANGES_REQUESTED" },
          select: { id: true, details: true, justification: true, impactedKpi: true, evidence: true, steps: { where: { status: "CHANGES_REQUESTED" }, select: { reason: true, decidedBy: { select: { name: true } } } } },
        })
      : null;
  const open = changes ? null : await db().exceptionRequest.findFirst({ where: { opportunityId: opportunity.id, status: { in: ["PENDING", "AWAITING_REQUESTER", "CHANGES_REQUESTED"] } }, select: { status: true } });
  const resubmit = changes
    ? {
        requestId: changes.id,
        // Older requests (the demo seed) keep type-specific details; the rep starts from a default then.
        deviations: ZDetails.safeParse(changes.details).data?.deviations ?? [{ type: "DISCOUNT" as const, discountPct: 15 }],
        justification: changes.justification,
        impactedKpi: changes.impactedKpi ?? "",
        evidenceLinks: links(changes.evidence),
        attachments: files(changes.evidence),
        askedBy: changes.steps[0]?.decidedBy?.name ?? "an approver",
        asked: changes.steps[0]?.reason ?? null,
      }
    : null;
  // The rep's latest draft on this deal, to pick up where they left off.
  const saved = resubmit ? null : await db().exceptionRequest.findFirst({ where: { requesterId: user.id, opportunityId: opportunity.id, status: "DRAFT" }, orderBy: { updatedAt: "desc" }, select: { id: true, type: true, details: true, justification: true, impactedKpi: true, evidence: true, updatedAt: true } });
  const draft = saved
    ? {
        draftId: saved.id,
        savedAt: saved.updatedAt.toISOString().slice(0, 16).replace("T", " ") + " UTC",
        // A draft's deviations were saved with their type only guaranteed; the form shows them as they were.
        deviations: draftDeviations(saved.type, saved.details),
        justification: saved.justification,
        impactedKpi: saved.impactedKpi ?? "",
        evidenceLinks: links(saved.evidence),
        attachments: files(saved.evidence),
      }
    : null;
  return { opportunity, open, resubmit, draft };
}
