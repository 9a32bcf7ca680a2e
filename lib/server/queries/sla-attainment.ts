import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { fillWeeks, shareMet, type TWeekPoint } from "@/lib/engine/sla/attainment";
import type { TSessionUser } from "../auth/session-user";
import { db } from "../db";
import { slaClockScope } from "./sla-scope";

// SLA attainment aggregated in the database (one pass with GROUPING SETS over the filtered
// clocks), so the report costs the same for 1,000 or 1,000,000 clocks in memory terms.
// Definitions are those of lib/engine/sla/attainment.ts (the tests hold the two together):
// - outcome: BREACHED when breached_at is set, MET when stopped without a breach, else open;
// - share met = met / (met + breached);
// - time to first touch: LEAD_FIRST_TOUCH clocks that stopped; wall minutes = stopped_at −
//   started_at, business minutes = consumed_minutes (all a stopped clock used);
//   median and p90 with percentile_cont (linear interpolation);
// - clocks are attributed to the week (Monday, UTC), team, owner and lead source they
//   STARTED with; the date range filters on started_at (inclusive UTC days).

export type TAttainmentFigures = {
  clocks: number;
  met: number;
  breached: number;
  open: number;
  shareMet: number | null;
  medianWallMinutes: number | null;
  p90WallMinutes: number | null;
  medianBusinessMinutes: number | null;
  p90BusinessMinutes: number | null;
};
export type TAttainmentGroup = TAttainmentFigures & { key: string; label: string };

type TRaw = {
  g_team: number;
  g_owner: number;
  g_source: number;
  g_week: number;
  team_id: string | null;
  owner_id: string | null;
  source: string | null;
  week: Date | null;
  clocks: number;
  met: number;
  breached: number;
  /** [median, p90], null without values. */
  wall: [number, number] | null;
  biz: [number, number] | null;
};

const NOT_A_LEAD = "Not a lead";
const NO_SOURCE = "Unknown source";

export type TAttainmentOptions = { policyVersionId?: string; kind?: string; from: string; to: string };

function figures(r: TRaw): TAttainmentFigures {
  return {
    clocks: r.clocks,
    met: r.met,
    breached: r.breached,
    open: r.clocks - r.met - r.breached,
    shareMet: shareMet(r.met, r.breached),
    medianWallMinutes: r.wall?.[0] ?? null,
    p90WallMinutes: r.wall?.[1] ?? null,
    medianBusinessMinutes: r.biz?.[0] ?? null,
    p90BusinessMinutes: r.biz?.[1] ?? null,
  };
}

