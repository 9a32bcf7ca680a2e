import "server-only";
import { GROUP_ROLES, type TGroupRole, type TOrgChart } from "@/lib/engine/approvals";
import { db } from "../db";

// How far around "now" absences and delegations are loaded: plans are made for now, and
// SLA re-targeting later re-plans with a fresh chart.
const WINDOW_DAYS = 60;

/** The org chart the approval planner resolves people from, read in three queries. */
export async function loadOrgChart(now: Date): Promise<TOrgChart> {
  const from = new Date(now.getTime() - WINDOW_DAYS * 86_400_000);
  const to = new Date(now.getTime() + WINDOW_DAYS * 86_400_000);
  const [users, absences, delegations] = await Promise.all([
    db().user.findMany({ select: { id: true, name: true, role: true, managerId: true, region: true, active: true } }),
    db().absence.findMany({ where: { endsAt: { gt: from }, startsAt: { lt: to } }, select: { userId: true, startsAt: true, endsAt: true } }),
    db().delegation.findMany({ where: { endsAt: { gt: from }, startsAt: { lt: to } }, select: { delegatorId: true, delegateId: true, startsAt: true, endsAt: true } }),
  ]);
  const absencesByUser = new Map<string, { startsAt: Date; endsAt: Date }[]>();
  for (const a of absences) (absencesByUser.get(a.userId) ?? absencesByUser.set(a.userId, []).get(a.userId)!).push({ startsAt: a.startsAt, endsAt: a.endsAt });
  const regionVps: Record<string, string> = {};
  const groups = Object.fromEntries(GROUP_ROLES.map((g) => [g, [] as string[]])) as Record<TGroupRole, string[]>;
  for (const u of users) {
    if (!u.active) continue;
    if (u.role === "VP_SALES" && u.region && !regionVps[u.region]) regionVps[u.region] = u.id;
    if ((GROUP_ROLES as readonly string[]).includes(u.role)) groups[u.role as TGroupRole].push(u.id);
  }
  return {
    users: users.map((u) => ({ ...u, absences: absencesByUser.get(u.id) ?? [] })),
    delegations,
    regionVps,
    groups,
  };
}
