import "server-only";
import { entryReasons } from "@/lib/engine/audit/entry-reasons";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { readDecisionsFor } from "../decision-log";
import { notFound } from "../errors";
import { leadScope } from "./record-scope";

/** A lead the user may see, or NOT_FOUND (never "forbidden": that would confirm it exists). */
export async function getLead(user: TSessionUser, id: string) {
  const lead = await db().lead.findFirst({
    where: { AND: [{ id }, leadScope(user)] },
    include: { account: { select: { id: true, name: true, domain: true } }, owner: { select: { id: true, name: true } }, queueTeam: { select: { id: true, name: true } } },
  });
  if (!lead) throw notFound("That lead");
  return lead;
}

/** The lead's log entries as stored, each with `explanation`: its reasons in full sentences (entryReasons). */
export async function getLeadDecisions(user: TSessionUser, id: string) {
  await getLead(user, id);
  const entries = await readDecisionsFor(db(), { subjectType: "lead", subjectId: id }, { limit: 200 });
  return entries.map((entry) => ({ ...entry, explanation: entryReasons(entry) }));
}
