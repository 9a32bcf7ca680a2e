import "server-only";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { appendDecision } from "../decision-log";
import { invalidState, notFound } from "../errors";

/**
 * Deactivates or reactivates a user. Deactivation bumps the session version, so every
 * session the user holds stops working on its next request.
 */
export async function setUserActive(options: { actor: Pick<TSessionUser, "id">; userId: string; active: boolean }) {
  const { actor, userId, active } = options;
  if (actor.id === userId && !active) throw invalidState("You cannot deactivate your own account.");
  return db().$transaction(async (tx) => {
    const updated = await tx.user.updateManyAndReturn({
      where: { id: userId, active: !active },
      data: { active, sessionVersion: { increment: 1 } },
      select: { id: true, name: true, active: true },
    });
    const user = updated[0];
    if (!user) {
      const exists = await tx.user.findUnique({ where: { id: userId }, select: { active: true } });
      if (!exists) throw notFound("That user");
      throw invalidState(active ? "That user is already active." : "That user is already deactivated.");
    }
    await appendDecision(tx, {
      kind: active ? "user.updated" : "user.deactivated",
      subjectType: "user",
      subjectId: userId,
      actorId: actor.id,
      input: { userId, active },
      output: { active },
      reasons: [active ? `${user.name} was reactivated.` : `${user.name} was deactivated; their sessions end now.`],
    });
    return user;
  });
}
