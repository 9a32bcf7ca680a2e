import { z } from "zod";
import { ZLeadInput } from "./leads";

// POST /api/v1/routing/preview: leads as intake takes them, routed by one routing version
// without writing anything.
export const MAX_PREVIEW_LEADS = 200;

export const ZRoutingPreviewInput = z.strictObject({
  /** A routing policy version (draft, published or archived); default: the published one. */
  policyVersionId: z.string().uuid("policyVersionId must be a UUID").optional(),
  leads: z.array(ZLeadInput).min(1, "Send at least one lead").max(MAX_PREVIEW_LEADS, `At most ${MAX_PREVIEW_LEADS} leads per preview`),
});
export type TRoutingPreviewInput = z.infer<typeof ZRoutingPreviewInput>;
