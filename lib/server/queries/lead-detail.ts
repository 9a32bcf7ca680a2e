import "server-only";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { readDecisionsFor } from "../decision-log";
import { getLead } from "./get-lead";

type TBreakdownItem = { group: string; ruleId: string; label: string; points: number; detail: string };

/** Everything the lead page shows, scoped to what the user may see. */
export async function leadDetail(user: TSessionUser, id: string) {
  const lead = await getLead(user, id);
  const [activities, transitions, decisions] = await Promise.all([
    db().leadActivity.findMany({ where: { leadId: id }, orderBy: { occurredAt: "desc" }, take: 50 }),
    db().lifecycleTransition.findMany({ where: { leadId: id }, orderBy: { at: "desc" }, take: 50 }),
    readDecisionsFor(db(), { subjectType: "lead", subjectId: id }, { limit: 100 }),
  ]);
  const lastScore = decisions.find((d) => d.kind === "lead.scored" || d.kind === "lead.rescored");
  const breakdown = ((lastScore?.output as { breakdown?: TBreakdownItem[] } | undefined)?.breakdown ?? []).slice();
  return { lead, activities, transitions, decisions, breakdown, scoredAt: lastScore?.createdAt ?? null };
}