export async function slaAttainment(user: TSessionUser, options: TAttainmentOptions) {
  const conds: Prisma.Sql[] = [
    slaClockScope(user),
    Prisma.sql`c.started_at >= ${options.from}::date`,
    Prisma.sql`c.started_at < ${options.to}::date + 1`,
  ];
  if (options.policyVersionId) conds.push(Prisma.sql`c.policy_version_id = ${options.policyVersionId}::uuid`);
  if (options.kind) conds.push(Prisma.sql`c.kind = ${options.kind}`);
  // Each grouping set sorts the filtered clocks once; 4 MB of default work_mem spills 100k+
  // rows to disk, so this one transaction gets more (SET LOCAL: nothing else is affected).
  const raw = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL work_mem = '48MB'`;
    return tx.$queryRaw<TRaw[]>`
    WITH base AS (
      SELECT c.team_id, c.owner_id,
        CASE WHEN c.subject_type = 'LEAD' THEN COALESCE(l.source, ${NO_SOURCE}) ELSE ${NOT_A_LEAD} END AS source,
        date_trunc('week', c.started_at AT TIME ZONE 'UTC')::date AS week,
        (c.breached_at IS NOT NULL) AS is_breached,
        (c.breached_at IS NULL AND c.stopped_at IS NOT NULL) AS is_met,
        CASE WHEN c.kind = 'LEAD_FIRST_TOUCH' AND c.stopped_at IS NOT NULL THEN EXTRACT(EPOCH FROM (c.stopped_at - c.started_at))::float8 / 60 END AS wall_min,
        CASE WHEN c.kind = 'LEAD_FIRST_TOUCH' AND c.stopped_at IS NOT NULL THEN c.consumed_minutes::float8 END AS biz_min
      FROM sla_clocks c
      LEFT JOIN leads l ON c.subject_type = 'LEAD' AND l.id = c.subject_id
      WHERE ${Prisma.join(conds, " AND ")}
    )
    SELECT GROUPING(team_id)::int AS g_team, GROUPING(owner_id)::int AS g_owner, GROUPING(source)::int AS g_source, GROUPING(week)::int AS g_week,
      team_id, owner_id, source, week,
      count(*)::int AS clocks,
      count(*) FILTER (WHERE is_met)::int AS met,
      count(*) FILTER (WHERE is_breached)::int AS breached,
      -- Both percentiles from one sort of each group's values.
      percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY wall_min) FILTER (WHERE wall_min IS NOT NULL) AS wall,
      percentile_cont(ARRAY[0.5, 0.9]::float8[]) WITHIN GROUP (ORDER BY biz_min) FILTER (WHERE biz_min IS NOT NULL) AS biz
    FROM base
    GROUP BY GROUPING SETS ((), (team_id), (owner_id), (source), (week))`;
  });

  const teamIds = raw.flatMap((r) => (r.g_team === 0 && r.team_id ? [r.team_id] : []));
  const ownerIds = raw.flatMap((r) => (r.g_owner === 0 && r.owner_id ? [r.owner_id] : []));
  const [teams, owners] = await Promise.all([
    teamIds.length ? db().team.findMany({ where: { id: { in: teamIds } }, select: { id: true, name: true } }) : [],
    ownerIds.length ? db().user.findMany({ where: { id: { in: ownerIds } }, select: { id: true, name: true } }) : [],
  ]);
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const ownerName = new Map(owners.map((o) => [o.id, o.name]));
  const byLabel = (a: TAttainmentGroup, b: TAttainmentGroup) => a.label.localeCompare(b.label);

  // GROUPING(x) = 0 marks the rows grouped by x; the row with every flag set is the total.
  const total = raw.find((r) => r.g_team && r.g_owner && r.g_source && r.g_week);
  const teamRows = raw.filter((r) => r.g_team === 0).map((r) => ({ key: r.team_id ?? "none", label: r.team_id ? (teamName.get(r.team_id) ?? "Deleted team") : "No team", ...figures(r) })).sort(byLabel);
  const repRows = raw.filter((r) => r.g_owner === 0).map((r) => ({ key: r.owner_id ?? "none", label: r.owner_id ? (ownerName.get(r.owner_id) ?? "Former user") : "Unassigned", ...figures(r) })).sort(byLabel);
  const sourceRows = raw.filter((r) => r.g_source === 0).map((r) => ({ key: r.source ?? NO_SOURCE, label: r.source ?? NO_SOURCE, ...figures(r) })).sort(byLabel);
  const weekly: TWeekPoint[] = raw
    .filter((r) => r.g_week === 0 && r.week !== null)
    .map((r) => ({ week: r.week!.toISOString().slice(0, 10), met: r.met, breached: r.breached, shareMet: shareMet(r.met, r.breached), medianWallMinutes: r.wall?.[0] ?? null }));

  return {
    total: total ? figures(total) : figures({ clocks: 0, met: 0, breached: 0, wall: null, biz: null } as TRaw),
    byTeam: teamRows,
    byRep: repRows,
    bySource: sourceRows,
    weekly: fillWeeks(weekly, new Date(`${options.from}T00:00:00Z`), new Date(`${options.to}T00:00:00Z`)),
  };
}

/** SLA policy versions to choose from, newest first, and the active one. */
export async function slaPolicyVersionOptions() {
  const versions = await db().policyVersion.findMany({
    where: { kind: "SLA", status: { in: ["PUBLISHED", "ARCHIVED"] } },
    orderBy: { version: "desc" },
    select: { id: true, version: true, name: true, status: true },
  });
  return { versions, activeId: versions.find((v) => v.status === "PUBLISHED")?.id };
}

/** Today's date in the database (UTC), as YYYY-MM-DD. */
export async function databaseToday(): Promise<string> {
  const [row] = await db().$queryRaw<{ today: string }[]>`SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS today`;
  return row!.today;
}
