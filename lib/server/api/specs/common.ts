import { z } from "zod";

export const ZErrorResponse = z.object({
  error: z.object({
    code: z.string().describe("Stable machine-readable code, e.g. VALIDATION_FAILED, FORBIDDEN"),
    message: z.string().describe("What went wrong, in words a person can act on"),
    fields: z.record(z.string(), z.array(z.string())).optional().describe("Per-field messages, keyed by dotted path"),
  }),
});

export const errorResponses = {
  401: { description: "Missing or invalid API key", schema: ZErrorResponse },
  403: { description: "The key's user lacks the permission", schema: ZErrorResponse },
} as const;

export const writeErrorResponses = {
  ...errorResponses,
  409: { description: "Conflict with the current state, or an Idempotency-Key reused with another body", schema: ZErrorResponse },
  422: { description: "Validation failed; see error.fields", schema: ZErrorResponse },
} as const;
