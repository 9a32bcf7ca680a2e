import "server-only";
import type { TNotificationPreferences } from "@/lib/schemas/notification-preferences";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";

/**
 * Saves the signed-in user's own e-mail choices (never anyone else's: the user comes from
 * the session). Personal settings, not business decisions, so they do not go to the
 * decision log.
 */
export async function saveNotificationPreferences(options: { actor: Pick<TSessionUser, "id">; input: TNotificationPreferences }): Promise<{ saved: number }> {
  const { actor, input } = options;
  await db().$transaction(async (tx) => {
    for (const p of input.preferences) {
      await tx.notificationPreference.upsert({
        where: { userId_kind: { userId: actor.id, kind: p.kind } },
        create: { userId: actor.id, kind: p.kind, email: p.email },
        update: { email: p.email },
      });
    }
  });
  return { saved: input.preferences.length };
}
