"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm, type Path } from "react-hook-form";
import { saveSlaClocksAction } from "@/app/(app)/sla/clocks-policy/actions";
import { Button } from "@/components/ui/button";
import { ZSlaClocksForm, type TSlaClocksForm } from "@/lib/schemas/sla-clock-form";
import { ClockPolicyCard } from "./clock-policy-card";
import { SlaDraftBanner } from "./sla-draft-banner";

type TProps = { baseVersionId: string; baseLabel: string; initial: TSlaClocksForm };

/** Edits the SLA policy's clocks and saves them into a draft version; errors show beside each input as you type. */
export function ClockPolicyEditor({ baseVersionId, baseLabel, initial }: TProps) {
  const [base, setBase] = useState({ id: baseVersionId, label: baseLabel });
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const form = useForm<TSlaClocksForm>({ resolver: zodResolver(ZSlaClocksForm), mode: "onTouched", reValidateMode: "onChange", defaultValues: initial });
  const { handleSubmit, setError, formState } = form;

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await saveSlaClocksAction({ ...values, baseVersionId: base.id });
    if (result.ok) {
      setBase({ id: result.data.id, label: `draft version ${result.data.version}` });
      setMessage({ tone: "success", text: result.data.created ? `Saved as new draft version ${result.data.version}.` : `Saved into draft version ${result.data.version}.` });
      return;
    }
    // The server speaks the form's own paths (clocks.0.ladder.1.delay), so errors land on the inputs.
    for (const [path, messages] of Object.entries(result.error.fields ?? {})) {
      if (path.startsWith("clocks.")) setError(path as Path<TSlaClocksForm>, { message: messages[0] });
    }
    setMessage({ tone: "error", text: result.error.message });
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="SLA clock settings" className="flex flex-col gap-6">
      <SlaDraftBanner editing={base.label} untilPublished="running clocks keep the published settings" message={message} />
      {initial.clocks.map((clock, i) => (
        <ClockPolicyCard key={clock.id} form={form} index={i} />
      ))}
      <div className="flex justify-end">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : "Save to draft"}
        </Button>
      </div>
    </form>
  );
}
