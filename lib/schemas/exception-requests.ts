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

/** Evidence: links, and files uploaded to the app first (attachmentIds, see evidence-files.ts). */
const ZEvidenceLink = z.string().trim().url("Enter a full link such as https://…").max(2000);

const requestFields = {
  justification: z.string().trim().min(20, "Explain why the deal needs this (at least 20 characters)").max(5000, "At most 5,000 characters"),
  impactedKpi: z.string().trim().min(2, "Name the KPI this moves, e.g. win rate or gross margin").max(200, "At most 200 characters"),
  evidenceLinks: z.array(ZEvidenceLink).max(10, "At most 10 links").default([]),
};

/** What a rep submits: the preview's deal and deviations plus why, and the evidence. */
export const ZSubmitException = ZExceptionPreview.extend(requestFields);
export type TSubmitException = z.infer<typeof ZSubmitException>;

/** Stored evidence files a form submission attaches (uploaded first, by the same user). */
export const ZAttachmentIds = z.array(z.string().uuid("Unknown attachment")).max(5, "At most 5 files").default([]);

/** The request form's submission: the API's body plus attachments and the draft it completes. */
export const ZSubmitFromForm = ZSubmitException.extend({ attachmentIds: ZAttachmentIds, draftId: z.string().uuid("Unknown draft").optional() });
export type TSubmitFromForm = z.infer<typeof ZSubmitFromForm>;

/**
 * A draft: whatever the rep has typed so far. Deviations need only their type (the rest is
 * checked on submission); text fields may be short or empty, links must still be links.
 */
export const ZSaveDraft = z.strictObject({
  opportunityId: z.string().uuid("opportunityId must be an opportunity id"),
  draftId: z.string().uuid("Unknown draft").optional(),
  deviations: z
    .array(z.looseObject({ type: z.enum(["DISCOUNT", "PAYMENT_TERMS", "MULTI_YEAR", "CUSTOM_LEGAL", "VOLUME_DISCOUNT", "OTHER"], { error: "Choose a deviation type" }) }))
    .min(1, "Request at least one deviation")
    .max(6, "At most 6 deviations per request"),
  justification: z.string().max(5000, "At most 5,000 characters").default(""),
  impactedKpi: z.string().max(200, "At most 200 characters").default(""),
  evidenceLinks: z.array(ZEvidenceLink).max(10, "At most 10 links").default([]),
  attachmentIds: ZAttachmentIds,
});
export type TSaveDraft = z.infer<typeof ZSaveDraft>;

/** A resubmission after changes were requested: the same request with new terms. */
export const ZResubmitException = z.strictObject({
  requestId: z.string().uuid("Unknown request"),
  deviations: ZExceptionPreview.shape.deviations,
  ...requestFields,
  attachmentIds: ZAttachmentIds.optional(),
});
export type TResubmitException = z.infer<typeof ZResubmitException>;

export const DECISION_KINDS = ["APPROVE", "REJECT", "REQUEST_CHANGES", "APPROVE_WITH_CONDITIONS"] as const;

/** An approver's counter offer: "18% instead of 25%". */
export const ZCounterOffer = z.strictObject({
  summary: z.string().trim().min(5, "Say what you would approve instead (at least 5 characters)").max(1000),
  discountPct: pct("discountPct").optional(),
  paymentTermsDays: z.number().int("Whole days").min(0).max(365).optional(),
  termMonths: z.number().int("Whole months").min(1).max(120).optional(),
});

const decisionFields = {
  stepId: z.string().uuid("stepId must be a step id").optional(),
  decision: z.enum(DECISION_KINDS, { error: `decision is one of ${DECISION_KINDS.join(", ")}` }),
  reason: z.string().trim().max(2000, "At most 2,000 characters").optional(),
  conditions: ZCounterOffer.optional(),
};

function decisionNeeds(v: { decision: (typeof DECISION_KINDS)[number]; reason?: string; conditions?: unknown }, ctx: z.RefinementCtx) {
  if ((v.decision === "REJECT" || v.decision === "REQUEST_CHANGES") && !v.reason) {
    ctx.addIssue({ code: "custom", path: ["reason"], message: v.decision === "REJECT" ? "A rejection needs a reason" : "Say what has to change" });
  }
  if (v.decision === "APPROVE_WITH_CONDITIONS" && !v.conditions) ctx.addIssue({ code: "custom", path: ["conditions"], message: "Describe the counter offer" });
}

/** One decision on a request (API body). Without stepId the open step the caller may decide is taken. */
export const ZDecisionBody = z.strictObject(decisionFields).superRefine(decisionNeeds);
export type TDecisionBody = z.infer<typeof ZDecisionBody>;

/** The same decision from the approvals queue, which names the request. */
export const ZDecideStep = z.strictObject({ requestId: z.string().uuid("Unknown request"), ...decisionFields }).superRefine(decisionNeeds);
export type TDecideStep = z.infer<typeof ZDecideStep>;

export const ZRequestRef = z.strictObject({ requestId: z.string().uuid("Unknown request") });
export const ZCounterOfferAnswer = z.strictObject({ requestId: z.string().uuid("Unknown request"), accept: z.boolean() });
