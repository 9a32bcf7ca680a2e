import "server-only";
import type { Tx } from "../db";
import type { TDecisionEntry } from "../decision-log";
import { startClocks } from "./start-clocks";
import { stopClocks } from "./stop-clocks";
import type { TClockStart } from "./types";

const STOP_WORDS: Record<string, string> = {
  APPROVED: "the step was approved",
  REJECTED: "the step was rejected",
  CHANGES_REQUESTED: "the approver asked for changes",
  SKIPPED: "the step was skipped (request withdrawn or decided elsewhere)",
  WAITING: "the step is waiting for an earlier stage again",
};

/**
 * Brings a request's APPROVAL_STAGE clocks in line with its steps, in the caller's
 * transaction after it wrote them: every PENDING step has a running clock (its stage's SLA
 * from the stored plan), every other step has none. Idempotent, so submit, decide, counter
 * offer, resubmit and withdraw all make the same one call. Returns decisions for the
 * caller's appendDecisions.
 */
export async function syncApprovalClocks(tx: Tx, requestId: string, options: { actorId?: string | null } = {}): Promise<TDecisionEntry[]> {
  const request = await tx.exceptionRequest.findUnique({
    where: { id: requestId },
    select: { plan: true, steps: { select: { id: true, stageIndex: true, status: true, assigneeId: true, approverRole: true } }, opportunity: { select: { account: { select: { region: true } } } } },
  });
  if (!request || request.steps.length === 0) return [];
  const open = await tx.slaClock.findMany({ where: { subjectType: "APPROVAL_STEP", subjectId: { in: request.steps.map((s) => s.id) }, status: { not: "STOPPED" } }, select: { subjectId: true } });
  const running = new Set(open.map((c) => c.subjectId));
  const decisions: TDecisionEntry[] = [];
  for (const step of request.steps) {
    if (step.status === "PENDING" || !running.has(step.id)) continue;
    const stopped = await stopClocks(tx, { subjectType: "APPROVAL_STEP", subjectId: step.id, reason: STOP_WORDS[step.status] ?? `the step is ${step.status.toLowerCase()}`, actorId: options.actorId });
    decisions.push(...stopped.decisions);
  }
  const slaHours = new Map((((request.plan ?? {}) as { stages?: { index: number; slaBusinessHours?: number }[] }).stages ?? []).map((s) => [s.index, s.slaBusinessHours ?? 24]));
  const starts: TClockStart[] = request.steps
    .filter((s) => s.status === "PENDING" && !running.has(s.id))
    .map((s) => ({
      kind: "APPROVAL_STAGE",
      subjectType: "APPROVAL_STEP",
      subjectId: s.id,
      ownerId: s.assigneeId,
      teamId: null,
      region: request.opportunity.account?.region ?? null,
      targetMinutes: Math.round((slaHours.get(s.stageIndex) ?? 24) * 60),
      reason: `the ${s.approverRole.replaceAll("_", " ").toLowerCase()} approval stage opened`,
    }));
  decisions.push(...(await startClocks(tx, starts, { actorId: options.actorId })).decisions);
  return decisions;
}
