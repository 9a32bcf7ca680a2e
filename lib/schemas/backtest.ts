import { z } from "zod";

export const ZBacktestInput = z
  .strictObject({
    versionId: z.string().uuid("versionId must be a scoring policy version id"),
    compareVersionId: z.string().uuid("compareVersionId must be a scoring policy version id").optional(),
    source: z.string().trim().min(1).max(60).optional(),
    importBatchId: z.string().uuid("importBatchId is the id of an import run").optional(),
    from: z.iso.date("from is a date such as 2026-01-01").optional(),
    to: z.iso.date("to is a date such as 2026-06-30").optional(),
    format: z.enum(["json", "csv"]).default("json"),
  })
  .refine((b) => !b.from || !b.to || b.from <= b.to, { message: "from must not be after to", path: ["to"] });
export type TBacktestInput = z.infer<typeof ZBacktestInput>;
