import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TSlaBoardFilters, TSlaBoardSort } from "@/lib/schemas/sla-board";
import type { TSessionUser } from "../auth/session-user";
import { roleCan } from "../authz/permissions";
import { db } from "../db";
import { businessMinutesLeft, loadSlaPolicyLookup } from "./sla-calendars";
import { slaClockScope } from "./sla-scope";

// The SLA board: open clocks (RUNNING or PAUSED) the user may see, most urgent first.
//
// Urgency is ordered in SQL by due_at. due_at is already the business-time deadline (the
// clock service computed it by adding the remaining business minutes on the clock's
// calendar), so "earliest deadline first" is exactly "least business time left first"
// without evaluating calendars for 100,000 rows; business time left is then computed in JS
// for the 50 rows of the page only. A running clock past its deadline is the breached one,
// so breached clocks come first; paused clocks (no deadline while paused) come last.
// The running part is read in due_at order straight from the (status, due_at) index, then
// the paused part: two index-ordered reads instead of sorting every open clock.

export const SLA_BOARD_PAGE_SIZE = 50;

export type TSlaBoardRow = {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  subjectLabel: string;
  href: string;
  ownerId: string | null;
  ownerName: string | null;
  teamName: string | null;
  status: "RUNNING" | "PAUSED";
  pauseReason: string | null;
  targetMinutes: number;
  startedAt: Date;
  dueAt: Date | null;
  breachedAt: Date | null;
  escalationLevel: number;
  /** Business minutes left on the clock's calendar (negative: overdue by that much). */
  minutesLeft: number;
  /** False when the clock runs around the clock or its calendar could not be resolved. */
  businessTime: boolean;
  /** Who the escalation ladder reached: the targets of the current level and the people notified. */
  escalatedTo: string[];
  escalatedPeople: string[];
};

type TRaw = {
  id: string;
  kind: string;
  subject_type: string;
  subject_id: string;
  owner_id: string | null;
  policy_version_id: string | null;
  calendar_key: string;
  status: "RUNNING" | "PAUSED";
  pause_reason: string | null;
  target_minutes: number;
  consumed_minutes: number;
  started_at: Date;
  due_at: Date | null;
  breached_at: Date | null;
  escalation_level: number;
  owner_name: string | null;
  team_name: string | null;
  lead_name: string | null;
  lead_company: string | null;
  opportunity_name: string | null;
  approval_label: string | null;
};

type TSegment = "RUNNING" | "PAUSED" | "OPEN";

function boardWhere(user: TSessionUser, f: TSlaBoardFilters, segment: TSegment): Prisma.Sql {
  const status =
    segment === "OPEN" ? Prisma.sql`c.status IN ('RUNNING', 'PAUSED')` : segment === "RUNNING" ? Prisma.sql`c.status = 'RUNNING'` : Prisma.sql`c.status = 'PAUSED'`;
  const conds: Prisma.Sql[] = [status, slaClockScope(user)];
  if (f.kind) conds.push(Prisma.sql`c.kind = ${f.kind}`);
  if (f.status === "RUNNING" || f.status === "PAUSED") conds.push(Prisma.sql`c.status = ${f.status}::"SlaClockStatus"`);
  if (f.status === "BREACHED") conds.push(Prisma.sql`c.breached_at IS NOT NULL`);
  if (f.teamId) conds.push(Prisma.sql`c.team_id = ${f.teamId}::uuid`);
  if (f.ownerId) conds.push(Prisma.sql`c.owner_id = ${f.ownerId}::uuid`);
  return Prisma.join(conds, " AND ");
}

function boardOrder(sort: TSlaBoardSort, dir: "asc" | "desc"): Prisma.Sql {
  const d = dir === "desc" ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  switch (sort) {
    case "startedAt":
      return Prisma.sql`c.started_at ${d}, c.id`;
    case "escalationLevel":
      return Prisma.sql`c.escalation_level ${d}, c.due_at ASC NULLS LAST, c.id`;
    case "kind":
      return Prisma.sql`c.kind ${d}, c.due_at ASC NULLS LAST, c.id`;
    default:
      // Within one segment: asc = earliest deadline first; desc reverses it.
      return dir === "desc" ? Prisma.sql`c.due_at DESC NULLS FIRST, c.id DESC` : Prisma.sql`c.due_at ASC NULLS LAST, c.id`;
  }
}

