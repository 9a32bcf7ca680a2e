import { z } from "zod";

export const POLICY_KINDS = ["ROUTING", "SCORING", "APPROVAL", "SLA", "LIFECYCLE", "PIPELINE", "ROE"] as const;
export type TPolicyKind = (typeof POLICY_KINDS)[number];

export const POLICY_KIND_LABELS: Record<TPolicyKind, string> = {
  ROUTING: "Routing matrix",
  SCORING: "Scoring model",
  APPROVAL: "Approval tiers",
  SLA: "SLA clocks",
  LIFECYCLE: "Lifecycle stages",
  PIPELINE: "Pipeline stages",
  ROE: "Rules of engagement",
};

/** The KPI a published rule serves, recorded with every publish. */
export const POLICY_KPIS = ["SPEED", "FAIRNESS", "CUSTOMER_EXPERIENCE", "MARGIN"] as const;

export const ZPolicyKind = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(POLICY_KINDS, { message: `Policy kind must be one of ${POLICY_KINDS.join(", ").toLowerCase()}` }));

export const ZCreatePolicyDraft = z.object({
  name: z.string().trim().min(3, "Give the draft a name of at least 3 characters").max(120),
  /** Validated against the kind's own body schema by the command. */
  body: z.unknown().refine((b) => b !== undefined && b !== null, { message: "A policy body is required" }),
  kpi: z.enum(POLICY_KPIS).optional(),
  reviewBy: z.iso.date({ message: "reviewBy must be a date such as 2027-03-31" }).optional(),
});
export type TCreatePolicyDraft = z.infer<typeof ZCreatePolicyDraft>;

export const ZPublishPolicy = z.object({
  changeNote: z.string().trim().min(5, "Say what changed and why (at least 5 characters)").max(2000),
  kpi: z.enum(POLICY_KPIS, { message: `kpi must be one of ${POLICY_KPIS.join(", ")}` }),
});
export type TPublishPolicy = z.infer<typeof ZPublishPolicy>;

/**
 * A policy as exported (GET /api/v1/policies/{id}/export) and imported back as a new draft.
 * kpi and reviewBy may be null (an export says so explicitly); exportedFrom is provenance only.
 */
export const ZPolicyImport = z.object({
  kind: ZPolicyKind,
  name: ZCreatePolicyDraft.shape.name,
  body: ZCreatePolicyDraft.shape.body,
  kpi: z.enum(POLICY_KPIS).nullish(),
  reviewBy: z.iso.date({ message: "reviewBy must be a date such as 2027-03-31" }).nullish(),
  exportedFrom: z.object({ version: z.number().int(), id: z.string() }).nullish(),
});
export type TPolicyImport = z.infer<typeof ZPolicyImport>;
