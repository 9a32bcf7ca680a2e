import "server-only";
import { randomUUID } from "node:crypto";
import { normaliseLead } from "@/lib/engine/intake/normalise";
import { ZLeadInput, type TLeadChannel } from "@/lib/schemas/leads";
import type { TSessionUser } from "../../auth/session-user";
import { appendDecisions, type TDecisionEntry } from "../../decision-log";
import { conflict, fieldErrorsFromZod, invalidState, validationError } from "../../errors";
import { withPgTransaction } from "../../pg-transaction";
import { activePolicies } from "../../queries/active-policy";
import { enqueueWebhook } from "../../webhooks/enqueue-webhook";
import { notify } from "../../notifications/notify";
import { historicalPlacement, placeLeadAndApply, type TPlacement } from "./place-lead";
import { identityKeys } from "./lead-row";
import { lockIdentities } from "./identity-locks";
import { INTAKE_TRANSACTION_MS } from "./transaction-options";
import { loadChunkContext } from "./batch/load-chunk";
import { planChunk } from "./batch/plan-chunk";
import { writeLeadRows, writeTransitions } from "./batch/write-chunk";
import { leadClockStarts } from "../../sla/lead-clocks";
import { retargetClocks } from "../../sla/retarget-clocks";
import { startClocks } from "../../sla/start-clocks";

export type TIntakeResult = {
  status: "created" | "updated";
  leadId: string;
  lifecycleStage: string;
  score: { fit: number; engagement: number; negative: number; total: number; isMql: boolean; breakdown: unknown; reasons: readonly string[] };
  accountId: string | null;
  ownerId: string | null;
  queueTeamId: string | null;
  explanation: string[];
};

/**
 * The intake pipeline for one lead, in one transaction: normalise → validate → match/dedup →
 * merge → score → lifecycle stage → placement → decision log. Either all of it commits, or
 * nothing does. Concurrent submissions of the same person serialise on an advisory lock on
 * their identity, so 50 parallel submits of one e-mail make one lead. The reads and the
 * in-memory decisions are a batch chunk's (batch/load-chunk.ts, batch/plan-chunk.ts) for one
 * lead, so both paths decide alike by construction; the placement is this path's own (an
 * optimistic pick confirmed under the pool lock, ADR 0019).
 */
