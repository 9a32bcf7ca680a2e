import { z } from "zod";
import { IMPORT_KINDS } from "@/lib/engine/import/fields";

// Inputs of the CSV import: one schema each, shared by the wizard, the actions and the CLI.

export const ZImportKind = z.enum(IMPORT_KINDS, { error: `kind is one of ${IMPORT_KINDS.join(", ")}` });

export const ZColumnTarget = z.discriminatedUnion(
  "to",
  [
    z.strictObject({ to: z.literal("field"), field: z.string().min(1).max(60) }),
    z.strictObject({ to: z.literal("custom"), name: z.string().min(1).max(50) }),
    z.strictObject({ to: z.literal("ignore") }),
  ],
  { error: 'Each column maps to {to: "field", field}, {to: "custom", name} or {to: "ignore"}' },
);

export const ZColumnMapping = z.record(z.string().max(200), ZColumnTarget).refine((m) => Object.keys(m).length <= 500, "At most 500 columns");

const fileId = z.string().uuid("fileId is the id of an uploaded file");

export const ZImportDryRun = z.strictObject({ fileId, kind: ZImportKind, mapping: ZColumnMapping });
export type TImportDryRun = z.infer<typeof ZImportDryRun>;

export const ZStartImport = ZImportDryRun.extend({
  historical: z.boolean({ error: "historical must be true or false" }).default(false),
});
export type TStartImport = z.infer<typeof ZStartImport>;

export const ZSaveImportMapping = z.strictObject({
  kind: ZImportKind,
  name: z.string().trim().min(1, "Give the mapping a name").max(80, "A mapping name is at most 80 characters"),
  mapping: ZColumnMapping,
});
export type TSaveImportMapping = z.infer<typeof ZSaveImportMapping>;

export const ZImportRunId = z.strictObject({ runId: z.string().uuid("runId is an import run id") });

export const IMPORT_JOB_KIND = { leads: "IMPORT_LEADS", accounts: "IMPORT_ACCOUNTS", opportunities: "IMPORT_OPPORTUNITIES" } as const;
export const IMPORT_JOB_KINDS = Object.values(IMPORT_JOB_KIND);
