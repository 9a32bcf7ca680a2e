import { z } from "zod";
import { ZActivityType, ZLabel, ZNote, ZRole, reportDuplicates } from "./common";

// Lead lifecycle: stage definitions with entry / exit criteria and owners, the transitions
// allowed between stages, the reason codes for rejecting an MQL, and how recycled leads
// come back. A transition not listed is refused by the lifecycle engine.

export const LIFECYCLE_STAGES = [
  "SUBSCRIBER",
  "LEAD",
  "MQL",
  "SQL",
  "OPPORTUNITY",
  "CUSTOMER",
  "EVANGELIST",
  "RECYCLED",
  "DISQUALIFIED",
] as const;
export type TLifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export const ZLifecycleStage = z.enum(LIFECYCLE_STAGES, { error: `Stage must be one of ${LIFECYCLE_STAGES.join(", ")}` });

export const OWNING_TEAMS = ["MARKETING", "SALES_DEVELOPMENT", "SALES", "CUSTOMER_SUCCESS", "REVOPS"] as const;

export const ZLifecycleStageDefinition = z
  .object({
    stage: ZLifecycleStage,
    label: ZLabel,
    entryCriteria: ZNote.min(1, "Say what puts a lead in this stage"),
    exitCriteria: ZNote.min(1, "Say what moves a lead out of this stage"),
    ownerTeam: z.enum(OWNING_TEAMS, { error: `Owning team must be one of ${OWNING_TEAMS.join(", ")}` }),
    /** The role that acts on leads in this stage, when one role does. */
    ownerRole: ZRole.optional(),
  })
  .strict();

export const ZLifecycleTransition = z
  .object({
    from: ZLifecycleStage,
    to: ZLifecycleStage,
    /** AUTOMATIC: the system moves the lead (score crosses the threshold); MANUAL: a person does. */
    trigger: z.enum(["AUTOMATIC", "MANUAL"], { error: "Trigger is AUTOMATIC or MANUAL" }),
    requiresReason: z.boolean(),
  })
  .strict()
  .refine((t) => t.from !== t.to, { path: ["to"], error: "A transition must change the stage" });

export const ZRejectReason = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'Reason codes are UPPER_SNAKE_CASE, e.g. "NO_BUDGET"'),
    label: ZLabel,
    /** Where a lead rejected with this reason goes. */
    outcome: z.enum(["RECYCLED", "DISQUALIFIED"], { error: "A rejected lead is RECYCLED or DISQUALIFIED" }),
  })
  .strict();

export const ZRecycleRules = z
  .object({
    /** A recycled lead with new high-intent activity is re-scored and may become an MQL again. */
    requalifyOnNewIntent: z.boolean(),
    highIntentActivityTypes: z.array(ZActivityType),
    /** Days a lead stays in recycling before new intent can requalify it. */
    minDaysBeforeRequalify: z.number().int().min(0),
    notifyLastOwner: z.boolean(),
    nurtureTrack: ZLabel.optional(),
  })
  .strict();

export const ZLifecyclePolicy = z
  .object({
    stages: z.array(ZLifecycleStageDefinition),
    transitions: z.array(ZLifecycleTransition).min(1, "List the transitions the lifecycle allows"),
    rejectReasons: z.array(ZRejectReason).min(1, "MQL rejections need at least one reason code"),
    recycle: ZRecycleRules,
  })
  .strict()
  .superRefine((body, ctx) => {
    reportDuplicates(ctx, body.stages, (s) => s.stage, (i) => ["stages", i, "stage"], "stage");
    const defined = new Set(body.stages.map((s) => s.stage));
    for (const stage of LIFECYCLE_STAGES) {
      if (!defined.has(stage)) ctx.addIssue({ code: "custom", path: ["stages"], message: `Stage ${stage} has no definition` });
    }
    reportDuplicates(ctx, body.transitions, (t) => `${t.from}→${t.to}`, (i) => ["transitions", i], "transition");
    reportDuplicates(ctx, body.rejectReasons, (r) => r.code, (i) => ["rejectReasons", i, "code"], "reason code");
    body.transitions.forEach((t, i) => {
      // The handoff contract: an MQL leaves sales' hands only with a reason code.
      if (t.from === "MQL" && (t.to === "RECYCLED" || t.to === "DISQUALIFIED") && !t.requiresReason) {
        ctx.addIssue({ code: "custom", path: ["transitions", i, "requiresReason"], message: `Rejecting an MQL (${t.from} → ${t.to}) must require a reason code` });
      }
    });
    if (body.recycle.requalifyOnNewIntent) {
      if (body.recycle.highIntentActivityTypes.length === 0) {
        ctx.addIssue({ code: "custom", path: ["recycle", "highIntentActivityTypes"], message: "Name the activity types that count as new intent" });
      }
      if (!body.transitions.some((t) => t.from === "RECYCLED" && t.to === "MQL")) {
        ctx.addIssue({ code: "custom", path: ["recycle", "requalifyOnNewIntent"], message: "Requalifying needs a RECYCLED → MQL transition" });
      }
    }
  });

export type TLifecyclePolicy = z.infer<typeof ZLifecyclePolicy>;
