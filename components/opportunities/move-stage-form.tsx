"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { changeOpportunityStageAction } from "@/app/(app)/opportunities/[id]/actions";
import { Button } from "@/components/ui/button";
import { describedBy, Field, SelectInput, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ZChangeOpportunityStage } from "@/lib/schemas/opportunity-stage";

type TStageOption = { stage: string; label: string };
type TFormValues = z.input<typeof ZChangeOpportunityStage>;

/** Moves the deal to another stage; the pipeline policy decides which moves are allowed and the server says why when not. */
export function MoveStageForm({ opportunityId, currentStage, stages }: { opportunityId: string; currentStage: string; stages: TStageOption[] }) {
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<TFormValues>({ resolver: zodResolver(ZChangeOpportunityStage), defaultValues: { reason: "" } });
  const { errors, isSubmitting } = formState;
  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await changeOpportunityStageAction({ opportunityId, toStage: values.toStage, reason: values.reason });
    if (result.ok) {
      reset({ reason: "" });
      setMessage({ tone: "success", text: `Moved to ${stages.find((s) => s.stage === result.data.toStage)?.label ?? result.data.toStage}.` });
      return;
    }
    const fieldMessage = result.error.fields?.toStage?.[0];
    if (fieldMessage) setError("toStage", { message: fieldMessage });
    setMessage({ tone: "error", text: result.error.message });
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Move to stage" className="grid gap-3 md:grid-cols-[1fr_2fr_auto] md:items-end">
      <Field id="move-stage" label="Move to stage" error={errors.toStage?.message}>
        <SelectInput id="move-stage" aria-invalid={errors.toStage ? true : undefined} aria-describedby={describedBy("move-stage", errors.toStage?.message)} {...register("toStage")}>
          <option value="">Choose…</option>
          {stages
            .filter((s) => s.stage !== currentStage)
            .map((s) => (
              <option key={s.stage} value={s.stage}>
                {s.label}
              </option>
            ))}
        </SelectInput>
      </Field>
      <Field id="move-reason" label="Reason (optional, logged)" error={errors.reason?.message}>
        <TextInput id="move-reason" aria-invalid={errors.reason ? true : undefined} aria-describedby={describedBy("move-reason", errors.reason?.message)} {...register("reason")} />
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Moving…" : "Move"}
      </Button>
      {message ? (
        <div className="md:col-span-3">
          <Notice tone={message.tone}>{message.text}</Notice>
        </div>
      ) : null}
    </form>
  );
}
