import "server-only";
import { effectiveChoice, NOTIFICATION_KINDS, type TEmailChoice } from "@/lib/engine/email/kinds";
import { db } from "../db";

export type TPreferenceRow = { kind: string; label: string; explanation: string; email: TEmailChoice; isDefault: boolean; defaultChoice: TEmailChoice };

/** Every kind with the user's choice in force and whether it is still the default. */
export async function loadNotificationPreferences(userId: string): Promise<TPreferenceRow[]> {
  const rows = await db().notificationPreference.findMany({ where: { userId } });
  const chosen = new Map(rows.map((r) => [r.kind, r.email]));
  return NOTIFICATION_KINDS.map((k) => ({ kind: k.kind, label: k.label, explanation: k.explanation, email: effectiveChoice(k.kind, chosen), isDefault: !chosen.has(k.kind), defaultChoice: k.default }));
}
