"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormProvider, useFieldArray, useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { resubmitExceptionAction, saveDraftAction, submitExceptionAction } from "@/app/(app)/opportunities/[id]/request/actions";
import { Button } from "@/components/ui/button";
import { describedBy, Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ZSubmitException, type TDeviationInput } from "@/lib/schemas/exception-requests";
import { ApprovalChainPreview } from "./approval-chain-preview";
import { DEVIATION_DEFAULTS, DeviationFields } from "./deviation-fields";
import { EvidenceFiles, type TAttachment } from "./evidence-files";
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

type TSaved = { deviations: TDeviationInput[]; justification: string; impactedKpi: string; evidenceLinks: string[]; attachments: TAttachment[] };

export function RequestExceptionForm(props: { opportunityId: string; resubmit?: TSaved & { requestId: string }; draft?: TSaved & { draftId: string; savedAt: string } }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const start = props.resubmit ?? props.draft;
  const [attachments, setAttachments] = useState<TAttachment[]>(start?.attachments ?? []);
  const [draftId, setDraftId] = useState<string | undefined>(props.draft?.draftId);
  const [draftNote, setDraftNote] = useState<string | null>(props.draft ? `Draft restored (saved ${props.draft.savedAt}).` : null);
  const [savingDraft, setSavingDraft] = useState(false);
  const methods = useForm<TForm>({
    resolver: zodResolver(ZForm),
    defaultValues: {
      deviations: start?.deviations ?? [DEVIATION_DEFAULTS.DISCOUNT],
      justification: start?.justification ?? "",
      impactedKpi: start?.impactedKpi ?? "",
      evidenceText: start?.evidenceLinks.join("\n") ?? "",
    },
  });
  const { register, handleSubmit, control, setError, formState, getValues, clearErrors } = methods;
  const { fields, append, remove, update } = useFieldArray({ control, name: "deviations" });
  const deviations = useWatch({ control, name: "deviations" });
  const preview = useChainPreview(props.opportunityId, deviations);
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const body = { deviations: values.deviations as TDeviationInput[], justification: values.justification, impactedKpi: values.impactedKpi, evidenceLinks: lines(values.evidenceText), attachmentIds: attachments.map((a) => a.id) };
    const result = props.resubmit ? await resubmitExceptionAction({ requestId: props.resubmit.requestId, ...body }) : await submitExceptionAction({ opportunityId: props.opportunityId, draftId, ...body });
    if (result.ok) {
      router.push("/requests");
      return;
    }
    for (const [field, messages] of Object.entries(result.error.fields ?? {})) setError((field.startsWith("evidenceLinks") ? "evidenceText" : field) as keyof TForm, { message: messages[0] });
    setFormError(result.error.message);
  });

  // A draft keeps whatever is typed: only links must be links. Full checks run on submission.
  const saveDraft = async () => {
    setFormError(null);
    setDraftNote(null);
    clearErrors();
    setSavingDraft(true);
    const v = getValues();
    const result = await saveDraftAction({
      opportunityId: props.opportunityId,
      draftId,
      deviations: (v.deviations ?? []) as TDeviationInput[],
      justification: v.justification ?? "",
      impactedKpi: v.impactedKpi ?? "",
      evidenceLinks: lines(v.evidenceText ?? ""),
      attachmentIds: attachments.map((a) => a.id),
    });
    setSavingDraft(false);
    if (!result.ok) {
      for (const [field, messages] of Object.entries(result.error.fields ?? {})) setError((field.startsWith("evidenceLinks") ? "evidenceText" : field) as keyof TForm, { message: messages[0] });
      setFormError(result.error.message);
      return;
    }
    setDraftId(result.data.draftId);
    setDraftNote(`Draft saved at ${new Date(result.data.savedAt).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })}. Come back to this opportunity's request form to finish it.`);
  };

  const kinds = (deviations ?? []).map((d) => d?.type);
  const unused = (Object.keys(DEVIATION_DEFAULTS) as TDeviationInput["type"][]).find((t) => !kinds.includes(t));
  return (
    <FormProvider {...methods}>
      <form onSubmit={onSubmit} noValidate aria-label="Request exception" className="grid max-w-3xl gap-4 rounded-lg border border-slate-200 bg-white p-4">
        {formError ? <Notice tone="error">{formError}</Notice> : null}
        {draftNote ? <p role="status" className="text-sm text-slate-700">{draftNote}</p> : null}
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
        <Field id="request-evidence" label="Evidence links" error={errors.evidenceText?.message} hint="One link per line, e.g. the customer's email or the competitor's quote.">
          <textarea id="request-evidence" rows={3} className="rounded-md border border-slate-300 px-3 py-2 text-sm" aria-invalid={errors.evidenceText ? true : undefined} aria-describedby={describedBy("request-evidence", errors.evidenceText?.message, "x")} {...register("evidenceText")} />
        </Field>
        <EvidenceFiles attachments={attachments} onChange={setAttachments} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={isSubmitting}>{isSubmitting ? "Submitting…" : props.resubmit ? "Resubmit request" : "Submit request"}</Button>
          {props.resubmit ? null : (
            <Button type="button" variant="secondary" disabled={savingDraft || isSubmitting} onClick={saveDraft}>{savingDraft ? "Saving…" : "Save draft"}</Button>
          )}
        </div>
      </form>
    </FormProvider>
  );
}
