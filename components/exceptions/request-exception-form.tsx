"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useFieldArray, useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { resubmitExceptionAction, submitExceptionAction } from "@/app/(app)/opportunities/[id]/request/actions";
import { Button } from "@/components/ui/button";
import { describedBy, Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ZSubmitException, type TDeviationInput } from "@/lib/schemas/exception-requests";
import { ApprovalChainPreview } from "./approval-chain-preview";
import { DEVIATION_DEFAULTS, DeviationFields } from "./deviation-fields";
import { useChainPreview } from "./use-chain-preview";

// The action's schema, with evidence typed as one link per line (the form's only change).
const ZForm = ZSubmitException.omit({ evidenceLinks: true, opportunityId: true }).extend({
  evidenceText: z.string().superRefine((text, ctx) => {
    for (const line of lines(text)) if (!z.string().url().safeParse(line).success) ctx.addIssue({ code: "custom", message: `Not a full link: ${line}` });
  }),
});
type TForm = z.input<typeof ZForm>;

function lines(text: string): string[] {
  return text.split("\n").map((l) => l.trim()).filter(Boolean);
}

export function RequestExceptionForm(props: { opportunityId: string; resubmit?: { requestId: string; deviations: TDeviationInput[]; justification: string; impactedKpi: string; evidenceLinks: string[] } }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const methods = useForm<TForm>({
    resolver: zodResolver(ZForm),
    defaultValues: {
      deviations: props.resubmit?.deviations ?? [DEVIATION_DEFAULTS.DISCOUNT],
      justification: props.resubmit?.justification ?? "",
      impactedKpi: props.resubmit?.impactedKpi ?? "",
      evidenceText: props.resubmit?.evidenceLinks.join("\n") ?? "",
    },
  });
  const { register, handleSubmit, control, setError, formState } = methods;
  const { fields, append, remove, update } = useFieldArray({ control, name: "deviations" });
  const deviations = useWatch({ control, name: "deviations" });
  const preview = useChainPreview(props.opportunityId, deviations);
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const body = { deviations: values.deviations as TDeviationInput[], justification: values.justification, impactedKpi: values.impactedKpi, evidenceLinks: lines(values.evidenceText) };
    const result = props.resubmit ? await resubmitExceptionAction({ requestId: props.resubmit.requestId, ...body }) : await submitExceptionAction({ opportunityId: props.opportunityId, ...body });
    if (result.ok) {
      router.push("/requests");
      return;
    }
    for (const [field, messages] of Object.entries(result.error.fields ?? {})) setError((field.startsWith("evidenceLinks") ? "evidenceText" : field) as keyof TForm, { message: messages[0] });
    setFormError(result.error.message);
  });

  const kinds = (deviations ?? []).map((d) => d?.type);
  const unused = (Object.keys(DEVIATION_DEFAULTS) as TDeviationInput["type"][]).find((t) => !kinds.includes(t));
  return (
    <FormProvider {...methods}>
      <form onSubmit={onSubmit} noValidate aria-label="Request exception" className="grid max-w-3xl gap-4 rounded-lg border border-slate-200 bg-white p-4">
        {formError ? <Notice tone="error">{formError}</Notice> : null}
        <fieldset className="grid gap-3">
          <legend className="mb-1 text-sm font-semibold">Requested deviation{fields.length > 1 ? "s" : ""}</legend>
          {fields.map((f, i) => (
            <div key={f.id} className="rounded-md border border-slate-100 p-3">
              <DeviationFields index={i} type={(deviations?.[i]?.type ?? f.type) as TDeviationInput["type"]} onTypeChange={(t) => update(i, DEVIATION_DEFAULTS[t])} />
              {fields.length > 1 ? (
                <Button type="button" variant="ghost" className="mt-2" onClick={() => remove(i)}>Remove this deviation</Button>
              ) : null}
            </div>
          ))}
          {errors.deviations?.root?.message || errors.deviations?.message ? <p role="alert" className="text-xs font-medium text-red-700">{errors.deviations.root?.message ?? errors.deviations.message}</p> : null}
          {unused && fields.length < 6 ? (
            <Button type="button" variant="secondary" className="justify-self-start" onClick={() => append(DEVIATION_DEFAULTS[unused])}>Add another deviation</Button>
          ) : null}
        </fieldset>
        <ApprovalChainPreview preview={preview} />
        <Field id="request-justification" label="Justification" error={errors.justification?.message} hint="Why the deal needs this, in a few sentences">
          <textarea id="request-justification" rows={4} className="rounded-md border border-slate-300 px-3 py-2 text-sm" aria-invalid={errors.justification ? true : undefined} aria-describedby={describedBy("request-justification", errors.justification?.message, "x")} {...register("justification")} />
        </Field>
        <Field id="request-kpi" label="Impacted KPI" error={errors.impactedKpi?.message} hint="e.g. win rate, gross margin, time to close">
          <TextInput id="request-kpi" aria-invalid={errors.impactedKpi ? true : undefined} aria-describedby={describedBy("request-kpi", errors.impactedKpi?.message, "x")} {...register("impactedKpi")} />
        </Field>
        <Field id="request-evidence" label="Evidence links" error={errors.evidenceText?.message} hint="One link per line. Links only for now: file attachments are not supported yet.">
          <textarea id="request-evidence" rows={3} className="rounded-md border border-slate-300 px-3 py-2 text-sm" aria-invalid={errors.evidenceText ? true : undefined} aria-describedby={describedBy("request-evidence", errors.evidenceText?.message, "x")} {...register("evidenceText")} />
        </Field>
        <div>
          <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Submitting…" : props.resubmit ? "Resubmit request" : "Submit request"}</Button>
        </div>
      </form>
    </FormProvider>
  );
}
