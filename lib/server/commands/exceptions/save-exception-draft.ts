import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TSaveDraft } from "@/lib/schemas/exception-requests";
import type { TSessionUser } from "../../auth/session-user";
import { db } from "../../db";
import { forbidden, notFound } from "../../errors";
import { opportunityScope } from "../../queries/record-scope";
import { evidenceJson } from "./evidence-files";

/**
 * Saves the request form as it is, to finish later: a DRAFT request (no plan, no steps, no
 * lock on the opportunity, nothing anyone must decide). One draft per rep and opportunity:
 * saving again updates it. Submitting checks everything the draft did not. A draft decides
 * nothing, so it writes no decision-log entry; its submission does (approval.planned).
 */
export async function saveExceptionDraft(options: { actor: TSessionUser; input: TSaveDraft }): Promise<{ draftId: string; savedAt: Date }> {
  const { actor, input } = options;
  return db().$transaction(async (tx) => {
    const opportunity = await tx.opportunity.findFirst({ where: { AND: [{ id: input.opportunityId }, opportunityScope(actor)] }, select: { id: true, ownerId: true, owner: { select: { managerId: true } } } });
    if (!opportunity) throw notFound("That opportunity (or one you may see)");
    if (opportunity.ownerId !== actor.id && opportunity.owner.managerId !== actor.id) throw forbidden("Only the opportunity's owner, or their manager, requests exceptions on it.");
    const existing = await tx.exceptionRequest.findFirst({
      where: { requesterId: actor.id, opportunityId: opportunity.id, status: "DRAFT", ...(input.draftId ? { id: input.draftId } : {}) },
      orderBy: { updatedAt: "desc" },
      select: { id: true },
    });
    if (input.draftId && !existing) throw notFound("That draft (it may have been submitted already)");
    const data = {
      type: input.deviations[0]!.type,
      details: { deviations: input.deviations } as Prisma.InputJsonValue,
      justification: input.justification,
      impactedKpi: input.impactedKpi || null,
      evidence: await evidenceJson(tx, actor.id, input.evidenceLinks, input.attachmentIds),
    };
    const saved = existing
      ? await tx.exceptionRequest.update({ where: { id: existing.id }, data, select: { id: true, updatedAt: true } })
      : await tx.exceptionRequest.create({ data: { ...data, opportunityId: opportunity.id, requesterId: actor.id, status: "DRAFT" }, select: { id: true, updatedAt: true } });
    return { draftId: saved.id, savedAt: saved.updatedAt };
  });
}