/** One page of clock rows of a segment, labels joined for those rows only. */
function pageQuery(where: Prisma.Sql, order: Prisma.Sql, limit: number, offset: number) {
  return db().$queryRaw<TRaw[]>`
    WITH page AS (
      SELECT c.* FROM sla_clocks c WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}
    )
    SELECT c.id, c.kind, c.subject_type, c.subject_id, c.owner_id, c.policy_version_id, c.calendar_key,
      c.status::text AS status, c.pause_reason, c.target_minutes, c.consumed_minutes, c.started_at, c.due_at,
      c.breached_at, c.escalation_level, u.name AS owner_name, t.name AS team_name,
      NULLIF(concat_ws(' ', l.first_name, l.last_name), '') AS lead_name, COALESCE(l.company, l.email) AS lead_company,
      o.name AS opportunity_name,
      CASE WHEN s.id IS NOT NULL THEN s.approver_role || ' approval · ' || ro.name END AS approval_label
    FROM page c
    LEFT JOIN users u ON u.id = c.owner_id
    LEFT JOIN teams t ON t.id = c.team_id
    LEFT JOIN leads l ON c.subject_type = 'LEAD' AND l.id = c.subject_id
    LEFT JOIN opportunities o ON c.subject_type = 'OPPORTUNITY' AND o.id = c.subject_id
    LEFT JOIN approval_steps s ON c.subject_type = 'APPROVAL_STEP' AND s.id = c.subject_id
    LEFT JOIN exception_requests r ON r.id = s.request_id
    LEFT JOIN opportunities ro ON ro.id = r.opportunity_id
    ORDER BY ${order}`;
}

/**
 * Urgency: the running segment then the paused one (reversed for desc), each read in index
 * order. The first segment's page is read while the counts run; only a page that crosses
 * into the second segment waits for them, to know how far into it to start.
 */
async function urgencyPage(user: TSessionUser, filters: TSlaBoardFilters, dir: "asc" | "desc", offset: number, counts: Promise<TCounts>): Promise<TRaw[]> {
  const [first, second]: TSegment[] = dir === "asc" ? ["RUNNING", "PAUSED"] : ["PAUSED", "RUNNING"];
  const order = boardOrder("urgency", dir);
  const rows = await pageQuery(boardWhere(user, filters, first!), order, SLA_BOARD_PAGE_SIZE, offset);
  if (rows.length === SLA_BOARD_PAGE_SIZE) return rows;
  const c = await counts;
  const firstSize = first === "RUNNING" ? c.total - c.paused : c.paused;
  const skip = Math.max(0, offset - firstSize);
  return [...rows, ...(await pageQuery(boardWhere(user, filters, second!), order, SLA_BOARD_PAGE_SIZE - rows.length, skip))];
}

type TCounts = { total: number; overdue: number; paused: number; now: Date };

function linkFor(subjectType: string, subjectId: string): string {
  if (subjectType === "LEAD") return `/leads/${subjectId}`;
  if (subjectType === "APPROVAL_STEP") return "/approvals";
  if (subjectType === "OPPORTUNITY") return "/opportunities";
  return "/sla";
}

const TARGET_LABELS: Record<string, string> = { OWNER: "Owner", MANAGER: "Manager", REGION_VP: "Region VP", DEAL_DESK: "Deal desk", REVOPS: "RevOps", EXEC: "Executive" };

