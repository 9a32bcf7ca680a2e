import "server-only";
import { COUNTRY_REGION } from "@/lib/engine/routing";
import type { TRoutingPolicy } from "@/lib/schemas/policies/routing";
import { db } from "../db";

const LIFECYCLE_STAGES = ["SUBSCRIBER", "LEAD", "MQL", "SQL", "OPPORTUNITY", "CUSTOMER", "EVANGELIST", "RECYCLED", "DISQUALIFIED"];

/**
 * What the matrix editor's pickers offer: active users (plus any inactive one the matrix still
 * names, marked so), teams for queues, and the known values of columns with a fixed vocabulary.
 */
export async function routingEditorOptions(body: TRoutingPolicy) {
  const named = new Set<string>();
  for (const row of body.rows) if (row.action.type === "USER") named.add(row.action.userId);
  for (const pool of body.pools) for (const m of pool.members) named.add(m.userId);
  const [users, teams, accountIndustries, leadIndustries, sources] = await Promise.all([
    db().user.findMany({ where: { OR: [{ active: true }, { id: { in: [...named] } }] }, select: { id: true, name: true, role: true, active: true }, orderBy: { name: "asc" } }),
    db().team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db().account.findMany({ where: { industry: { not: null } }, distinct: ["industry"], select: { industry: true } }),
    db().lead.findMany({ where: { industry: { not: null } }, distinct: ["industry"], select: { industry: true } }),
    db().lead.findMany({ where: { source: { not: null } }, distinct: ["source"], select: { source: true } }),
  ]);
  const industries = [...new Set([...accountIndustries, ...leadIndustries].map((r) => r.industry!))].sort();
  return {
    users: users.map((u) => ({ id: u.id, name: u.name, note: u.active ? u.role.toLowerCase().replaceAll("_", " ") : "inactive" })),
    teams: teams.map((t) => ({ id: t.id, name: t.name })),
    columnOptions: {
      country: [...COUNTRY_REGION.keys()].sort(),
      region: ["NA", "EMEA", "APAC"],
      segment: ["SMB", "MID_MARKET", "ENTERPRISE"],
      industry: industries,
      source: sources.map((s) => s.source!).sort(),
      lifecycleStage: LIFECYCLE_STAGES,
    } as Record<string, string[]>,
  };
}
