import { z } from "zod";

const ZCell = z.union([z.string().max(500), z.number().finite(), z.boolean(), z.null()]);

/** Either stored history (leads with an outcome) or rows from any lead export with an outcome column. */
export const ZCalibrateInput = z
  .strictObject({
    rows: z
      .array(z.strictObject({ id: z.string().max(100).optional(), attributes: z.record(z.string().max(100), ZCell), outcome: z.boolean({ error: "outcome must be true (converted/won) or false" }) }))
      .min(50, "Calibration needs at least 50 rows with outcomes")
      .max(50_000, "At most 50,000 rows per request")
      .optional(),
    source: z.string().trim().max(60).optional(),
    target: z.union([
      z.strictObject({ precision: z.number().gt(0).max(1, "precision is a fraction, e.g. 0.3") }),
      z.strictObject({ mqlRate: z.number().gt(0).max(1, "mqlRate is a fraction, e.g. 0.15") }),
    ], { error: "target is {precision: 0..1} or {mqlRate: 0..1}" }),
    exclude: z.array(z.string().max(100)).max(100).optional(),
    attributeKeys: z.record(z.string().max(100), z.string().max(100)).optional(),
  })
  .refine((b) => !(b.rows && b.source), { message: "Send rows, or filter stored history by source — not both", path: ["source"] });
export type TCalibrateInput = z.infer<typeof ZCalibrateInput>;