export async function listSlaBoard(user: TSessionUser, options: { page: number; sort: TSlaBoardSort; dir: "asc" | "desc"; filters: TSlaBoardFilters }) {
  const where = boardWhere(user, options.filters, "OPEN");
  const offset = (options.page - 1) * SLA_BOARD_PAGE_SIZE;
  // Only indexed columns (status, due_at) when unfiltered, so the count is an index-only scan.
  const countsQuery = db()
    .$queryRaw<TCounts[]>`
      SELECT count(*)::int AS total,
        count(*) FILTER (WHERE c.status = 'RUNNING' AND c.due_at <= now())::int AS overdue,
        count(*) FILTER (WHERE c.status = 'PAUSED')::int AS paused,
        now() AS now
      FROM sla_clocks c WHERE ${where}`
    .then((r) => r[0]!);
  const [raw, counts] = await Promise.all([
    options.sort === "urgency"
      ? urgencyPage(user, options.filters, options.dir, offset, countsQuery)
      : pageQuery(where, boardOrder(options.sort, options.dir), SLA_BOARD_PAGE_SIZE, offset),
    countsQuery,
  ]);
  const now = counts.now; // the database's time, as deadlines are
  const lookup = await loadSlaPolicyLookup(raw.map((r) => ({ calendarKey: r.calendar_key, policyVersionId: r.policy_version_id, ownerId: r.owner_id })));
  const notified = await latestEscalations(raw.filter((r) => r.escalation_level > 0).map((r) => r.id));

  const rows: TSlaBoardRow[] = raw.map((r) => {
    let left: { minutes: number; business: boolean };
    if (r.status === "PAUSED" || r.due_at === null) {
      left = { minutes: r.target_minutes - r.consumed_minutes, business: r.calendar_key !== "24x7" };
    } else {
      left = businessMinutesLeft(lookup.calendarFor({ calendarKey: r.calendar_key, policyVersionId: r.policy_version_id, ownerId: r.owner_id }), now, r.due_at);
    }
    const ladder = lookup.clockDefinition(r.policy_version_id, r.kind)?.escalation.find((e) => e.level === r.escalation_level);
    return {
      id: r.id,
      kind: r.kind,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      subjectLabel: r.lead_name ?? r.lead_company ?? r.opportunity_name ?? r.approval_label ?? `${r.subject_type.toLowerCase().replaceAll("_", " ")} ${r.subject_id.slice(0, 8)}`,
      href: linkFor(r.subject_type, r.subject_id),
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      teamName: r.team_name,
      status: r.status,
      pauseReason: r.pause_reason,
      targetMinutes: r.target_minutes,
      startedAt: r.started_at,
      dueAt: r.due_at,
      breachedAt: r.breached_at,
      escalationLevel: r.escalation_level,
      minutesLeft: Math.round(left.minutes),
      businessTime: left.business,
      escalatedTo: (ladder?.notify ?? []).map((t) => TARGET_LABELS[t] ?? t),
      escalatedPeople: notified.get(r.id) ?? [],
    };
  });
  return { rows, total: counts.total, overdue: counts.overdue, paused: counts.paused, now };
}

/** Names of the people the latest escalation of each clock notified. */
async function latestEscalations(clockIds: string[]): Promise<Map<string, string[]>> {
  if (clockIds.length === 0) return new Map();
  const rows = await db().$queryRaw<{ clock_id: string; names: string[] }[]>`
    SELECT DISTINCT ON (e.clock_id) e.clock_id,
      ARRAY(SELECT u.name FROM users u WHERE u.id = ANY(e.notified_user_ids) ORDER BY u.name) AS names
    FROM sla_clock_events e
    WHERE e.clock_id = ANY(${clockIds}::uuid[]) AND e.type = 'ESCALATION'
    ORDER BY e.clock_id, e.level DESC`;
  return new Map(rows.map((r) => [r.clock_id, r.names]));
}

export type TSlaHistoryRow = { id: string; clockId: string; type: string; level: number; firedAt: Date; kind: string; subjectLabel: string; href: string; ownerName: string | null; notified: string[] };

