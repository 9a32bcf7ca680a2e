"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { describedBy, Field, SelectInput, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { TImportKind } from "@/lib/engine/import/fields";
import { ZImportKind } from "@/lib/schemas/import";
import type { TUploadPreview } from "@/lib/server/import/upload-import-file";

const MAX_MB = 10;

const ZUploadForm = z.object({
  kind: ZImportKind,
  historical: z.boolean(),
  file: z
    .custom<FileList>((v) => typeof FileList !== "undefined" && v instanceof FileList && v.length === 1, "Choose a CSV file")
    .refine((files) => /\.(csv|txt)$/i.test(files[0]?.name ?? ""), "The file must be a .csv export")
    .refine((files) => (files[0]?.size ?? 0) <= MAX_MB * 1024 * 1024, `The file must be at most ${MAX_MB} MB`),
});
type TUploadForm = z.infer<typeof ZUploadForm>;

export type TUploaded = { preview: TUploadPreview; kind: TImportKind; historical: boolean };

export function UploadStep({ onUploaded }: { onUploaded: (u: TUploaded) => void }) {
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, control, formState } = useForm<TUploadForm>({ resolver: zodResolver(ZUploadForm), defaultValues: { kind: "leads", historical: false } });
  const kind = useWatch({ control, name: "kind" });
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const body = new FormData();
    body.set("kind", values.kind);
    body.set("file", values.file[0]!);
    const response = await fetch("/imports/upload", { method: "POST", body });
    const json = (await response.json()) as TUploadPreview | { error: { message: string } };
    if (!response.ok || "error" in json) {
      setError("error" in json ? json.error.message : "The upload failed; try again.");
      return;
    }
    onUploaded({ preview: json, kind: values.kind, historical: values.kind === "leads" && values.historical });
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Upload a CSV file" className="grid gap-4 md:grid-cols-3">
      {error ? (
        <div className="md:col-span-3">
          <Notice tone="error" title="The file was not accepted">
            {error}
          </Notice>
        </div>
      ) : null}
      <Field id="import-kind" label="The file contains" error={errors.kind?.message}>
        <SelectInput id="import-kind" aria-invalid={errors.kind ? true : undefined} {...register("kind")}>
          <option value="leads">Leads</option>
          <option value="accounts">Accounts</option>
          <option value="opportunities">Opportunities</option>
        </SelectInput>
      </Field>
      <Field id="import-file" label="CSV file (UTF-8)" hint={`Up to ${MAX_MB} MB. Excel: save as "CSV UTF-8".`} error={errors.file?.message}>
        <TextInput
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={describedBy("import-file", errors.file?.message, "hint")}
          {...register("file")}
        />
      </Field>
      {kind === "leads" ? (
        <label className="flex items-center gap-2 self-center text-sm text-slate-700">
          <input type="checkbox" {...register("historical")} />
          Historical leads (not routed, no SLA clocks; for backtests)
        </label>
      ) : (
        <p className="self-center text-sm text-slate-600">Rows are matched by external id or name, so importing the same file again updates instead of duplicating.</p>
      )}
      <div className="md:col-span-3">
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Uploading…" : "Upload and suggest a mapping"}
        </Button>
      </div>
    </form>
  );
}
