import type { z } from "zod";
import { PolicyKind } from "@/lib/generated/prisma/enums";
import { ZApprovalPolicy, type TApprovalPolicy } from "./approval";
import { ZLifecyclePolicy, type TLifecyclePolicy } from "./lifecycle";
import { ZPipelinePolicy, type TPipelinePolicy } from "./pipeline";
import { ZRoePolicy, type TRoePolicy } from "./roe";
import { ZRoutingPolicy, type TRoutingPolicy } from "./routing";
import { ZScoringPolicy, type TScoringPolicy } from "./scoring";
import { ZSlaPolicy, type TSlaPolicy } from "./sla";

// Policy bodies are versioned JSON in policy_versions.body. Everything that reads one
// (engines, editors, the publish command, the seed) parses it here first, so an engine only
// ever sees a typed, validated policy.

export const policyBodySchemas = {
  ROUTING: ZRoutingPolicy,
  SCORING: ZScoringPolicy,
  APPROVAL: ZApprovalPolicy,
  SLA: ZSlaPolicy,
  LIFECYCLE: ZLifecyclePolicy,
  PIPELINE: ZPipelinePolicy,
  ROE: ZRoePolicy,
} as const satisfies Record<PolicyKind, z.ZodType>;

export type TPolicyBodyByKind = {
  ROUTING: TRoutingPolicy;
  SCORING: TScoringPolicy;
  APPROVAL: TApprovalPolicy;
  SLA: TSlaPolicy;
  LIFECYCLE: TLifecyclePolicy;
  PIPELINE: TPipelinePolicy;
  ROE: TRoePolicy;
};
export type TPolicyBody = TPolicyBodyByKind[PolicyKind];

export const POLICY_KINDS = Object.values(PolicyKind);

export function parsePolicyBody<K extends PolicyKind>(kind: K, json: unknown): z.ZodSafeParseResult<TPolicyBodyByKind[K]> {
  const schema = policyBodySchemas[kind] as unknown as z.ZodType<TPolicyBodyByKind[K]>;
  return schema.safeParse(json);
}

export type TPolicyIssue = { path: string; message: string };

/** Flattens zod issues to "rows.3.id" + message, the shape editors show next to fields. */
export function policyIssues(error: z.ZodError): TPolicyIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

export * from "./approval";
export * from "./common";
export * from "./lifecycle";
export * from "./pipeline";
export * from "./roe";
export * from "./routing";
export * from "./scoring";
export * from "./sla";
