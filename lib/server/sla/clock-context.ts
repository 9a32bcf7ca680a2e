import "server-only";
import type { TCalendarOwner } from "@/lib/engine/sla/clock-plan";
import type { Tx } from "../db";

// Small shared reads for the clock commands and the timer: database time, owners (with
// what their calendar and escalations need) and where a clock's record lives.

/** The database's clock, to the millisecond (what timestamptz(3) keeps): deadlines never use a node's clock. */
export async function databaseNow(tx: Tx): Promise<Date> {
  const [row] = await tx.$queryRaw<{ now: Date }[]>`SELECT date_trunc('milliseconds', clock_timestamp()) AS now`;
  return row!.now;
}

export type TClockOwner = TCalendarOwner & { managerId: string | null; teamId: string | null };

export async function loadOwners(tx: Tx, ids: readonly (string | null)[]): Promise<Map<string, TClockOwner>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  if (unique.length === 0) return new Map();
  const users = await tx.user.findMany({ where: { id: { in: unique } }, select: { id: true, timezone: true, workingHours: true, region: true, managerId: true, teamId: true } });
  return new Map(users.map((u) => [u.id, u]));
}

export type TLogSubject = { subjectType: string; subjectId: string; link: string };

/**
 * Where a clock's decisions are logged and what a notification links to: the lead, the
 * exception request an approval step belongs to, or the opportunity.
 */
export async function logSubjects(tx: Tx, clocks: readonly { id: string; subjectType: string; subjectId: string }[]): Promise<Map<string, TLogSubject>> {
  const stepIds = clocks.filter((c) => c.subjectType === "APPROVAL_STEP").map((c) => c.subjectId);
  const steps = stepIds.length === 0 ? [] : await tx.approvalStep.findMany({ where: { id: { in: stepIds } }, select: { id: true, requestId: true } });
  const requestOf = new Map(steps.map((s) => [s.id, s.requestId]));
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
