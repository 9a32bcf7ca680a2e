import { z } from "zod";
import { ZLabel, ZNote, ZPolicyId, ZPolicyKpi, ZRecordId, ZRole, reportDuplicates } from "./common";

// Rules of engagement governance: who owns which area, the ordered ownership rules the
// conflict engine applies to suggest an outcome (the first rule that decides wins), and the
// kinds of conflict reps and partner managers can file. An adjudicator makes the decision;
// the suggestion only says which rule would decide and why.

export const STAKEHOLDER_AREAS = ["SALES", "CUSTOMER_SUCCESS", "PARTNER", "LEGAL", "OPS", "MARKETING", "FINANCE"] as const;

export const ZStakeholder = z
  .object({
    area: z.enum(STAKEHOLDER_AREAS, { error: `Area must be one of ${STAKEHOLDER_AREAS.join(", ")}` }),
    ownerRole: ZRole,
    /** A named owner, when the area has one person accountable. */
    ownerUserId: ZRecordId.optional(),
    responsibilities: ZNote.optional(),
  })
  .strict();

const ZConflictCode = z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'Conflict codes are UPPER_SNAKE_CASE, e.g. "CHANNEL_VS_DIRECT"');

const ruleBase = {
  id: ZPolicyId,
  label: ZLabel,
  /** Conflict codes this rule decides; empty means every kind. */
  appliesTo: z.array(ZConflictCode),
  kpi: ZPolicyKpi,
};

export const ZOwnershipRule = z.discriminatedUnion(
  "type",
  [
    /** The owner of a named account keeps it against any other claim. */
    z.object({ ...ruleBase, type: z.literal("NAMED_ACCOUNT_OWNER") }).strict(),
    /** A registered partner deal is protected for protectionDays after registration. */
    z
      .object({ ...ruleBase, type: z.literal("PARTNER_REGISTRATION"), protectionDays: z.number().int().min(1, "Protection lasts at least 1 day").max(730) })
      .strict(),
    /** The territory owning the account's country wins (ownership matrix). */
    z.object({ ...ruleBase, type: z.literal("TERRITORY_OWNER") }).strict(),
    /** Whoever logged the first qualified touch wins, if it falls within lookbackDays. */
    z.object({ ...ruleBase, type: z.literal("FIRST_QUALIFIED_TOUCH"), lookbackDays: z.number().int().min(1).max(730).optional() }).strict(),
  ],
  {
    error: (i) =>
      i.code === "invalid_union" ? "Rule type must be NAMED_ACCOUNT_OWNER, PARTNER_REGISTRATION, TERRITORY_OWNER or FIRST_QUALIFIED_TOUCH" : undefined,
  },
);
export type TOwnershipRule = z.infer<typeof ZOwnershipRule>;

export const ZConflictType = z
  .object({
    code: ZConflictCode,
    label: ZLabel,
    adjudicatorRole: ZRole,
    resolutionSlaBusinessHours: z.number().int().min(1).max(720),
    /** What a claim must attach (e.g. "Partner registration form", "Email thread"). */
    evidenceRequired: z.array(ZLabel),
  })
  .strict();

export const ZRoePolicy = z
  .object({
    stakeholders: z.array(ZStakeholder).min(1, "Name at least one stakeholder"),
    /** Applied in order; the first rule that decides a conflict wins. */
    ownershipRules: z.array(ZOwnershipRule).min(1, "List at least one ownership rule"),
    conflictTypes: z.array(ZConflictType).min(1, "List at least one conflict type"),
  })
  .strict()
  .superRefine((body, ctx) => {
    reportDuplicates(ctx, body.stakeholders, (s) => s.area, (i) => ["stakeholders", i, "area"], "area");
    reportDuplicates(ctx, body.ownershipRules, (r) => r.id, (i) => ["ownershipRules", i, "id"], "rule id");
    reportDuplicates(ctx, body.conflictTypes, (c) => c.code, (i) => ["conflictTypes", i, "code"], "conflict code");
    const codes = new Set(body.conflictTypes.map((c) => c.code));
    body.ownershipRules.forEach((rule, i) => {
      rule.appliesTo.forEach((code, j) => {
        if (!codes.has(code)) ctx.addIssue({ code: "custom", path: ["ownershipRules", i, "appliesTo", j], message: `No conflict type "${code}"` });
      });
    });
  });

export type TRoePolicy = z.infer<typeof ZRoePolicy>;
