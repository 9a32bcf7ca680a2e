"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { decideMqlAction } from "@/app/(app)/leads/[id]/actions";
import { Button } from "@/components/ui/button";
import { describedBy, Field, SelectInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ZMqlDecisionForm } from "@/lib/schemas/mql-decision";

type TForm = z.input<typeof ZMqlDecisionForm>;
type TReason = { code: string; label: string; outcome: string };

const OUTCOME = { RECYCLED: "recycles", DISQUALIFIED: "disqualifies" } as Record<string, string>;

/** Accept the MQL (→ SQL), or reject it with one of the lifecycle policy's reason codes. */
export function MqlDecisionForm({ leadId, reasons }: { leadId: string; reasons: TReason[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const { register, handleSubmit, setValue, setError, formState } = useForm<TForm>({ resolver: zodResolver(ZMqlDecisionForm), defaultValues: { leadId, decision: "ACCEPT", reasonCode: "" } });
  const { errors, isSubmitting } = formState;
  const reasonError = errors.reasonCode?.message;
  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await decideMqlAction(values);
    if (result.ok) {
      router.refresh();
      return;
    }
    for (const [field, messages] of Object.entries(result.error.fields ?? {})) setError(field as keyof TForm, { message: messages[0] });
    setMessage(result.error.message);
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="MQL decision" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold">Accept or reject this MQL</h2>
      {message ? <Notice tone="error">{message}</Notice> : null}
      <Field id="mql-reason" label="Reject reason" hint="Needed only to reject" error={reasonError}>
        <SelectInput id="mql-reason" aria-invalid={reasonError ? true : undefined} aria-describedby={describedBy("mql-reason", reasonError, "x")} {...register("reasonCode")}>
          <option value="">Choose a reason…</option>
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>{r.label} ({r.code}, {OUTCOME[r.outcome] ?? r.outcome})</option>
          ))}
        </SelectInput>
      </Field>
      <div className="flex gap-2">
        {/* The clicked button sets the decision before the form submits. */}
        <Button type="submit" disabled={isSubmitting} onClick={() => setValue("decision", "ACCEPT")}>Accept MQL</Button>
        <Button type="submit" variant="danger" disabled={isSubmitting} onClick={() => setValue("decision", "REJECT")}>Reject MQL</Button>
      </div>
    </form>
  );
}
