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
    const team = user.teamId
      ? Prisma.sql` OR c.team_id = ${user.teamId}::uuid OR c.owner_id IN (SELECT id FROM users WHERE team_id = ${user.teamId}::uuid)`
      : Prisma.empty;
    return Prisma.sql`(c.owner_id = ${user.id}::uuid OR c.owner_id IN (SELECT id FROM users WHERE manager_id = ${user.id}::uuid)${team})`;
  }
  if (roleCan(user.role, "sla.read.own")) return Prisma.sql`c.owner_id = ${user.id}::uuid`;
  throw forbidden(`Your role (${user.role.replaceAll("_", " ").toLowerCase()}) may not see SLA clocks.`);
}

export function canSeeSlaBoard(role: string): boolean {
  return roleCan(role, "sla.read.all") || roleCan(role, "sla.read.team") || roleCan(role, "sla.read.own");
}
