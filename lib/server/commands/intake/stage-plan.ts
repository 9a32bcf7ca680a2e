// Step "lifecycle stage" of intake, shared by the single and the batch path: a lead the model
// calls an MQL moves to MQL when the lifecycle policy allows it; a new lead's first stage is
// recorded. Pure: returns the transition row, the log entry and any explanation.
import { planTransition } from "@/lib/engine/lifecycle";
import type { TLifecyclePolicy } from "@/lib/schemas/policies/lifecycle";
import type { LifecycleStage } from "@/lib/generated/prisma/enums";
import type { TDecisionEntry } from "../../decision-log";

export type TStagePlan = {
  stage: LifecycleStage;
  transition: { fromStage: LifecycleStage | null; toStage: LifecycleStage; reason: string } | null;
  entry: Omit<TDecisionEntry, "subjectId"> | null;
  /** Why the lead did not move although the model said MQL (the policy refused). */
  refused: string | null;
};

export function planIntakeStage(lifecycle: { id: string; body: TLifecyclePolicy }, args: { stage: LifecycleStage; isNew: boolean; score: { total: number; isMql: boolean }; now: Date; historical?: boolean }): TStagePlan {
  const { stage, isNew, score, now } = args;
  // History is scored and logged but never moved: its MQL decision happened (or not) long ago.
  if (args.historical) return { stage, transition: isNew ? { fromStage: null, toStage: stage, reason: "Created by a historical import" } : null, entry: null, refused: null };
  if (score.isMql && (stage === "LEAD" || stage === "SUBSCRIBER")) {
    const move = planTransition(lifecycle.body, { stage, score: { total: score.total, isMql: true } }, { to: "MQL", now });
    if (!move.ok) return { stage, transition: null, entry: null, refused: move.error };
    return {
      stage: "MQL",
      transition: { fromStage: stage, toStage: "MQL", reason: move.reasons.join(" ") },
      entry: { kind: "lead.stage_changed", subjectType: "lead", policyVersionId: lifecycle.id, input: { from: stage, score: score.total }, output: { to: "MQL" }, reasons: move.reasons },
      refused: null,
    };
  }
  if (isNew) return { stage, transition: { fromStage: null, toStage: stage, reason: "Created by intake" }, entry: null, refused: null };
  return { stage, transition: null, entry: null, refused: null };
}
