import "server-only";
import type { TSessionUser } from "../auth/session-user";
import { mayDecideMql } from "../commands/leads/decide-mql";
import { db } from "../db";
import { activePolicy } from "./active-policy";

/** The reject reasons to offer when this user may accept or reject this MQL; null when the lead page shows no decision. */
export async function mqlDecisionOptions(user: TSessionUser, lead: { id: string; lifecycleStage: string; ownerId: string | null }) {
  if (lead.lifecycleStage !== "MQL") return null;
  const owner = lead.ownerId ? await db().user.findUnique({ where: { id: lead.ownerId }, select: { managerId: true } }) : null;
  if (!mayDecideMql(user, { ownerId: lead.ownerId, owner })) return null;
  const lifecycle = await activePolicy("LIFECYCLE");
  return { reasons: lifecycle.body.rejectReasons.map((r) => ({ code: r.code, label: r.label, outcome: r.outcome })) };
}
