import { z } from "zod";
import {
  ZAttributeKey,
  ZLabel,
  ZNote,
  ZPolicyId,
  ZRecordId,
  ZRoutingCondition,
  ZSkill,
  conditionTypeProblem,
  reportDuplicates,
  type TRoutingCondition,
} from "./common";

// The ROE routing matrix: an ordered decision table. The first row whose conditions all hold
// and whose action can assign wins; if the action cannot assign (no account owner, nobody
// available in the pool) evaluation continues with the next matching row. The last row
// must match every lead, so no lead is ever left unowned.

export const FALLBACK_ROW_MESSAGE = "The matrix must end with a fallback row that matches every lead";

export const ZRoutingAction = z.discriminatedUnion(
  "type",
  [
    /** The owner of the matched account (named-account motion). */
    z.object({ type: z.literal("ACCOUNT_OWNER") }).strict(),
    z.object({ type: z.literal("USER"), userId: ZRecordId }).strict(),
    /** A round-robin pool defined in `pools` of this same body. */
    z.object({ type: z.literal("POOL"), poolId: ZPolicyId }).strict(),
    /** A team's unassigned queue. */
    z.object({ type: z.literal("QUEUE"), teamId: ZRecordId }).strict(),
  ],
  { error: (i) => (i.code === "invalid_union" ? "Action type must be ACCOUNT_OWNER, USER, POOL or QUEUE" : undefined) },
);
export type TRoutingAction = z.infer<typeof ZRoutingAction>;

export const ZRoutingRow = z
  .object({
    id: ZPolicyId,
    label: ZLabel.optional(),
    /** Why the row exists, tied to a KPI (speed, fairness, customer experience). */
    kpiNote: ZNote.optional(),
    /** One condition per column; a column left out means "any". */
    conditions: z.record(z.string(), ZRoutingCondition),
    action: ZRoutingAction,
  })
  .strict();
export type TRoutingRow = z.infer<typeof ZRoutingRow>;

export const ZPoolMember = z
  .object({
    userId: ZRecordId,
    /** Relative share of assignments: weight 2 gets twice the leads of weight 1. */
    weight: z.number().int("Weights are whole numbers").min(1, "Weight must be at least 1").max(100, "Weight is at most 100"),
    /** Maximum new leads per day / week; a capped member is skipped with a logged reason. */
    capPerDay: z.number().int().min(1, "A daily cap must be at least 1").optional(),
    capPerWeek: z.number().int().min(1, "A weekly cap must be at least 1").optional(),
  })
  .strict()
  .superRefine((m, ctx) => {
    if (m.capPerDay !== undefined && m.capPerWeek !== undefined && m.capPerWeek < m.capPerDay) {
      ctx.addIssue({ code: "custom", path: ["capPerWeek"], message: `The weekly cap (${m.capPerWeek}) is below the daily cap (${m.capPerDay})` });
    }
  });
export type TPoolMember = z.infer<typeof ZPoolMember>;

export const ZRoutingPool = z
  .object({
    id: ZPolicyId,
    name: ZLabel,
    // Empty pools are allowed in a draft (a pool is built up member by member); lint blocks
    // publishing a matrix that points at one.
    members: z.array(ZPoolMember),
    /** Members lacking any of these skills are skipped (e.g. "lang:de"). */
    requiredSkills: z.array(ZSkill),
    /** false: a member back from PTO resumes the normal rotation instead of receiving the leads they missed. */
    catchUpAfterAbsence: z.boolean(),
  })
  .strict()
  .superRefine((pool, ctx) => {
    reportDuplicates(ctx, pool.members, (m) => m.userId, (i) => ["members", i, "userId"], "pool member");
    reportDuplicates(ctx, pool.requiredSkills, (s) => s, (i) => ["requiredSkills", i], "skill");
  });
export type TRoutingPool = z.infer<typeof ZRoutingPool>;

export function isFallbackRow(row: { conditions: Record<string, TRoutingCondition> }): boolean {
  return Object.values(row.conditions).every((c) => c.op === "any");
}

export const ZRoutingPolicy = z
  .object({
    /** Attribute keys shown as the matrix's columns, in display order. */
    columns: z.array(ZAttributeKey).min(1, "The matrix needs at least one column"),
    rows: z.array(ZRoutingRow).min(1, "The matrix needs at least one row"),
    pools: z.array(ZRoutingPool),
  })
  .strict()
  .superRefine((body, ctx) => {
    reportDuplicates(ctx, body.columns, (c) => c, (i) => ["columns", i], "column");
    reportDuplicates(ctx, body.rows, (r) => r.id, (i) => ["rows", i, "id"], "row id");
    reportDuplicates(ctx, body.pools, (p) => p.id, (i) => ["pools", i, "id"], "pool id");

    const columns = new Set(body.columns);
    const poolIds = new Set(body.pools.map((p) => p.id));
    body.rows.forEach((row, i) => {
      for (const [attribute, condition] of Object.entries(row.conditions)) {
        const path = ["rows", i, "conditions", attribute];
        if (!columns.has(attribute)) {
          ctx.addIssue({ code: "custom", path, message: `"${attribute}" is not one of the matrix's columns` });
          continue;
        }
        const problem = conditionTypeProblem(attribute, condition);
        if (problem) ctx.addIssue({ code: "custom", path, message: problem });
      }
      if (row.action.type === "POOL" && !poolIds.has(row.action.poolId)) {
        ctx.addIssue({ code: "custom", path: ["rows", i, "action", "poolId"], message: `No pool with id "${row.action.poolId}" in this policy` });
      }
    });

    const lastIndex = body.rows.length - 1;
    const last = body.rows[lastIndex];
    if (last && !isFallbackRow(last)) {
      ctx.addIssue({ code: "custom", path: ["rows", lastIndex], message: FALLBACK_ROW_MESSAGE });
    }
    // The fallback must assign unconditionally; an account owner may not exist.
    if (last && isFallbackRow(last) && last.action.type === "ACCOUNT_OWNER") {
      ctx.addIssue({
        code: "custom",
        path: ["rows", lastIndex, "action"],
        message: "The fallback row cannot route to the account owner: a lead may have no account; use a queue, pool or user",
      });
    }
  });

export type TRoutingPolicy = z.infer<typeof ZRoutingPolicy>;
