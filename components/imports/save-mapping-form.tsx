"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { saveImportMappingAction } from "@/app/(app)/imports/actions";
import { Button } from "@/components/ui/button";
import { describedBy, TextInput } from "@/components/ui/field";
import type { TColumnMapping } from "@/lib/engine/import/mapping";
import type { TImportKind } from "@/lib/engine/import/fields";
import { ZSaveImportMapping } from "@/lib/schemas/import";

const ZName = ZSaveImportMapping.pick({ name: true });

export function SaveMappingForm({ kind, mapping }: { kind: TImportKind; mapping: TColumnMapping }) {
  const [message, setMessage] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<{ name: string }>({ resolver: zodResolver(ZName), defaultValues: { name: "" } });
  const error = formState.errors.name?.message;
  const onSubmit = handleSubmit(async ({ name }) => {
    setMessage(null);
    const result = await saveImportMappingAction({ kind, name, mapping });
    if (result.ok) setMessage(`Saved as “${result.data.name}”. Pick it next time from “Apply a saved mapping”.`);
    else setError("name", { message: result.error.fields?.name?.[0] ?? result.error.message });
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Save this mapping" className="flex flex-wrap items-start gap-2">
      <div className="flex flex-col gap-1">
        <label htmlFor="mapping-name" className="sr-only">
          Mapping name
        </label>
        <TextInput id="mapping-name" placeholder="Mapping name, e.g. Salesforce leads" aria-invalid={error ? true : undefined} aria-describedby={describedBy("mapping-name", error)} {...register("name")} />
        {error ? (
          <p id="mapping-name-error" role="alert" className="text-xs font-medium text-red-700">
            {error}
          </p>
        ) : null}
      </div>
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        Save mapping
      </Button>
      {message ? (
        <p role="status" className="basis-full text-sm text-emerald-800">
          {message}
        </p>
      ) : null}
    </form>
  );
}
