import { z } from "zod";
import { POLICY_KINDS, POLICY_KPIS, ZCreatePolicyDraft, ZPolicyImport, ZPolicyKind, ZPublishPolicy } from "@/lib/schemas/policy-inputs";
import { defineApiSpec } from "../spec";
import { errorResponses, writeErrorResponses } from "./common";

export const ZPolicyVersionOut = z.object({
  id: z.string().uuid(),
  kind: z.enum(POLICY_KINDS),
  version: z.number().int(),
  status: z.enum(["DRAFT", "PUBLISHED", "ARCHIVED"]),
  name: z.string(),
  body: z.unknown().optional(),
  changeNote: z.string().nullable().optional(),
  kpi: z.enum(POLICY_KPIS).nullable().optional(),
  createdAt: z.string().optional(),
  publishedAt: z.string().nullable().optional(),
});

export const listPoliciesSpec = defineApiSpec({
  operationId: "listPolicyVersions",
  method: "GET",
  path: "/api/v1/policies/{kind}",
  summary: "All versions of one policy kind, newest first, with their bodies",
  tags: ["policies"],
  permission: "policies.read",
  params: z.object({ ref: ZPolicyKind }),
  responses: { 200: { description: "Versions, newest first", schema: z.object({ data: z.array(ZPolicyVersionOut) }) }, ...errorResponses },
});

export const createPolicyDraftSpec = defineApiSpec({
  operationId: "createPolicyDraft",
  method: "POST",
  path: "/api/v1/policies/{kind}",
  summary: "Create a new draft version of a policy kind from a JSON body (validated against the kind's schema)",
  tags: ["policies"],
  permission: "policies.edit",
  params: z.object({ ref: ZPolicyKind }),
  body: ZCreatePolicyDraft,
  responses: { 201: { description: "Draft created", schema: z.object({ data: ZPolicyVersionOut }) }, ...writeErrorResponses },
});

export const publishPolicySpec = defineApiSpec({
  operationId: "publishPolicyVersion",
  method: "POST",
  path: "/api/v1/policies/{id}/publish",
  summary: "Publish a draft version with a change note and the KPI it serves; the previous version is archived",
  tags: ["policies"],
  permission: "policies.publish",
  params: z.object({ ref: z.string().uuid("Policy version id must be a UUID") }),
  body: ZPublishPolicy,
  responses: { 200: { description: "Published", schema: z.object({ data: ZPolicyVersionOut }) }, 404: { description: "No such version" }, ...writeErrorResponses },
});

const ZLintIssueOut = z.object({ code: z.string(), message: z.string(), field: z.string(), rowId: z.string().optional(), rowNumber: z.number().int().optional() });

export const lintPolicySpec = defineApiSpec({
  operationId: "lintPolicyVersion",
  method: "POST",
  path: "/api/v1/policies/{id}/lint",
  summary: "Lint one version: errors (which block publishing) and warnings in plain words, keyed by row",
  tags: ["policies"],
  permission: "policies.read",
  params: z.object({ ref: z.string().uuid("Policy version id must be a UUID") }),
  responses: {
    200: { description: "Lint result", schema: z.object({ data: z.object({ versionId: z.string().uuid(), kind: z.enum(POLICY_KINDS), version: z.number().int(), ok: z.boolean(), errors: z.array(ZLintIssueOut), warnings: z.array(ZLintIssueOut) }) }) },
    404: { description: "No such version" },
    ...errorResponses,
  },
});

export const ZPolicyExportOut = z.object({
  kind: z.enum(POLICY_KINDS),
  name: z.string(),
  body: z.unknown(),
  kpi: z.enum(POLICY_KPIS).nullable(),
  reviewBy: z.string().nullable(),
  exportedFrom: z.object({ version: z.number().int(), id: z.string().uuid() }),
});

export const exportPolicySpec = defineApiSpec({
  operationId: "exportPolicyVersion",
  method: "GET",
  path: "/api/v1/policies/{id}/export",
  summary: "One version as portable JSON; POST it to /api/v1/policies/import to create a draft from it",
  tags: ["policies"],
  permission: "policies.read",
  params: z.object({ ref: z.string().uuid("Policy version id must be a UUID") }),
  responses: { 200: { description: "The exported policy", schema: z.object({ data: ZPolicyExportOut }) }, 404: { description: "No such version" }, ...errorResponses },
});

export const importPolicySpec = defineApiSpec({
  operationId: "importPolicy",
  method: "POST",
  path: "/api/v1/policies/import",
  summary: "Create a new draft from an exported policy (kind and body validated against the kind's schema)",
  tags: ["policies"],
  permission: "policies.edit",
  body: ZPolicyImport,
  responses: { 201: { description: "Draft created", schema: z.object({ data: ZPolicyVersionOut }) }, ...writeErrorResponses },
});
