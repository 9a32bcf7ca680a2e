import "server-only";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";

/** People the actor may hand a lead to, for the form's select: active reps and managers (a manager's own team and reports only). */
export async function reassignCandidates(actor: TSessionUser) {
  const scope = actor.role === "SALES_MANAGER" ? { OR: [{ id: actor.id }, { managerId: actor.id }, ...(actor.teamId ? [{ teamId: actor.teamId }] : [])] } : {};
  return db().user.findMany({ where: { AND: [{ active: true, role: { in: ["REP", "SALES_MANAGER"] } }, scope] }, select: { id: true, name: true }, orderBy: { name: "asc" }, take: 500 });
}
