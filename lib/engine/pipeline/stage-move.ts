import type { TOpportunityField, TOpportunityStage, TPipelinePolicy } from "@/lib/schemas/policies/pipeline";

// Whether an opportunity may move from one stage to another under the pipeline policy, with
// the reasons in plain words. Rules (lib/schemas/policies/pipeline.ts):
// - a closed deal stays closed (reopening is not a stage move);
// - advancing checks the target stage's requiredFields and those of every open stage before
//   it; closing lost checks only its own fields and closedLostRequires (a lost deal may
//   never have reached a proposal), moving back checks nothing;
// - jumping over open stages is refused under skipPolicy BLOCK and flagged under FLAG.

const CLOSED: readonly TOpportunityStage[] = ["CLOSED_WON", "CLOSED_LOST"];
export const isClosedStage = (stage: TOpportunityStage) => CLOSED.includes(stage);

/** What the rules need to know about the opportunity: which of its fields hold a value. */
export type TStageMoveFacts = { from: TOpportunityStage; to: TOpportunityStage; filled: ReadonlySet<TOpportunityField> };

export type TStageMove =
  | { allowed: true; direction: "FORWARD" | "BACKWARD" | "CLOSE"; skipped: TOpportunityStage[]; reasons: string[] }
  | { allowed: false; problem: string; missingFields: TOpportunityField[] };

const label = (policy: TPipelinePolicy, stage: TOpportunityStage) => policy.stages.find((s) => s.stage === stage)?.label ?? stage;

export function planStageMove(policy: TPipelinePolicy, facts: TStageMoveFacts): TStageMove {
  const { from, to } = facts;
  const refuse = (problem: string, missingFields: TOpportunityField[] = []): TStageMove => ({ allowed: false, problem, missingFields });
  if (from === to) return refuse(`The opportunity is already in ${label(policy, to)}.`);
  if (isClosedStage(from)) return refuse(`The opportunity is ${label(policy, from).toLowerCase()}; a closed deal does not change stage.`);

  const open = policy.stages.filter((s) => !isClosedStage(s.stage));
  const fromIndex = open.findIndex((s) => s.stage === from);
  const toIndex = open.findIndex((s) => s.stage === to);
  if (!isClosedStage(to) && toIndex < fromIndex) {
    return { allowed: true, direction: "BACKWARD", skipped: [], reasons: [`Moved back from ${label(policy, from)} to ${label(policy, to)}.`] };
  }

  const required = new Set<TOpportunityField>();
  if (to === "CLOSED_LOST") {
    for (const f of policy.stages.find((s) => s.stage === to)?.requiredFields ?? []) required.add(f);
    for (const f of policy.closedLostRequires) required.add(f);
  } else {
    const through = to === "CLOSED_WON" ? open.length - 1 : toIndex;
    for (const s of open.slice(0, through + 1)) for (const f of s.requiredFields) required.add(f);
    for (const f of policy.stages.find((s) => s.stage === to)?.requiredFields ?? []) required.add(f);
  }
  const missing = [...required].filter((f) => !facts.filled.has(f));
  if (missing.length > 0) return refuse(`${label(policy, to)} needs ${missing.join(", ")} filled in first.`, missing);

  const skipped = isClosedStage(to) ? [] : open.slice(fromIndex + 1, toIndex).map((s) => s.stage);
  const reasons = [`Moved from ${label(policy, from)} to ${label(policy, to)}.`];
  if (skipped.length > 0) {
    const names = skipped.map((s) => label(policy, s)).join(", ");
    if (policy.skipPolicy === "BLOCK") return refuse(`The pipeline policy does not allow skipping stages: move through ${names} first.`);
    reasons.push(`Skipped ${names} (allowed by the pipeline policy, flagged for review).`);
  }
  if (required.size > 0) reasons.push(`Required fields present: ${[...required].join(", ")}.`);
  return { allowed: true, direction: isClosedStage(to) ? "CLOSE" : "FORWARD", skipped, reasons };
}
