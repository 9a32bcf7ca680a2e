import "server-only";
import type { TCalendarOwner } from "@/lib/engine/sla/clock-plan";
import { Prisma } from "@/lib/generated/prisma/client";
import type { TSqlTx } from "../transaction-connection";

// Small shared reads for the clock commands and the timer: database time, owners (with
// what their calendar and escalations need) and where a clock's record lives.

/** The database's clock, to the millisecond (what timestamptz(3) keeps): deadlines never use a node's clock. */
export async function databaseNow(tx: TSqlTx): Promise<Date> {
  const [row] = await tx.$queryRaw<{ now: Date }[]>`SELECT date_trunc('milliseconds', clock_timestamp()) AS now`;
  return row!.now;
}

export type TClockOwner = TCalendarOwner & { managerId: string | null; teamId: string | null };

/**
 * What starting or stopping clocks reads, in ONE round trip: the database's time, the published
 * SLA policy's version id (null when none is published) and the given owners.
 */
export type TClockContext = { now: Date; slaPolicyId: string | null; owners: Map<string, TClockOwner> };

/** The row clockContextColumns adds to a statement. */
export type TClockContextRow = { clock_now: Date; clock_policy_id: string | null; clock_owners: TClockOwner[] | null };

/**
 * The clock context as three columns of a caller's statement (so a command that reads anyway
 * reads this too, without a round trip of its own): `owners` is a subquery of user ids, and
 * `calendarKeys` (optional) one of calendar keys whose "owner:<id>" users are wanted too.
 * The time column comes last: it is read after the statement's other columns (and locks).
 */
export function clockContextColumns(owners: Prisma.Sql, calendarKeys?: Prisma.Sql): Prisma.Sql {
  const byCalendar = calendarKeys ? Prisma.sql`OR 'owner:' || u.id::text IN (${calendarKeys})` : Prisma.empty;
  return Prisma.sql`(SELECT id FROM policy_versions WHERE active_kind = 'SLA') AS clock_policy_id,
    (SELECT json_agg(json_build_object('id', u.id, 'timezone', u.timezone, 'workingHours', u.working_hours, 'region', u.region, 'managerId', u.manager_id, 'teamId', u.team_id))
       FROM users u WHERE u.id IN (${owners}) ${byCalendar}) AS clock_owners,
    date_trunc('milliseconds', clock_timestamp()) AS clock_now`;
}

export function clockContextFrom(row: TClockContextRow): TClockContext {
  return { now: row.clock_now, slaPolicyId: row.clock_policy_id, owners: new Map((row.clock_owners ?? []).map((u) => [u.id, u])) };
}

/** The ids as a subquery for clockContextColumns. */
export const idList = (ids: readonly (string | null)[]) => Prisma.sql`SELECT unnest(${[...new Set(ids.filter((id): id is string => id !== null))]}::uuid[])`;

export async function clockContext(tx: TSqlTx, ownerIds: readonly (string | null)[]): Promise<TClockContext> {
  const [row] = await tx.$queryRaw<TClockContextRow[]>`SELECT ${clockContextColumns(idList(ownerIds))}`;
  return clockContextFrom(row!);
}

export async function loadOwners(tx: TSqlTx, ids: readonly (string | null)[]): Promise<Map<string, TClockOwner>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  // Raw reads here and below: the approval commands run on a PgTransaction, which has no model queries (ADR 0025).
  const users = await tx.$queryRaw<TClockOwner[]>(Prisma.sql`
    SELECT id::text, timezone, working_hours AS "workingHours", region, manager_id::text AS "managerId", team_id::text AS "teamId" FROM users WHERE id = ANY(${unique}::uuid[])`);
  return new Map(users.map((u) => [u.id, u]));
}

export type TLogSubject = { subjectType: string; subjectId: string; link: string };

/**
 * Where a clock's decisions are logged and what a notification links to: the lead, the
 * exception request an approval step belongs to, or the opportunity.
 */
export async function logSubjects(
  tx: TSqlTx,
  clocks: readonly { id: string; subjectType: string; subjectId: string }[],
  /** The request of approval steps the caller already knows (step id → request id): no lookup for those. */
  knownRequests?: ReadonlyMap<string, string>,
): Promise<Map<string, TLogSubject>> {
  const stepIds = clocks.filter((c) => c.subjectType === "APPROVAL_STEP" && !knownRequests?.has(c.subjectId)).map((c) => c.subjectId);
  const steps = stepIds.length === 0 ? [] : await tx.$queryRaw<{ id: string; requestId: string }[]>(Prisma.sql`SELECT id::text, request_id::text AS "requestId" FROM approval_steps WHERE id = ANY(${stepIds}::uuid[])`);
  const requestOf = new Map([...(knownRequests ?? []), ...steps.map((s) => [s.id, s.requestId] as const)]);
  return new Map(
    clocks.map((c) => {
      if (c.subjectType === "LEAD") return [c.id, { subjectType: "lead", subjectId: c.subjectId, link: `/leads/${c.subjectId}` }];
      if (c.subjectType === "OPPORTUNITY") return [c.id, { subjectType: "opportunity", subjectId: c.subjectId, link: `/opportunities/${c.subjectId}` }];
      const requestId = requestOf.get(c.subjectId);
      return [c.id, requestId ? { subjectType: "exception_request", subjectId: requestId, link: "/approvals" } : { subjectType: "approval_step", subjectId: c.subjectId, link: "/approvals" }];
    }),
  );
}

const SUBJECT_WORDS: Record<string, string> = { LEAD: "lead", APPROVAL_STEP: "approval step", OPPORTUNITY: "opportunity" };
export const subjectWords = (subjectType: string) => SUBJECT_WORDS[subjectType] ?? subjectType.toLowerCase();
