import "server-only";
import { randomUUID } from "node:crypto";
import { clockMilestones, clockTarget, describeMinutes, milestoneDueAt, milestoneKey, resolveClockCalendar } from "@/lib/engine/sla/clock-plan";
import type { TDecisionEntry } from "../decision-log";
import { clockContext, logSubjects, type TClockContext, type TLogSubject } from "./clock-context";
import { slaPolicyVersion } from "./sla-policy";
import type PgBoss from "pg-boss";
import { scheduleTimers, sendTimers, timerSender, type TTimer } from "./timer-jobs";
import { bulkQuery, queryRows, type PgTransaction, type TSqlTx } from "../transaction-connection";
import type { TClockStart, TStartedClock } from "./types";
import type { TSlaPolicy } from "@/lib/schemas/policies/sla";

export type TPlanned = TClockStart & { label: string; target: number; calendarKey: string; calendarReason: string; dueAt: Date; firstAt: Date; firstKey: string };

/**
 * Starts many clocks in the caller's transaction: one INSERT for the clocks and one for their
 * first timer jobs, so a clock never exists without its timer (nor a timer without its clock).
 * Deadlines count from the database's time. A subject that already has an open clock of that
 * kind keeps it (the partial unique index; nothing is restarted). Nothing starts when no SLA
 * policy is published or the policy has no such clock. The returned decisions are for the
 * caller's own appendDecisions call.
 */
export async function startClocks(
  tx: TSqlTx,
  starts: readonly TClockStart[],
  options: {
    actorId?: string | null;
    /** step id → request id, for approval-step clocks the caller knows (spares a lookup) */
    knownRequests?: ReadonlyMap<string, string>;
    /** A clockContext the caller read already, with these starts' owners in it. */
    context?: TClockContext;
    /**
     * The caller holds its subjects' locks and read their open clocks under them, so none of
     * these clocks can exist yet (submit and decide: the request's row lock). The clocks' ids are
     * then made here, so their timers need not wait for the insert's answer: both statements go
     * out together, one round trip instead of two. Should a clock exist after all, nothing is
     * silently kept: the transaction fails (its timer and log entry would describe a clock that
     * was not started).
     */
    exclusive?: boolean;
  } = {},
): Promise<{ clocks: TStartedClock[]; decisions: TDecisionEntry[] }> {
  if (starts.length === 0) return { clocks: [], decisions: [] };
  // Time, published policy and owners in one round trip: this runs inside intake's and approvals' transactions.
  const { now, slaPolicyId, owners } = options.context ?? (await clockContext(tx, starts.map((s) => s.ownerId)));
  if (!slaPolicyId) return { clocks: [], decisions: [] };
  const policy = { id: slaPolicyId, body: await slaPolicyVersion(tx, slaPolicyId) };

  const planned = planStarts(policy, starts, { now, owners });
  if (planned.length === 0) return { clocks: [], decisions: [] };

  const ids = options.exclusive ? planned.map(() => randomUUID()) : null;
  const payload = clockRows(planned, ids);
  // Batch intake starts hundreds of clocks per chunk: on its transaction's own connection when
  // it has one (ADR 0020), through Prisma otherwise.
  const query = await bulkQuery(tx);
  const values = [payload, policy.id, now.toISOString()];
  let started: { row: { id: string; kind: string; subject_type: string; subject_id: string }; plan: TPlanned }[];
  if (ids) {
    // Ids made here (crypto.randomUUID, as gen_random_uuid()): the clocks and their timers are sent together.
    const [inserted] = await Promise.all([
      queryRows<{ id: string }>(tx, query, INSERT_WITH_IDS, values),
      scheduleTimers(tx, planned.map((plan, i) => timerOf(ids[i]!, plan))),
    ]);
    if (inserted.length !== planned.length) throw new Error("An SLA clock this transaction was to start exists already: its subject was not locked by the caller.");
    started = planned.map((plan, i) => ({ row: { id: ids[i]!, kind: plan.kind, subject_type: plan.subjectType, subject_id: plan.subjectId }, plan }));
  } else {
    const inserted = await queryRows<{ id: string; kind: string; subject_type: string; subject_id: string }>(tx, query, INSERT, values);
    const byKey = new Map(planned.map((p) => [`${p.subjectType}:${p.subjectId}:${p.kind}`, p]));
    started = inserted.map((row) => ({ row, plan: byKey.get(`${row.subject_type}:${row.subject_id}:${row.kind}`)! }));
    await scheduleTimers(tx, started.map(({ row, plan }) => timerOf(row.id, plan)));
  }
  const subjects = await logSubjects(tx, started.map(({ row }) => ({ id: row.id, subjectType: row.subject_type, subjectId: row.subject_id })), options.knownRequests);
  return startedRecords(started, subjects, policy.id, options.actorId ?? null);
}

