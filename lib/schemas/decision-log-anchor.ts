import { z } from "zod";

/**
 * A published head of the decision log's hash chain (ADR 0030): the link's position, its hash and
 * when it was sealed. Kept by whoever receives it, outside Arbiter's database.
 */
export const ZChainAnchor = z.strictObject({
  seq: z.string().regex(/^[1-9][0-9]*$/, "seq must be a positive whole number, as a string"),
  hash: z.string().regex(/^[0-9a-f]{64}$/, "hash must be 64 lowercase hexadecimal characters (SHA-256)"),
  sealedAt: z.string().datetime({ message: "sealedAt must be an ISO 8601 time" }),
});
export type TChainAnchor = z.infer<typeof ZChainAnchor>;
