import "server-only";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { notFound } from "../errors";
import { opportunityScope } from "./record-scope";

/** One opportunity the user may see, with its stage history and its running stale clock; "not found" outside their scope. */
export async function opportunityDetail(user: TSessionUser, id: string) {
  const opportunity = await db().opportunity.findFirst({
    where: { AND: [{ id }, opportunityScope(user)] },
    select: {
      id: true, name: true, stage: true, stageEnteredAt: true, amount: true, currency: true, closeDate: true, ownerId: true,
      owner: { select: { name: true } }, account: { select: { name: true } },
      stageChanges: { orderBy: { changedAt: "desc" }, take: 50, select: { id: true, fromStage: true, toStage: true, actorId: true, reason: true, changedAt: true } },
    },
  });
  if (!opportunity) throw notFound("That opportunity");
  const actorIds = [...new Set(opportunity.stageChanges.map((c) => c.actorId).filter((a): a is string => a !== null))];
  const [actors, staleClock] = await Promise.all([
    db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } }),
    db().slaClock.findFirst({ where: { subjectType: "OPPORTUNITY", subjectId: id, kind: "STALE_OPPORTUNITY", status: { not: "STOPPED" } }, select: { dueAt: true, breachedAt: true, targetMinutes: true } }),
  ]);
  const names = new Map(actors.map((a) => [a.id, a.name]));
  return { opportunity, history: opportunity.stageChanges.map((c) => ({ ...c, actorName: c.actorId ? (names.get(c.actorId) ?? "Someone") : "Import or system" })), staleClock };
}
