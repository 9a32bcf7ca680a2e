import { z } from "zod";
import {
  ZActivityType,
  ZAttributeKey,
  ZIsoDate,
  ZLabel,
  ZPolicyId,
  ZScoringCondition,
  conditionTypeProblem,
  reportDuplicates,
} from "./common";

// The lead scoring model. Semantics the engine implements:
// - fit = sum of matching fit rules; engagement = sum over engagement rules of
//   points × decay(age) per activity, capped per rule; negative = sum of matching
//   negative rules (their points are below zero);
// - total = fit + engagement + negative, clamped to 0..100;
// - a lead is an MQL only when fit >= fitMin AND engagement >= engagementMin AND
//   total >= mqlThreshold. Neither fit nor engagement alone is enough.

const ZPoints = z.number().int("Points are whole numbers");

/** A rule on a lead/account attribute (or `activity.<type>` counts, e.g. unsubscribes). */
const attributeRule = <P extends z.ZodType<number>>(points: P) =>
  z
    .object({ id: ZPolicyId, label: ZLabel, attribute: ZAttributeKey, condition: ZScoringCondition, points })
    .strict()
    .superRefine((rule, ctx) => {
      const problem = conditionTypeProblem(rule.attribute, rule.condition);
      if (problem) ctx.addIssue({ code: "custom", path: ["condition"], message: problem });
      if (rule.condition.op === "any") {
        ctx.addIssue({ code: "custom", path: ["condition", "op"], message: "A scoring rule on “any” value would score every lead; pick a real condition" });
      }
    });

export const ZFitRule = attributeRule(ZPoints.min(1, "Fit rules add points: use a value of 1 or more").max(100, "At most 100 points per rule"));
export type TFitRule = z.infer<typeof ZFitRule>;

export const ZNegativeRule = attributeRule(
  ZPoints.max(-1, "Negative rules subtract points: use a value below 0").min(-100, "At most -100 points per rule"),
);
export type TNegativeRule = z.infer<typeof ZNegativeRule>;

export const ZEngagementRule = z
  .object({
    id: ZPolicyId,
    label: ZLabel,
    activityType: ZActivityType,
    /** Points per activity of this type. */
    points: ZPoints.min(1, "Engagement rules add points: use a value of 1 or more").max(100, "At most 100 points per rule"),
    /** Upper bound on the points this rule contributes, however many activities there are. */
    cap: ZPoints.min(1, "A cap must be at least 1").optional(),
    /** Points halve every this many days after the activity; absent means no decay. */
    halfLifeDays: z.number().positive("A half-life must be more than 0 days").max(3650).optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    if (rule.cap !== undefined && rule.cap < rule.points) {
      ctx.addIssue({ code: "custom", path: ["cap"], message: `The cap (${rule.cap}) is below the points of one activity (${rule.points})` });
    }
  });
export type TEngagementRule = z.infer<typeof ZEngagementRule>;

export const ZScoringPolicy = z
  .object({
    fit: z.array(ZFitRule),
    engagement: z.array(ZEngagementRule),
    negative: z.array(ZNegativeRule),
    fitMin: ZPoints.min(0, "The fit minimum cannot be negative").max(100, "The fit minimum is on a 100-point scale"),
    engagementMin: ZPoints.min(0, "The engagement minimum cannot be negative").max(100, "The engagement minimum is on a 100-point scale"),
    mqlThreshold: z
      .number({ error: "The MQL threshold must be a number" })
      .int("The MQL threshold is a whole number")
      .min(0, "The MQL threshold is on a 100-point scale: use 0 to 100")
      .max(100, "The MQL threshold is on a 100-point scale: use 0 to 100"),
    /** Quarterly recalibration reminder. */
    reviewBy: ZIsoDate.optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    const all = [
      ...body.fit.map((r, i) => ({ id: r.id, path: ["fit", i, "id"] })),
      ...body.engagement.map((r, i) => ({ id: r.id, path: ["engagement", i, "id"] })),
      ...body.negative.map((r, i) => ({ id: r.id, path: ["negative", i, "id"] })),
    ];
    reportDuplicates(ctx, all, (r) => r.id, (i) => all[i]!.path, "rule id");
    // Two rules on one activity type would count each event twice.
    reportDuplicates(ctx, body.engagement, (r) => r.activityType, (i) => ["engagement", i, "activityType"], "activity type");
    if (body.fit.length === 0 && body.fitMin > 0) {
      ctx.addIssue({ code: "custom", path: ["fitMin"], message: "No fit rules: a fit minimum above 0 makes every lead fail" });
    }
    if (body.engagement.length === 0 && body.engagementMin > 0) {
      ctx.addIssue({ code: "custom", path: ["engagementMin"], message: "No engagement rules: an engagement minimum above 0 makes every lead fail" });
    }
  });

export type TScoringPolicy = z.infer<typeof ZScoringPolicy>;