export async function intakeLead(options: {
  actor: Pick<TSessionUser, "id" | "role" | "name"> | null;
  raw: unknown;
  channel: TLeadChannel;
  now?: Date;
  /** A historical import: no SLA clock starts (its first touch happened long ago, or never will). */
  historical?: boolean;
}): Promise<TIntakeResult> {
  const parsed = ZLeadInput.safeParse(options.raw);
  if (!parsed.success) throw validationError("The lead did not pass validation.", fieldErrorsFromZod(parsed.error.issues));
  const normalised = normaliseLead(parsed.data);
  if (!normalised.ok) throw validationError("The lead did not pass validation.", normalised.fields);
  const lead = normalised.lead;
  const now = options.now ?? new Date();
  const [scoring, lifecycle, routing] = await activePolicies(["SCORING", "LIFECYCLE", "ROUTING"] as const);
  const historical = options.historical ?? false;
  const actorId = options.actor?.id ?? null;

  // A transaction on a pg client of its own, raw statements only (ADR 0027): Prisma's model API
  // and $transaction were most of this command's Node CPU.
  const { result, assignment } = await withPgTransaction(async (tx) => {
    await lockIdentities(tx, identityKeys(lead));
    // The same reads and in-memory decisions as a batch chunk of one (match, merge, score, stage).
    const context = await loadChunkContext(tx, [lead], now, { bulk: tx.query, pipelined: true });
    // From here on, generic plans: PostgreSQL planned the routing directory, team and pool reads
    // again on every call (a fifth of its time per request), while the plan made once per
    // connection serves them as well (ADR 0028 did the same for submit and decide). Not before: the reads by e-mail OR external id
    // need the plan made for the values (a generic one scans every lead). Sent without waiting:
    // the next statement follows it on the wire, and fails if it did.
    const genericPlans = tx.query("SET LOCAL plan_cache_mode = force_generic_plan", []);
    genericPlans.catch(() => {}); // awaited below; this only keeps a failure from counting as unhandled meanwhile
    const plan = planChunk({ items: [{ index: 0, lead }], context, channel: options.channel, now, historical, scoring, lifecycle, newId: randomUUID });
    const item = plan.items[0]!;
    if (!item.ok) throw conflict(item.error);
    const { leadId } = item;
    const planned = plan.leads.get(leadId)!.row;
    const existing = context.leads.find((l) => l.id === leadId) ?? null;
    const stage = planned.lifecycleStage;

    // Everything that follows from the placement, in this transaction: the lead row (written
    // once, with its owner), its stage history, the owner's inbox, the SLA clocks. It may run
    // twice: when another intake picked from the same pool meanwhile, the first run is rolled
    // back to a savepoint and the lead is placed again under the pool lock (place-lead.ts).
    const applyPlacement = async (placement: TPlacement): Promise<Omit<TDecisionEntry, "subjectId">[]> => {
      if (!placement.ownerId && !placement.queueTeamId && !historical) {
        throw invalidState(`No row of the routing matrix could assign this lead (${placement.reasons[0] ?? "no reason given"}). RevOps must end the matrix with a fallback row that always assigns: a queue or an active user.`);
      }
      const row = { ...planned, ownerId: placement.ownerId, queueTeamId: placement.queueTeamId };
      await writeLeadRows(tx, existing ? { inserts: [], updates: [row] } : { inserts: [row], updates: [] }, tx.query);
      if (item.stageTransition) await writeTransitions(tx, [{ leadId, ...item.stageTransition }], tx.query);
      const applied: Omit<TDecisionEntry, "subjectId">[] = placement.entry ? [placement.entry] : [];
      if (placement.notification) await notify(tx, [placement.notification]);
      if (!historical) {
        // SLA clocks: first touch for a newly placed lead, MQL accept when it became an MQL here.
        const moved = existing && placement.assigned ? await retargetClocks(tx, { subjectType: "LEAD", subjectId: leadId, newOwnerId: placement.ownerId, newTeamId: placement.queueTeamId, reason: "intake placed the lead again" }) : { decisions: [] };
        const clocks = await startClocks(tx, leadClockStarts({ leadId, ownerId: placement.ownerId, queueTeamId: placement.queueTeamId, region: item.routingLead.region ?? null, assigned: placement.assigned, becameMql: item.becameMql }));
        applied.push(...moved.decisions, ...clocks.decisions);
      }
      return applied;
    };
    const kept = historical ? historicalPlacement(existing) : null;
    const { placement, applied } = kept
      ? { placement: kept, applied: await applyPlacement(kept) }
      : await placeLeadAndApply(tx, { leadId, existing, channel: options.channel, actor: options.actor, routingLead: item.routingLead, policy: routing, now, display: item.display }, applyPlacement);
    const entries = [...item.entries, ...applied].map((e) => ({ ...e, subjectId: leadId, actorId }));
    await genericPlans; // answered long ago: statements that followed it on the wire have answered
    // The log goes last, and COMMIT rides right behind it (nothing after it can fail).
    await tx.last(() => appendDecisions(tx, entries));
    const { score } = item;
    const result: TIntakeResult = {
      status: item.status,
      leadId,
      lifecycleStage: stage,
      score: { fit: score.fit, engagement: score.engagement, negative: score.negative, total: score.total, isMql: score.isMql, breakdown: score.breakdown, reasons: score.reasons },
      accountId: planned.accountId,
      ownerId: placement.ownerId,
      queueTeamId: placement.queueTeamId,
      explanation: [...item.explanation, ...score.reasons, ...placement.reasons],
    };
    // What the lead.assigned webhook says, sent only once this transaction has committed.
    const assignment = placement.assigned ? { leadId, ownerId: placement.ownerId, queueTeamId: placement.queueTeamId, policyVersionId: routing.id, reason: placement.reasons[0] ?? null } : null;
    return { result, assignment };
    // A burst queues for a connection as long as the pool allows; the transaction may run a
    // minute: intakes that reach the same pool (and all of them, at the decision log) run one by
    // one, and the identity and pool locks a concurrent batch chunk holds are waited for.
  }, { timeoutMs: INTAKE_TRANSACTION_MS });
  // After commit, never inside: a webhook must not announce an assignment that rolled back.
  if (assignment) await enqueueWebhook("lead.assigned", assignment);
  return result;
}
