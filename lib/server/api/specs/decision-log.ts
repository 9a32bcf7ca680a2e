import { z } from "zod";
import { ZChainAnchor } from "@/lib/schemas/decision-log-anchor";
import { defineApiSpec } from "../spec";
import { errorResponses, ZErrorResponse } from "./common";

export const getChainHeadSpec = defineApiSpec({
  operationId: "getDecisionLogHead",
  method: "GET",
  path: "/api/v1/decision-log/head",
  summary: "The decision log's hash-chain head as an anchor, once everything committed is chained: keep it outside Arbiter to detect a rewritten history later (ADR 0030)",
  tags: ["decision log"],
  permission: "decisions.verify",
  responses: {
    200: { description: "The last link: its position, hash and when it was sealed", schema: z.object({ data: ZChainAnchor }) },
    404: { description: "The log is empty: no head yet", schema: ZErrorResponse },
    ...errorResponses,
  },
});

export const ZCheckAnchorsInput = z.strictObject({
  anchors: z.array(ZChainAnchor).min(1, "Send at least one anchor").max(10_000, "At most 10,000 anchors per request"),
});

export const checkAnchorsSpec = defineApiSpec({
  operationId: "checkDecisionLogAnchors",
  method: "POST",
  path: "/api/v1/decision-log/anchors/check",
  summary: "Checks anchors kept earlier against the chain as it is now; writes nothing",
  tags: ["decision log"],
  permission: "decisions.verify",
  body: ZCheckAnchorsInput,
  idempotent: false,
  responses: {
    200: {
      description: "ok is false when a link no longer carries the hash its anchor recorded (the history was rewritten) or is gone",
      schema: z.object({
        data: z.object({
          ok: z.boolean(),
          checked: z.number().int(),
          head: z.string().describe("The chain's last link now"),
          problems: z.array(z.object({ seq: z.string(), problem: z.string() })),
        }),
      }),
    },
    422: { description: "Validation failed; see error.fields (anchors.<i>.<field>)", schema: ZErrorResponse },
    ...errorResponses,
  },
});
