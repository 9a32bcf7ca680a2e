import { z } from "zod";
import { ZDecisionBody, ZExceptionPreview, ZSubmitException } from "@/lib/schemas/exception-requests";
import { defineApiSpec } from "../spec";
import { errorResponses, ZErrorResponse, writeErrorResponses } from "./common";

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

const ZRequestRef = z.object({ ref: z.string().uuid("Exception request id must be a UUID") });

export const submitExceptionSpec = defineApiSpec({
  operationId: "submitExceptionRequest",
  method: "POST",
  path: "/api/v1/exception-requests",
  summary: "Submit an exception request on an opportunity you own (or your report owns). The approval chain is computed server-side; inside the auto-approve band the request is approved at once",
  tags: ["deal desk"],
  permission: "exceptions.submit",
  body: ZSubmitException,
  responses: {
    201: {
      description: "Submitted (PENDING) or auto-approved (APPROVED)",
      schema: z.object({ data: z.object({ requestId: z.string().uuid(), status: z.enum(["APPROVED", "PENDING"]), outcome: z.enum(["AUTO_APPROVED", "NEEDS_APPROVAL"]), reasons: z.array(z.string()) }) }),
    },
    404: { description: "No such opportunity the caller may see", schema: ZErrorResponse },
    ...writeErrorResponses,
  },
});

export const getExceptionRequestSpec = defineApiSpec({
  operationId: "getExceptionRequest",
  method: "GET",
  path: "/api/v1/exception-requests/{id}",
  summary: "One exception request with its steps and plan: for the requester, their managers, its approvers and the deal desk, finance, legal, exec and RevOps",
  tags: ["deal desk"],
  permission: "app.use",
  params: ZRequestRef,
  responses: { 200: { description: "The request" }, 404: { description: "No such request the caller may see", schema: ZErrorResponse }, ...errorResponses },
});

export const decideExceptionSpec = defineApiSpec({
  operationId: "decideExceptionRequest",
  method: "POST",
  path: "/api/v1/exception-requests/{id}/decisions",
  summary: "Decide a step: APPROVE, REJECT (reason), REQUEST_CHANGES (reason) or APPROVE_WITH_CONDITIONS (counter offer). Without stepId, the open step the caller may decide",
  tags: ["deal desk"],
  permission: "approvals.decide",
  params: ZRequestRef,
  body: ZDecisionBody,
  responses: {
    200: {
      description: "Decided",
      schema: z.object({ data: z.object({ requestId: z.string().uuid(), stepId: z.string().uuid(), stepStatus: z.string(), requestStatus: z.string(), summary: z.string() }) }),
    },
    ...writeErrorResponses,
    403: { description: "The caller may not decide this step (the engine's reason: own request, second step, not their turn, not the assignee)", schema: ZErrorResponse },
    404: { description: "No such request or step", schema: ZErrorResponse },
    409: { description: "Already decided by someone else, or the request is not awaiting decisions", schema: ZErrorResponse },
  },
});
