"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { reassignLeadAction } from "@/app/(app)/leads/[id]/reassign-actions";
import { Button } from "@/components/ui/button";
import { describedBy, Field, SelectInput, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ZReassignLead, type TReassignLead } from "@/lib/schemas/lead-reassign";

type TCandidate = { id: string; name: string };

/** Manual override of the lead's owner; the reason is required because it is logged and shown in the timeline. */
export function ReassignLeadForm({ leadId, currentOwnerId, candidates }: { leadId: string; currentOwnerId: string | null; candidates: TCandidate[] }) {
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<TReassignLead>({ resolver: zodResolver(ZReassignLead), defaultValues: { ownerId: "", reason: "" } });
  const { errors, isSubmitting } = formState;
  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await reassignLeadAction({ ...values, leadId });
    if (result.ok) {
      reset();
      setMessage({ tone: "success", text: `Reassigned to ${candidates.find((c) => c.id === result.data.ownerId)?.name ?? "the new owner"}.` });
      return;
    }
    // Server-side field errors (inactive target, …) go beside their field like client ones.
    for (const [field, messages] of Object.entries(result.error.fields ?? {})) {
      if (field === "ownerId" || field === "reason") setError(field, { message: messages[0] });
    }
    setMessage({ tone: "error", text: result.error.message });
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Reassign lead" className="grid gap-3 md:grid-cols-[1fr_2fr_auto] md:items-end">
      <Field id="reassign-owner" label="New owner" error={errors.ownerId?.message}>
        <SelectInput id="reassign-owner" aria-invalid={errors.ownerId ? true : undefined} aria-describedby={describedBy("reassign-owner", errors.ownerId?.message)} {...register("ownerId")}>
          <option value="">Choose…</option>
          {candidates
            .filter((c) => c.id !== currentOwnerId)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </SelectInput>
      </Field>
      <Field id="reassign-reason" label="Reason (logged)" error={errors.reason?.message}>
        <TextInput id="reassign-reason" aria-invalid={errors.reason ? true : undefined} aria-describedby={describedBy("reassign-reason", errors.reason?.message)} {...register("reason")} />
      </Field>
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Reassigning…" : "Reassign"}
      </Button>
      {message ? (
        <div className="md:col-span-3">
          <Notice tone={message.tone}>{message.text}</Notice>
        </div>
      ) : null}
    </form>
  );
}
