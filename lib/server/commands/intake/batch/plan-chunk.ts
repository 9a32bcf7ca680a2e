// Batch intake, in memory: match, merge, score and stage every valid item of a chunk in the
// order sent, exactly as if each had gone through single intake after the one before it had
// committed. The same pure pieces as the single path (lead-row, account-match-rule,
// score-row, stage-plan, intake-entries) make the decisions; only the reads and writes are
// batched. A later item naming a lead an earlier item created or changed sees that lead as
// the earlier item left it, so duplicates within a chunk merge instead of colliding.
import type { TRoutingLead } from "@/lib/engine/routing";
import type { Lead } from "@/lib/generated/prisma/client";
import type { TLeadChannel } from "@/lib/schemas/leads";
import type { TLifecyclePolicy } from "@/lib/schemas/policies/lifecycle";
import type { TScoringPolicy } from "@/lib/schemas/policies/scoring";
import type { TDecisionEntry } from "../../../decision-log";
import { accountMatchFrom } from "../account-match-rule";
import { conflictMessage, createdEntry, mergedEntry } from "../intake-entries";
import { mergedLeadRow, newLeadRow } from "../lead-row";
import { displayOf, routingLeadOf, type TAccountRow } from "../routing-input";
import { scoreLeadRow } from "../score-row";
import { planIntakeStage, type TStagePlan } from "../stage-plan";
import type { TChunkContext } from "./load-chunk";
import type { TValidItem } from "./parse-items";

export type TEntry = Omit<TDecisionEntry, "subjectId">;

/** One lead the chunk touches: its row as it will be written, and whether it is new. */
export type TLeadState = { row: Lead; isNew: boolean; changed: boolean };

export type TPlannedItem =
  | { index: number; ok: false; error: string }
  | {
      index: number;
      ok: true;
      status: "created" | "updated";
      leadId: string;
      /** The lead existed (stored, or made by an earlier item of this chunk) before this item. */
      existedBefore: boolean;
      entries: TEntry[];
      routingLead: TRoutingLead;
      display: { name: string; company: string | null };
      stageTransition: TStagePlan["transition"];
      becameMql: boolean;
      /** What single intake answers with: the score, and in plain words the account match, the merge and a refused stage change. */
      score: ReturnType<typeof scoreLeadRow>["score"];
      explanation: string[];
    };

export type TChunkPlan = { items: TPlannedItem[]; leads: Map<string, TLeadState> };

export function planChunk(args: {
  items: readonly TValidItem[];
  context: TChunkContext;
  channel: TLeadChannel;
  now: Date;
  /** History: scored and logged, never moved to MQL (see planIntakeStage). */
  historical?: boolean;
  scoring: { id: string; body: TScoringPolicy };
  lifecycle: { id: string; body: TLifecyclePolicy };
  newId: () => string;
}): TChunkPlan {
  const { context, channel, now, scoring, lifecycle } = args;
  const leads = new Map<string, TLeadState>();
  const byEmail = new Map<string, string>();
  const byExternal = new Map<string, string>();
  const index = (row: Lead) => {
    if (row.email) byEmail.set(row.email, row.id);
    if (row.externalId) byExternal.set(row.externalId, row.id);
  };
  for (const row of context.leads) {
    leads.set(row.id, { row, isNew: false, changed: false });
    index(row);
  }

  const items: TPlannedItem[] = args.items.map(({ index: itemIndex, lead }) => {
    const emailId = lead.email ? byEmail.get(lead.email) : undefined;
    const externalId = lead.externalId ? byExternal.get(lead.externalId) : undefined;
    if (emailId && externalId && emailId !== externalId) return { index: itemIndex, ok: false, error: conflictMessage(lead) };
    const existing = leads.get(emailId ?? externalId ?? "");

    const byDomain = lead.domain && !lead.isPersonalEmail ? context.accountsByDomain.get(lead.domain) : undefined;
    const { account, reason: accountReason } = accountMatchFrom<TAccountRow>(lead, byDomain, lead.normalizedCompany ? (context.accountsByName.get(lead.normalizedCompany) ?? []) : []);

    let state: TLeadState;
    const entries: TEntry[] = [];
    const explanation = [accountReason];
    if (existing) {
      const { row, merge } = mergedLeadRow(existing.row, lead, channel, now, account?.id ?? null);
      // A merge may change the lead's e-mail or external id: the old keys no longer lead here.
      if (existing.row.email && existing.row.email !== row.email) byEmail.delete(existing.row.email);
      if (existing.row.externalId && existing.row.externalId !== row.externalId) byExternal.delete(existing.row.externalId);
      state = { row, isNew: existing.isNew, changed: true };
      entries.push(mergedEntry(channel, lead, merge));
      explanation.push(...merge.reasons);
    } else {
      state = { row: newLeadRow({ id: args.newId(), lead, channel, now, accountId: account?.id ?? null }), isNew: true, changed: true };
      entries.push(createdEntry(channel, lead, state.row.id));
    }
    leads.set(state.row.id, state);
    index(state.row);

    const activities = existing && !existing.isNew ? (context.activitiesByLead.get(state.row.id) ?? []) : [];
    const { stored, activityCounts, custom, score, entry: scored } = scoreLeadRow({ stored: state.row, activities, account, scoring, now });
    entries.push(scored);
    const stage = planIntakeStage(lifecycle, { stage: state.row.lifecycleStage, isNew: !existing, score, now, historical: args.historical });
    if (stage.entry) entries.push(stage.entry);
    if (stage.refused) explanation.push(stage.refused);
    state.row = { ...state.row, fitScore: score.fit, engagementScore: Math.round(score.engagement), negativeScore: score.negative, score: score.total, lifecycleStage: stage.stage };
    return {
      index: itemIndex,
      ok: true,
      status: existing ? "updated" : "created",
      leadId: state.row.id,
      existedBefore: existing !== undefined,
      entries,
      routingLead: routingLeadOf(stored, { stage: stage.stage, score, custom, activityCounts, account }),
      display: displayOf(stored, account),
      stageTransition: stage.transition,
      becameMql: stage.entry !== null,
      score,
      explanation,
    };
  });
  return { items, leads };
}
