"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { describedBy, Field, SelectInput, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

/** The form's two fields, whatever the command calls them (ownerId, toStage…). */
export type TPickWithReason = { pick: string; reason?: string };

/** What the command answered: a sentence to show, and on refusal the field each server message belongs to. */
export type TPickOutcome = { ok: true; message: string } | { ok: false; message: string; fields?: Partial<Record<keyof TPickWithReason, string>> };

type TProps = {
  /** Names the form for assistive technology, and prefixes the field ids. */
  name: string;
  idPrefix: string;
  /** `pick` and `reason` validated as the command's own schema validates them, with its messages. */
  schema: z.ZodType<TPickWithReason, TPickWithReason>;
  pickLabel: string;
  options: { value: string; label: string }[];
  reasonLabel: string;
  submitLabel: string;
  busyLabel: string;
  /** Gets the values as the schema outputs them (trimmed, optional reason left out). */
  submit: (values: TPickWithReason) => Promise<TPickOutcome>;
};

/**
 * One choice from a list, a reason that is logged, and a submit button: reassigning a lead,
 * moving a deal to another stage. Client validation is the command's schema; server refusals
 * land beside their field like client ones, and the outcome is said in a notice.
 */
export function PickWithReasonForm({ name, idPrefix, schema, pickLabel, options, reasonLabel, submitLabel, busyLabel, submit }: TProps) {
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<TPickWithReason, unknown, TPickWithReason>({ resolver: zodResolver(schema), defaultValues: { pick: "", reason: "" } });
  const { errors, isSubmitting } = formState;
  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const outcome = await submit(values);
    if (outcome.ok) {
      reset();
      setMessage({ tone: "success", text: outcome.message });
      return;
    }
    for (const field of ["pick", "reason"] as const) {
      const text = outcome.fields?.[field];
      if (text) setError(field, { message: text });
    }
    setMessage({ tone: "error", text: outcome.message });
  });
  const pickId = `${idPrefix}-pick`;
  const reasonId = `${idPrefix}-reason`;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={name} className="grid gap-3 md:grid-cols-[1fr_2fr_auto] md:items-end">
      <Field id={pickId} label={pickLabel} error={errors.pick?.message}>
        <SelectInput id={pickId} aria-invalid={errors.pick ? true : undefined} aria-describedby={describedBy(pickId, errors.pick?.message)} {...register("pick")}>
          <option value="">Choose…</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectInput>
      </Field>
      <Field id={reasonId} label={reasonLabel} error={errors.reason?.message}>
        <TextInput id={reasonId} aria-invalid={errors.reason ? true : undefined} aria-describedby={describedBy(reasonId, errors.reason?.message)} {...register("reason")} />
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? busyLabel : submitLabel}
      </Button>
      {message ? (
        <div className="md:col-span-3">
          <Notice tone={message.tone}>{message.text}</Notice>
        </div>
      ) : null}
    </form>
  );
}
