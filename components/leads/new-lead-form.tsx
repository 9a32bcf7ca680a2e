"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { createLeadAction } from "@/app/(app)/leads/actions";
import { Button } from "@/components/ui/button";
import { describedBy, Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ZLeadInput } from "@/lib/schemas/leads";

type TForm = z.input<typeof ZLeadInput>;

const TEXT_FIELDS: { name: keyof TForm; label: string; type?: string; hint?: string }[] = [
  { name: "email", label: "E-mail", type: "email", hint: "An existing lead with this e-mail is updated, not duplicated" },
  { name: "firstName", label: "First name" },
  { name: "lastName", label: "Last name" },
  { name: "title", label: "Title" },
  { name: "company", label: "Company" },
  { name: "country", label: "Country", hint: "ISO code or English name, e.g. DE or Germany" },
  { name: "industry", label: "Industry" },
  { name: "source", label: "Source", hint: "e.g. event, referral, outbound" },
  { name: "productInterest", label: "Product interest" },
];

export function NewLeadForm() {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<TForm>({ resolver: zodResolver(ZLeadInput), defaultValues: { email: "" } });
  const { errors, isSubmitting } = formState;
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const clean = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== "" && v !== undefined && !(typeof v === "number" && Number.isNaN(v))));
    const result = await createLeadAction(clean as TForm);
    if (result.ok) {
      router.push(`/leads/${result.data.leadId}`);
      return;
    }
    for (const [field, messages] of Object.entries(result.error.fields ?? {})) setError(field as keyof TForm, { message: messages[0] });
    setFormError(result.error.message);
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="New lead" className="grid max-w-3xl gap-4 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-2">
      {formError ? <div className="md:col-span-2"><Notice tone="error">{formError}</Notice></div> : null}
      {TEXT_FIELDS.map((f) => {
        const error = errors[f.name]?.message as string | undefined;
        return (
          <Field key={f.name} id={`lead-${f.name}`} label={f.label} hint={f.hint} error={error}>
            <TextInput id={`lead-${f.name}`} type={f.type ?? "text"} aria-invalid={error ? true : undefined} aria-describedby={describedBy(`lead-${f.name}`, error, f.hint)} {...register(f.name, { setValueAs: (v: string) => (v === "" ? undefined : v) })} />
          </Field>
        );
      })}
      <Field id="lead-employees" label="Employees" error={errors.employees?.message}>
        <TextInput id="lead-employees" type="number" min={0} aria-invalid={errors.employees ? true : undefined} aria-describedby={describedBy("lead-employees", errors.employees?.message)} {...register("employees", { setValueAs: (v: string) => (v === "" ? undefined : Number(v)) })} />
      </Field>
      <div className="flex items-end md:col-span-2">
        <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Scoring and saving…" : "Create lead"}</Button>
      </div>
    </form>
  );
}
