import { z } from "zod";
import { ZLabel, ZPolicyId, reportDuplicates } from "./common";

// Deal-desk approval tiers as data. Semantics the approval engine implements:
// - a DISCOUNT request at or below autoApproveMaxDiscountPct (and no other deviation) is
//   auto-approved, and still logged;
// - a tier applies when every bound in `when` holds. Discount bounds are half-open,
//   minDiscountPct < discount <= maxDiscountPct, so consecutive tiers (10–20, 20–40) chain
//   without overlap; minAcv, minTermMonths and minPaymentTermsDays are inclusive (>=);
// - among applying tiers with cumulative = false only the LAST one in list order counts
//   (a "most senior rung only" ladder of bounded bands);
// - every applying tier with cumulative = true ADDS its stages (the default discount ladder:
//   rungs with lower bounds only, so 27% needs the manager, then the VP; finance + legal on
//   top for a large deal);
// - a stage whose approvers all already appear in an earlier stage is dropped, so nobody
//   is asked to approve twice;
// - stages run in order; all approvers of one stage decide in parallel and all must approve;
// - with no eligible approver (self-approval, absent without delegate) a step goes to
//   fallbackGroup.

export const DEVIATIONS = ["DISCOUNT", "PAYMENT_TERMS", "MULTI_YEAR", "CUSTOM_LEGAL", "VOLUME_DISCOUNT", "OTHER"] as const;
export type TDeviation = (typeof DEVIATIONS)[number];

export const APPROVER_ROLES = ["MANAGER", "REGION_VP", "DEAL_DESK", "FINANCE", "LEGAL"] as const;
export type TApproverRole = (typeof APPROVER_ROLES)[number];
export const ZApproverRole = z.enum(APPROVER_ROLES, { error: `Approvers are ${APPROVER_ROLES.join(", ")}` });

const ZPct = z.number().min(0, "Percentages are 0 to 100").max(100, "Percentages are 0 to 100");

export const ZApprovalCondition = z
  .object({
    /** "ANY" applies to every deviation type (e.g. any deviation on a large deal). */
    deviation: z.enum([...DEVIATIONS, "ANY"], { error: `Deviation must be one of ${DEVIATIONS.join(", ")} or ANY` }),
    minDiscountPct: ZPct.optional(),
    maxDiscountPct: ZPct.optional(),
    /** Annual contract value in the deal currency. */
    minAcv: z.number().min(0, "The minimum ACV cannot be negative").optional(),
    minTermMonths: z.number().int().min(1, "Terms are at least 1 month").optional(),
    minPaymentTermsDays: z.number().int().min(0, "Payment terms cannot be negative").optional(),
  })
  .strict()
  .superRefine((w, ctx) => {
    if (w.minDiscountPct !== undefined && w.maxDiscountPct !== undefined && w.minDiscountPct >= w.maxDiscountPct) {
      ctx.addIssue({
        code: "custom",
        path: ["maxDiscountPct"],
        message: `maxDiscountPct (${w.maxDiscountPct}) must be above minDiscountPct (${w.minDiscountPct})`,
      });
    }
  });
export type TApprovalCondition = z.infer<typeof ZApprovalCondition>;

export const ZApprovalStage = z
  .object({
    approvers: z.array(ZApproverRole).min(1, "A stage needs at least one approver"),
    slaBusinessHours: z.number().int("SLA hours are whole numbers").min(1, "A stage SLA is at least 1 business hour").max(720),
  })
  .strict()
  .superRefine((s, ctx) => reportDuplicates(ctx, s.approvers, (a) => a, (i) => ["approvers", i], "approver"));
export type TApprovalStage = z.infer<typeof ZApprovalStage>;

export const ZApprovalTier = z
  .object({
    id: ZPolicyId,
    label: ZLabel,
    when: ZApprovalCondition,
    stages: z.array(ZApprovalStage).min(1, "A tier needs at least one stage"),
    cumulative: z.boolean(),
  })
  .strict();
export type TApprovalTier = z.infer<typeof ZApprovalTier>;

export const ZApprovalPolicy = z
  .object({
    autoApproveMaxDiscountPct: ZPct,
    /** Payment terms up to this many days are standard (net 30). */
    standardPaymentTermsDays: z.number().int().min(0),
    /** Contracts up to this many months are standard; longer is multi-year. */
    standardTermMonths: z.number().int().min(1),
    tiers: z.array(ZApprovalTier).min(1, "The approval policy needs at least one tier"),
    fallbackGroup: z.literal("DEAL_DESK", { error: 'The fallback group is "DEAL_DESK"' }),
  })
  .strict()
  .superRefine((body, ctx) => {
    reportDuplicates(ctx, body.tiers, (t) => t.id, (i) => ["tiers", i, "id"], "tier id");
    body.tiers.forEach((tier, i) => {
      const max = tier.when.maxDiscountPct;
      if (tier.when.deviation === "DISCOUNT" && max !== undefined && max <= body.autoApproveMaxDiscountPct) {
        ctx.addIssue({
          code: "custom",
          path: ["tiers", i, "when", "maxDiscountPct"],
          message: `Discounts up to ${body.autoApproveMaxDiscountPct}% are auto-approved, so this tier can never apply`,
        });
      }
    });
  });

export type TApprovalPolicy = z.infer<typeof ZApprovalPolicy>;
