import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { TSessionUser } from "../auth/session-user";
import { roleCan } from "../authz/permissions";

// Which leads and opportunities a user may see: everything, their team's, or their own.
// Commands and queries use these filters so a record outside the scope is never loaded.
export function leadScope(user: TSessionUser): Prisma.LeadWhereInput {
  if (roleCan(user.role, "leads.read.all")) return {};
  if (roleCan(user.role, "leads.read.team")) {
    return { OR: [{ ownerId: user.id }, { owner: { managerId: user.id } }, ...(user.teamId ? [{ owner: { teamId: user.teamId } }, { queueTeamId: user.teamId }] : [])] };
  }
  if (roleCan(user.role, "leads.read.own")) return { ownerId: user.id };
  return { id: { in: [] } };
}

export function opportunityScope(user: TSessionUser): Prisma.OpportunityWhereInput {
  if (roleCan(user.role, "opportunities.read.all")) return {};
  if (roleCan(user.role, "opportunities.read.own")) return { OR: [{ ownerId: user.id }, { owner: { managerId: user.id } }] };
  return { id: { in: [] } };
}
