import { z } from "zod";

const pct = (what: string) => z.number({ error: `${what} must be a number` }).min(0, `${what} cannot be negative`).max(100, `${what} is at most 100%`);

/** One requested deviation from standard terms, with its type-specific fields. */
export const ZDeviation = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ type: z.literal("DISCOUNT"), discountPct: pct("discountPct") }),
    z.strictObject({ type: z.literal("PAYMENT_TERMS"), paymentTermsDays: z.number().int("Whole days").min(0).max(365, "Payment terms are at most 365 days") }),
    z.strictObject({ type: z.literal("MULTI_YEAR"), termMonths: z.number().int("Whole months").min(1).max(120, "Terms are at most 120 months") }),
    z.strictObject({ type: z.literal("CUSTOM_LEGAL"), clause: z.string().trim().min(10, "Quote or describe the clause (at least 10 characters)").max(5000), customSla: z.boolean().optional() }),
    z.strictObject({ type: z.literal("VOLUME_DISCOUNT"), discountPct: pct("discountPct"), quantity: z.number().int().min(1).optional() }),
    z.strictObject({ type: z.literal("OTHER"), description: z.string().trim().min(10, "Describe the deviation (at least 10 characters)").max(2000) }),
  ],
  { error: () => "type must be one of DISCOUNT, PAYMENT_TERMS, MULTI_YEAR, CUSTOM_LEGAL, VOLUME_DISCOUNT, OTHER" },
);
export type TDeviationInput = z.infer<typeof ZDeviation>;

export const ZExceptionPreview = z.strictObject({
  opportunityId: z.string().uuid("opportunityId must be an opportunity id"),
  deviations: z
    .array(ZDeviation)
    .min(1, "Request at least one deviation")
    .max(6, "At most 6 deviations per request")
    .refine((d) => new Set(d.map((x) => x.type)).size === d.length, "Each deviation type at most once"),
});
export type TExceptionPreview = z.infer<typeof ZExceptionPreview>;
