"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { decideStepAction } from "@/app/(app)/approvals/actions";
import { Button } from "@/components/ui/button";
import { describedBy, Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ZDecideStep } from "@/lib/schemas/exception-requests";

type TForm = z.input<typeof ZDecideStep>;

const CHOICES = [
  { value: "APPROVE", label: "Approve" },
  { value: "REJECT", label: "Reject" },
  { value: "REQUEST_CHANGES", label: "Request changes" },
  { value: "APPROVE_WITH_CONDITIONS", label: "Counter-offer" },
] as const;

/** Approve, reject (reason), request changes (reason) or counter-offer, for one step. */
export function DecideStepForm({ requestId, stepId, label }: { requestId: string; stepId: string; label: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { register, handleSubmit, control, setError, formState } = useForm<TForm>({ resolver: zodResolver(ZDecideStep), defaultValues: { requestId, stepId, decision: "APPROVE" } });
  const decision = useWatch({ control, name: "decision" });
  const { errors, isSubmitting } = formState;
  const id = (f: string) => `decide-${stepId}-${f}`;
  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const input = { ...values, reason: values.reason || undefined, conditions: values.decision === "APPROVE_WITH_CONDITIONS" ? values.conditions : undefined };
    const result = await decideStepAction(input);
    if (result.ok) {
      setMessage({ tone: "success", text: result.data.summary });
      router.refresh();
      return;
    }
    for (const [field, messages] of Object.entries(result.error.fields ?? {})) setError(field as keyof TForm, { message: messages[0] });
    setMessage({ tone: "error", text: result.error.message });
  });
  const needsReason = decision === "REJECT" || decision === "REQUEST_CHANGES";
  const reasonError = errors.reason?.message;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={label} className="mt-3 grid gap-3 rounded-md border border-slate-100 bg-slate-50 p-3">
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <fieldset>
        <legend className="text-sm font-medium">Decision</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {CHOICES.map((c) => (
            <label key={c.value} className="flex items-center gap-1 text-sm">
              <input type="radio" value={c.value} {...register("decision")} /> {c.label}
            </label>
          ))}
        </div>
      </fieldset>
      {decision !== "APPROVE" ? (
        <Field id={id("reason")} label={needsReason ? "Reason (required)" : "Note (optional)"} error={reasonError}>
          <textarea id={id("reason")} rows={2} className="rounded-md border border-slate-300 px-3 py-2 text-sm" aria-invalid={reasonError ? true : undefined} aria-describedby={describedBy(id("reason"), reasonError)} {...register("reason")} />
        </Field>
      ) : null}
      {decision === "APPROVE_WITH_CONDITIONS" ? (
        <div className="grid gap-3 md:grid-cols-2">
          <Field id={id("summary")} label="Counter offer" hint="e.g. 18% instead of 25%" error={errors.conditions?.summary?.message ?? errors.conditions?.message}>
            <TextInput id={id("summary")} aria-invalid={errors.conditions ? true : undefined} aria-describedby={describedBy(id("summary"), errors.conditions?.summary?.message, "x")} {...register("conditions.summary")} />
          </Field>
          <Field id={id("discount")} label="Counter-offer discount % (optional)" error={errors.conditions?.discountPct?.message}>
            <TextInput id={id("discount")} type="number" step="any" {...register("conditions.discountPct", { setValueAs: (v: string) => (v === "" ? undefined : Number(v)) })} />
          </Field>
        </div>
      ) : null}
      <div>
        <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Saving…" : `Submit decision`}</Button>
      </div>
    </form>
  );
}
