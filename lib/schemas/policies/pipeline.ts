import { z } from "zod";
import { ZLabel, ZNote, reportDuplicates } from "./common";

// Pipeline hygiene: opportunity stages in order with the fields each one requires, how stage
// skips are treated, when a deal counts as stale, and what closing requires. Advancing to a
// stage checks that stage's requiredFields (and those of every stage before it).

export const OPPORTUNITY_STAGES = ["QUALIFIED", "DISCOVERY", "EVALUATION", "PROPOSAL", "NEGOTIATION", "CLOSED_WON", "CLOSED_LOST"] as const;
export type TOpportunityStage = (typeof OPPORTUNITY_STAGES)[number];
const CLOSED: readonly TOpportunityStage[] = ["CLOSED_WON", "CLOSED_LOST"];

/** Opportunity fields a stage can require (columns of the opportunities table). */
export const OPPORTUNITY_FIELDS = [
  "account",
  "amount",
  "closeDate",
  "products",
  "termMonths",
  "paymentTermsDays",
  "discountPct",
  "source",
  "lossReason",
  "competitor",
] as const;
export type TOpportunityField = (typeof OPPORTUNITY_FIELDS)[number];
export const ZOpportunityField = z.enum(OPPORTUNITY_FIELDS, { error: `Required fields are among ${OPPORTUNITY_FIELDS.join(", ")}` });

export const ZPipelineStage = z
  .object({
    stage: z.enum(OPPORTUNITY_STAGES, { error: `Stage must be one of ${OPPORTUNITY_STAGES.join(", ")}` }),
    label: ZLabel,
    requiredFields: z.array(ZOpportunityField),
    /** Typical days in the stage; the stale rule and velocity metrics use it. Closed stages have none. */
    averageDays: z.number().positive("Average days must be above 0").max(3650).optional(),
    exitCriteria: ZNote.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    reportDuplicates(ctx, s.requiredFields, (f) => f, (i) => ["requiredFields", i], "required field");
    if (!CLOSED.includes(s.stage) && s.averageDays === undefined) {
      ctx.addIssue({ code: "custom", path: ["averageDays"], message: `Open stage ${s.stage} needs averageDays (the stale rule uses it)` });
    }
  });
export type TPipelineStage = z.infer<typeof ZPipelineStage>;

export const ZLossReason = z
  .object({ code: z.string().regex(/^[A-Z][A-Z0-9_]*$/, "Loss reason codes are UPPER_SNAKE_CASE"), label: ZLabel })
  .strict();

export const ZPipelinePolicy = z
  .object({
    /** Every stage exactly once, in the order deals move through them; closed stages last. */
    stages: z.array(ZPipelineStage),
    /** What happens when a deal jumps over a stage (Qualified → Proposal). */
    skipPolicy: z.enum(["FLAG", "BLOCK"], { error: "skipPolicy is FLAG or BLOCK" }),
    /** A deal is stale after staleMultiplier × its stage's averageDays. */
    staleMultiplier: z.number().gt(1, "The stale multiplier must be above 1").max(20),
    closeDatePushRequiresReason: z.boolean(),
    closedLostRequires: z.array(z.enum(["lossReason", "competitor"], { error: "Closed-lost can require lossReason and competitor" })),
    lossReasons: z.array(ZLossReason).min(1, "List at least one loss reason"),
  })
  .strict()
  .superRefine((body, ctx) => {
    reportDuplicates(ctx, body.stages, (s) => s.stage, (i) => ["stages", i, "stage"], "stage");
    reportDuplicates(ctx, body.lossReasons, (r) => r.code, (i) => ["lossReasons", i, "code"], "loss reason");
    reportDuplicates(ctx, body.closedLostRequires, (f) => f, (i) => ["closedLostRequires", i], "field");
    const present = new Set(body.stages.map((s) => s.stage));
    for (const stage of OPPORTUNITY_STAGES) {
      if (!present.has(stage)) ctx.addIssue({ code: "custom", path: ["stages"], message: `Stage ${stage} is missing` });
    }
    // Stage order is meaningful (skip detection, conversion funnels), so it must be the canonical one.
    const open = body.stages.filter((s) => !CLOSED.includes(s.stage)).map((s) => s.stage);
    const expectedOpen = OPPORTUNITY_STAGES.filter((s) => !CLOSED.includes(s) && present.has(s));
    if (open.join() !== expectedOpen.join()) {
      ctx.addIssue({ code: "custom", path: ["stages"], message: `Open stages must be in the order ${expectedOpen.join(" → ")}` });
    }
    const firstClosed = body.stages.findIndex((s) => CLOSED.includes(s.stage));
    if (firstClosed !== -1 && body.stages.slice(firstClosed).some((s) => !CLOSED.includes(s.stage))) {
      ctx.addIssue({ code: "custom", path: ["stages", firstClosed], message: "Closed stages come after every open stage" });
    }
  });

export type TPipelinePolicy = z.infer<typeof ZPipelinePolicy>;
