import "server-only";
import type { TClockPauseInput } from "@/lib/schemas/sla-clocks";
import type { TSessionUser } from "../auth/session-user";
import { assertCan } from "../authz/assert-can";
import { db } from "../db";
import { appendDecisions } from "../decision-log";
import { notFound } from "../errors";
import { pauseClock } from "./pause-clock";
import { resumeClock } from "./resume-clock";

/**
 * Pause or resume one clock for a person (the API): RevOps any clock; a sales manager the
 * clocks of their reports and of their team's queue. A clock outside the caller's reach is
 * "not found", so ids cannot be probed. The change and its log entry commit together.
 */
export async function setClockPaused(options: { actor: TSessionUser; clockId: string; pause: boolean; input: TClockPauseInput }) {
  const { actor, clockId, pause, input } = options;
  assertCan(actor, "sla.clocks.manage");
  return db().$transaction(async (tx) => {
    const clock = await tx.slaClock.findUnique({ where: { id: clockId }, select: { id: true, ownerId: true, teamId: true } });
    if (!clock || !(await mayManage(actor, clock))) throw notFound("That SLA clock");
    const change = pause ? await pauseClock(tx, { clockId, reason: input.reason, actorId: actor.id }) : await resumeClock(tx, { clockId, reason: input.reason, actorId: actor.id });
    await appendDecisions(tx, change.decisions);
    const row = await tx.slaClock.findUniqueOrThrow({ where: { id: clockId }, select: { id: true, status: true, dueAt: true, consumedMinutes: true, targetMinutes: true } });
    return { clockId: row.id, status: row.status, dueAt: row.dueAt?.toISOString() ?? null, usedMinutes: row.consumedMinutes, targetMinutes: row.targetMinutes, reasons: change.decisions.flatMap((d) => d.reasons) };
  });

  async function mayManage(user: TSessionUser, clock: { ownerId: string | null; teamId: string | null }): Promise<boolean> {
    if (user.role === "REVOPS") return true;
    const [owner, team] = await Promise.all([
      clock.ownerId ? db().user.findUnique({ where: { id: clock.ownerId }, select: { managerId: true, team: { select: { managerId: true } } } }) : null,
      clock.teamId ? db().team.findUnique({ where: { id: clock.teamId }, select: { managerId: true } }) : null,
    ]);
    return owner?.managerId === user.id || owner?.team?.managerId === user.id || team?.managerId === user.id;
  }
}
