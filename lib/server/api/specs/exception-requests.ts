import { z } from "zod";
import { ZExceptionPreview } from "@/lib/schemas/exception-requests";
import { defineApiSpec } from "../spec";
import { writeErrorResponses } from "./common";

const ZApprover = z.object({
  role: z.string(),
  assigneeId: z.string().nullable().describe("null: a group queue decides"),
  groupRole: z.string().optional(),
  via: z.enum(["delegate", "escalated", "fallback"]).optional(),
  onBehalfOfId: z.string().optional(),
  reason: z.string(),
});

export const ZApprovalPlanOut = z.object({
  outcome: z.enum(["AUTO_APPROVED", "NEEDS_APPROVAL"]),
  stages: z.array(z.object({ index: z.number(), approvers: z.array(ZApprover), slaBusinessHours: z.number(), tierIds: z.array(z.string()) })),
  reasons: z.array(z.string()).describe("Plain-language reasons, e.g. 'Needs VP Sales: a 27% discount is above the 20% limit of tier 1'"),
  policyVersion: z.string().nullable(),
  policyVersionId: z.string().uuid(),
});

export const previewExceptionSpec = defineApiSpec({
  operationId: "previewExceptionRequest",
  method: "POST",
  path: "/api/v1/exception-requests/preview",
  summary: "The approval chain and SLAs an exception request would need, with reasons; writes nothing",
  tags: ["deal desk"],
  permission: "exceptions.submit",
  body: ZExceptionPreview,
  idempotent: false,
  responses: { 200: { description: "The computed plan", schema: z.object({ data: ZApprovalPlanOut }) }, 404: { description: "No such opportunity the caller may see" }, ...writeErrorResponses },
});