// A subject that already has an open clock of that kind keeps it (the partial unique index).
const INSERT = `
    INSERT INTO sla_clocks (kind, subject_type, subject_id, owner_id, team_id, policy_version_id, calendar_key, target_minutes, started_at, running_since, due_at, updated_at)
    SELECT r.kind, r.subject_type, r.subject_id, r.owner_id, r.team_id, $2::uuid, r.calendar_key, r.target_minutes, $3::timestamptz, $3::timestamptz, r.due_at, $3::timestamptz
    FROM jsonb_to_recordset($1::jsonb) AS r(kind text, subject_type text, subject_id uuid, owner_id uuid, team_id uuid, calendar_key text, target_minutes int, due_at timestamptz)
    ON CONFLICT (subject_type, subject_id, kind) WHERE status <> 'STOPPED' DO NOTHING
    RETURNING id, kind, subject_type, subject_id::text`;

// The same with the ids made by the app (options.exclusive): the caller checks every row came back.
const INSERT_WITH_IDS = `
    INSERT INTO sla_clocks (id, kind, subject_type, subject_id, owner_id, team_id, policy_version_id, calendar_key, target_minutes, started_at, running_since, due_at, updated_at)
    SELECT r.id, r.kind, r.subject_type, r.subject_id, r.owner_id, r.team_id, $2::uuid, r.calendar_key, r.target_minutes, $3::timestamptz, $3::timestamptz, r.due_at, $3::timestamptz
    FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, kind text, subject_type text, subject_id uuid, owner_id uuid, team_id uuid, calendar_key text, target_minutes int, due_at timestamptz)
    ON CONFLICT (subject_type, subject_id, kind) WHERE status <> 'STOPPED' DO NOTHING
    RETURNING id`;

/** The clocks to start (those the policy defines a target for), with their calendars and first timers. Pure. */
export function planStarts(policy: { id: string; body: TSlaPolicy }, starts: readonly TClockStart[], context: Pick<TClockContext, "now" | "owners">): TPlanned[] {
  const { now, owners } = context;
  const planned: TPlanned[] = [];
  for (const start of starts) {
    const def = policy.body.clocks.find((c) => c.id === start.kind);
    const target = def ? clockTarget(def, start.targetMinutes) : null;
    if (!def || target === null) continue;
    const owner = start.ownerId ? (owners.get(start.ownerId) ?? null) : null;
    const calendar = resolveClockCalendar(policy.body, def, { owner, region: start.region });
    const running = { runningSince: now, consumedMinutes: 0 };
    const first = clockMilestones(def, target)[0]!;
    planned.push({
      ...start,
      label: def.label,
      target,
      calendarKey: calendar.key,
      calendarReason: calendar.reason,
      dueAt: milestoneDueAt(calendar.calendar, running, target),
      firstAt: milestoneDueAt(calendar.calendar, running, first.at),
      firstKey: milestoneKey(first),
    });
  }
  return planned;
}

/** The started clocks and their "clock started" entries. */
export function startedRecords(
  started: readonly { row: { id: string; subject_type: string; subject_id: string }; plan: TPlanned }[],
  subjects: ReadonlyMap<string, TLogSubject>,
  policyId: string,
  actorId: string | null,
): { clocks: TStartedClock[]; decisions: TDecisionEntry[] } {
  const clocks: TStartedClock[] = started.map(({ row, plan }) => ({
    id: row.id,
    kind: plan.kind,
    subjectType: plan.subjectType,
    subjectId: plan.subjectId,
    ownerId: plan.ownerId,
    dueAt: plan.dueAt,
    targetMinutes: plan.target,
    calendarKey: plan.calendarKey,
  }));
  const decisions: TDecisionEntry[] = started.map(({ row, plan }) => {
    const subject = subjects.get(row.id)!;
    return {
      kind: "sla.clock_started",
      subjectType: subject.subjectType,
      subjectId: subject.subjectId,
      actorId,
      policyVersionId: policyId,
      input: { clockId: row.id, clock: plan.kind, subjectType: plan.subjectType, subjectId: plan.subjectId, ownerId: plan.ownerId, teamId: plan.teamId, targetMinutes: plan.target },
      output: { dueAt: plan.dueAt.toISOString(), calendarKey: plan.calendarKey },
      reasons: [
        `"${plan.label}" clock started: ${plan.reason}.`,
        `It allows ${describeMinutes(plan.target)}, ${plan.calendarReason}, so it is due ${plan.dueAt.toISOString().replace("T", " ").slice(0, 16)} UTC.`,
      ],
    };
  });
  return { clocks, decisions };
}

