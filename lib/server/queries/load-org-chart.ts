import "server-only";
import { GROUP_ROLES, type TGroupRole, type TOrgChart } from "@/lib/engine/approvals";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../db";

// How far around "now" absences and delegations are loaded: plans are made for now, and
// SLA re-targeting later re-plans with a fresh chart.
const WINDOW_DAYS = 60;

export type TChartRows = {
  users: { id: string; name: string; role: string; managerId: string | null; region: string | null; active: boolean }[];
  absences: { userId: string; startsAt: string; endsAt: string }[];
  delegations: { delegatorId: string; delegateId: string; startsAt: string; endsAt: string }[];
};

/**
 * The org chart the approval planner resolves people from, read in ONE statement (users,
 * absences and delegations as JSON arrays): every submission loads it, so round trips count.
 */
export async function loadOrgChart(now: Date): Promise<TOrgChart> {
  const [rows] = await db().$queryRaw<TChartRows[]>`SELECT ${orgChartColumns(now)}`;
  return orgChartFrom(rows!);
}

/** The org chart's three columns (users, absences, delegations), for a statement that reads more. */
export function orgChartColumns(now: Date): Prisma.Sql {
  const from = new Date(now.getTime() - WINDOW_DAYS * 86_400_000);
  const to = new Date(now.getTime() + WINDOW_DAYS * 86_400_000);
  return Prisma.sql`COALESCE((SELECT json_agg(json_build_object('id', u.id, 'name', u.name, 'role', u.role, 'managerId', u.manager_id, 'region', u.region, 'active', u.active)) FROM users u), '[]'::json) AS users,
           COALESCE((SELECT json_agg(json_build_object('userId', a.user_id, 'startsAt', a.starts_at, 'endsAt', a.ends_at))
                       FROM absences a WHERE a.ends_at > ${from} AND a.starts_at < ${to}), '[]'::json) AS absences,
           COALESCE((SELECT json_agg(json_build_object('delegatorId', d.delegator_id, 'delegateId', d.delegate_id, 'startsAt', d.starts_at, 'endsAt', d.ends_at))
                       FROM delegations d WHERE d.ends_at > ${from} AND d.starts_at < ${to}), '[]'::json) AS delegations`;
}

/** The org chart from orgChartColumns' row. */
export function orgChartFrom(rows: TChartRows): TOrgChart {
  const users = rows.users.map((u) => ({ ...u, role: u.role as TOrgChart["users"][number]["role"] }));
  const absences = rows.absences.map((a) => ({ userId: a.userId, startsAt: new Date(a.startsAt), endsAt: new Date(a.endsAt) }));
  const delegations = rows.delegations.map((d) => ({ delegatorId: d.delegatorId, delegateId: d.delegateId, startsAt: new Date(d.startsAt), endsAt: new Date(d.endsAt) }));
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
