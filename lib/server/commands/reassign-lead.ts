import "server-only";
import type { TReassignLead } from "@/lib/schemas/lead-reassign";
import type { TSessionUser } from "../auth/session-user";
import { assertCan } from "../authz/assert-can";
import { db } from "../db";
import { appendDecisions } from "../decision-log";
import { retargetClocks } from "../sla/retarget-clocks";
import { conflict, notFound, validationError } from "../errors";
import { notify } from "../notifications/notify";
import { leadScope } from "../queries/record-scope";

/** Roles a lead may be handed to by hand: people who work leads, not approvers or admins. */
export const ASSIGNABLE_ROLES = ["REP", "SALES_MANAGER"] as const;

/**
 * Manual reassignment (an override of routing): managers for leads of their team and
 * reports, RevOps for any lead. Owner change, queue cleared, decision-log entry and the new
 * owner's notification commit together or not at all.
 */
export async function reassignLead(options: { actor: TSessionUser; leadId: string; input: TReassignLead }) {
  const { actor, leadId, input } = options;
  assertCan(actor, "leads.reassign");
  return db().$transaction(async (tx) => {
    // Scoped load: a lead outside the actor's reach is "not found", never "forbidden", so ids cannot be probed.
    const lead = await tx.lead.findFirst({
      where: { AND: [{ id: leadId }, leadScope(actor)] },
      select: { id: true, ownerId: true, queueTeamId: true, firstName: true, lastName: true, email: true, company: true, owner: { select: { name: true } } },
    });
    if (!lead) throw notFound("That lead");
    const target = await tx.user.findUnique({ where: { id: input.ownerId }, select: { id: true, name: true, role: true, active: true } });
    if (!target) throw validationError("Choose someone who can take the lead.", { ownerId: ["No such user"] });
    if (!target.active) throw validationError(`${target.name} is inactive and cannot take leads.`, { ownerId: [`${target.name} is inactive`] });
    if (!(ASSIGNABLE_ROLES as readonly string[]).includes(target.role)) throw validationError(`${target.name} does not work leads.`, { ownerId: ["Choose a rep or a sales manager"] });
    if (target.id === lead.ownerId) throw validationError(`${target.name} already owns this lead.`, { ownerId: [`${target.name} already owns this lead`] });

    // Guard against a concurrent routing or reassignment between the read and the write.
    const { count } = await tx.lead.updateMany({ where: { id: lead.id, ownerId: lead.ownerId, queueTeamId: lead.queueTeamId }, data: { ownerId: target.id, queueTeamId: null } });
    if (count === 0) throw conflict("The lead changed hands while you were reassigning it. Reload and try again.");

    const leadName = [lead.firstName, lead.lastName].filter(Boolean).join(" ") || lead.email || "A lead";
    const from = lead.owner?.name ?? (lead.queueTeamId ? "a team queue" : "nobody");
    await notify(tx, [
      { userId: target.id, kind: "lead.reassigned", title: `${leadName}${lead.company ? ` (${lead.company})` : ""} was reassigned to you`, body: `${actor.name}: ${input.reason}`, link: `/leads/${lead.id}` },
    ]);
    const clocks = await retargetClocks(tx, { subjectType: "LEAD", subjectId: lead.id, newOwnerId: target.id, newTeamId: null, reason: `${actor.name} reassigned the lead to ${target.name}`, actorId: actor.id });
    await appendDecisions(tx, [
      {
        kind: "lead.reassigned",
        subjectType: "lead",
        subjectId: lead.id,
        actorId: actor.id,
        input: { ownerId: target.id, reason: input.reason },
        output: { previousOwnerId: lead.ownerId, previousQueueTeamId: lead.queueTeamId, newOwnerId: target.id },
        reasons: [`${actor.name} reassigned the lead from ${from} to ${target.name}.`, `Reason: ${input.reason}`],
      },
      ...clocks.decisions,
    ]);
    return { leadId: lead.id, ownerId: target.id, previousOwnerId: lead.ownerId };
  });
}