/** The clocks' rows as the insert's one jsonb parameter (with the app's ids when given). */
function clockRows(planned: readonly TPlanned[], ids: readonly string[] | null): string {
  return JSON.stringify(
    planned.map((p, i) => ({
      ...(ids ? { id: ids[i] } : {}),
      kind: p.kind,
      subject_type: p.subjectType,
      subject_id: p.subjectId,
      owner_id: p.ownerId,
      team_id: p.teamId,
      calendar_key: p.calendarKey,
      target_minutes: p.target,
      due_at: p.dueAt.toISOString(),
    })),
  );
}

const timerOf = (id: string, plan: TPlanned): TTimer => ({ clockId: id, generation: 0, fireAt: plan.firstAt, milestone: plan.firstKey });

/** Clock starts computed ahead for a transaction's last flight (planExclusiveStarts), sent by sendExclusiveStarts. */
export type TPlannedStarts = { values: unknown[]; timers: TTimer[]; boss: PgBoss | null; clocks: TStartedClock[]; decisions: TDecisionEntry[] };

/**
 * startClocks' `exclusive` case (the caller holds its subjects' locks and read their open clocks
 * under them), split for a transaction's last flight (ADR 0029): everything that may read (the
 * policy body, the log subjects, pg-boss's sender and queue) happens here, and the clock ids are
 * made here, so the decisions are known before anything is written.
 */
export async function planExclusiveStarts(
  tx: TSqlTx,
  starts: readonly TClockStart[],
  options: { actorId?: string | null; knownRequests?: ReadonlyMap<string, string>; context: TClockContext },
): Promise<TPlannedStarts> {
  const none: TPlannedStarts = { values: [], timers: [], boss: null, clocks: [], decisions: [] };
  const { now, slaPolicyId } = options.context;
  if (starts.length === 0 || !slaPolicyId) return none;
  const policy = { id: slaPolicyId, body: await slaPolicyVersion(tx, slaPolicyId) };
  const planned = planStarts(policy, starts, options.context);
  if (planned.length === 0) return none;
  const ids = planned.map(() => randomUUID());
  const started = planned.map((plan, i) => ({ row: { id: ids[i]!, kind: plan.kind, subject_type: plan.subjectType, subject_id: plan.subjectId }, plan }));
  const subjects = await logSubjects(tx, started.map(({ row }) => ({ id: row.id, subjectType: row.subject_type, subjectId: row.subject_id })), options.knownRequests);
  return {
    values: [clockRows(planned, ids), policy.id, now.toISOString()],
    timers: planned.map((plan, i) => timerOf(ids[i]!, plan)),
    boss: await timerSender(),
    ...startedRecords(started, subjects, policy.id, options.actorId ?? null),
  };
}

/**
 * Sends planned starts: the clocks' insert and their timers' insert, both before this returns.
 * The insert has no ON CONFLICT: a clock that exists after all (it cannot under the caller's
 * locks) fails the statement with the open-clock index's unique violation, so the transaction
 * is aborted even though its COMMIT is already on its way.
 */
export function sendExclusiveStarts(tx: PgTransaction, planned: TPlannedStarts): Promise<unknown>[] {
  if (planned.timers.length === 0 || !planned.boss) return [];
  return [tx.query(INSERT_EXCLUSIVE, planned.values), sendTimers(tx, planned.boss, planned.timers, tx.query)];
}

const INSERT_EXCLUSIVE = `
    INSERT INTO sla_clocks (id, kind, subject_type, subject_id, owner_id, team_id, policy_version_id, calendar_key, target_minutes, started_at, running_since, due_at, updated_at)
    SELECT r.id, r.kind, r.subject_type, r.subject_id, r.owner_id, r.team_id, $2::uuid, r.calendar_key, r.target_minutes, $3::timestamptz, $3::timestamptz, r.due_at, $3::timestamptz
    FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, kind text, subject_type text, subject_id uuid, owner_id uuid, team_id uuid, calendar_key text, target_minutes int, due_at timestamptz)`;