/** Recent breaches and escalations of clocks the user may see (open or stopped), newest first. */
export async function listSlaBreachHistory(user: TSessionUser, options: { days: number; limit: number; filters?: TSlaBoardFilters }): Promise<TSlaHistoryRow[]> {
  const f = options.filters ?? {};
  const conds: Prisma.Sql[] = [slaClockScope(user)];
  if (f.kind) conds.push(Prisma.sql`c.kind = ${f.kind}`);
  if (f.teamId) conds.push(Prisma.sql`c.team_id = ${f.teamId}::uuid`);
  if (f.ownerId) conds.push(Prisma.sql`c.owner_id = ${f.ownerId}::uuid`);
  // One index-ordered read (type, fired_at) per event type, newest first, each stopping after
  // `limit` rows in scope; then merged. Sorting every event of the week would grow with volume.
  const where = Prisma.join(conds, " AND ");
  const latest = (type: string) => Prisma.sql`(
    SELECT e.id, e.clock_id, e.type, e.level, e.fired_at, e.notified_user_ids FROM sla_clock_events e JOIN sla_clocks c ON c.id = e.clock_id
    WHERE e.type = ${type} AND e.fired_at > now() - make_interval(days => ${options.days}) AND ${where}
    ORDER BY e.fired_at DESC LIMIT ${options.limit})`;
  const rows = await db().$queryRaw<{ id: bigint; clock_id: string; type: string; level: number; fired_at: Date; kind: string; subject_type: string; subject_id: string; owner_name: string | null; lead_label: string | null; notified: string[] }[]>`
    SELECT e.id, e.clock_id, e.type, e.level, e.fired_at, c.kind, c.subject_type, c.subject_id, u.name AS owner_name,
      COALESCE(NULLIF(concat_ws(' ', l.first_name, l.last_name), ''), l.company, l.email) AS lead_label,
      ARRAY(SELECT n.name FROM users n WHERE n.id = ANY(e.notified_user_ids) ORDER BY n.name) AS notified
    FROM (${latest("BREACH")} UNION ALL ${latest("ESCALATION")}) e
    JOIN sla_clocks c ON c.id = e.clock_id
    LEFT JOIN users u ON u.id = c.owner_id
    LEFT JOIN leads l ON c.subject_type = 'LEAD' AND l.id = c.subject_id
    ORDER BY e.fired_at DESC, e.id DESC
    LIMIT ${options.limit}`;
  return rows.map((r) => ({
    id: String(r.id),
    clockId: r.clock_id,
    type: r.type,
    level: r.level,
    firedAt: r.fired_at,
    kind: r.kind,
    subjectLabel: r.lead_label ?? `${r.subject_type.toLowerCase().replaceAll("_", " ")} ${r.subject_id.slice(0, 8)}`,
    href: linkFor(r.subject_type, r.subject_id),
    ownerName: r.owner_name,
    notified: r.notified,
  }));
}

/** Teams and owners the filter menus offer: only those inside the user's scope. */
export async function slaBoardFilterOptions(user: TSessionUser) {
  const all = roleCan(user.role, "sla.read.all");
  // Candidate owners first (cheap, on users), then one probe of the (owner_id, status) index
  // each; testing the clock scope inside the probe would read every clock of every user.
  const candidates = all
    ? Prisma.sql`TRUE`
    : roleCan(user.role, "sla.read.team")
      ? Prisma.sql`(u.id = ${user.id}::uuid OR u.manager_id = ${user.id}::uuid${user.teamId ? Prisma.sql` OR u.team_id = ${user.teamId}::uuid` : Prisma.empty})`
      : Prisma.sql`u.id = ${user.id}::uuid`;
  slaClockScope(user); // refuses roles without SLA access, like the board itself
  const [teams, owners] = await Promise.all([
    all
      ? db().team.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } })
      : user.teamId
        ? db().team.findMany({ where: { id: user.teamId }, select: { id: true, name: true } })
        : Promise.resolve([]),
    db().$queryRaw<{ id: string; name: string }[]>`
      SELECT u.id, u.name FROM users u
      WHERE ${candidates} AND EXISTS (SELECT 1 FROM sla_clocks c WHERE c.owner_id = u.id AND c.status IN ('RUNNING', 'PAUSED'))
      ORDER BY u.name`,
  ]);
  return { teams, owners };
}
