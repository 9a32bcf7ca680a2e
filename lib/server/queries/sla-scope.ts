import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TSessionUser } from "../auth/session-user";
import { roleCan } from "../authz/permissions";
import { forbidden } from "../errors";

// Which SLA clocks a user may see, as a SQL condition on `sla_clocks c`. Same shape as the
// lead scope (record-scope.ts): RevOps, executives, VPs and admins see every clock; a
// manager their own, their reports' and their team's; a rep only the clocks they own.
export function slaClockScope(user: Pick<TSessionUser, "id" | "role" | "teamId">): Prisma.Sql {
  if (roleCan(user.role, "sla.read.all")) return Prisma.sql`TRUE`;
  if (roleCan(user.role, "sla.read.team")) {
    // The member list is computed once (an InitPlan) so owner_id = ANY(…) can use the owner
    // index; a team's unassigned clocks (queue work) are matched by team.
    const members = user.teamId
      ? Prisma.sql`ARRAY(SELECT id FROM users WHERE id = ${user.id}::uuid OR manager_id = ${user.id}::uuid OR team_id = ${user.teamId}::uuid)`
      : Prisma.sql`ARRAY(SELECT id FROM users WHERE id = ${user.id}::uuid OR manager_id = ${user.id}::uuid)`;
    const queue = user.teamId ? Prisma.sql` OR (c.owner_id IS NULL AND c.team_id = ${user.teamId}::uuid)` : Prisma.empty;
    return Prisma.sql`(c.owner_id = ANY(${members})${queue})`;
  }
  if (roleCan(user.role, "sla.read.own")) return Prisma.sql`c.owner_id = ${user.id}::uuid`;
  throw forbidden(`Your role (${user.role.replaceAll("_", " ").toLowerCase()}) may not see SLA clocks.`);
}
