"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { createScoringDraftAction, saveScoringDraftAction } from "@/app/(app)/policies/scoring/actions";
import { PublishPolicyForm } from "@/components/policies/publish-policy-form";
import { Button } from "@/components/ui/button";
import { describedBy, Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { formPathOf, formToPolicy, ZScoringForm, type TScoringForm } from "@/lib/engine/scoring/form";
import { ATTRIBUTE_TYPES, KNOWN_ACTIVITY_TYPES } from "@/lib/schemas/policies/common";
import type { TSampleLead } from "@/lib/server/scoring/sample-leads";
import { AttributeRuleRows } from "./attribute-rule-rows";
import { EngagementRuleRows } from "./engagement-rule-rows";
import { LiveScorePanel } from "./live-score-panel";

type TMode = { kind: "edit"; versionId: string; version: number; mayPublish: boolean } | { kind: "create" };

const ATTRIBUTE_SUGGESTIONS = [...Object.keys(ATTRIBUTE_TYPES), ...KNOWN_ACTIVITY_TYPES.map((t) => `activity.${t}`)];
const THRESHOLDS = [
  { name: "fitMin", label: "Fit minimum", hint: "Fit points a lead needs to be an MQL" },
  { name: "engagementMin", label: "Engagement minimum", hint: "Engagement points a lead needs to be an MQL" },
  { name: "mqlThreshold", label: "MQL threshold (total)", hint: "Total score, 0–100, a lead needs to be an MQL" },
] as const;

/** "body.fit.0.condition.values" (a server error) → "fit.0.value" (the form input). */
function formFieldOf(serverKey: string): string {
  const path = serverKey.replace(/^body\./, "").split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return formPathOf(path).join(".");
}

/**
 * The scoring model editor: fit, engagement and negative rules and the MQL thresholds, checked
 * as you type against the policy schema, with the live score of a sample lead beside it.
 * Edits a draft (save, then publish with a change note) or, from a calibration, creates one.
 */
export function ScoringModelForm({ initial, name: initialName, samples, mode }: { initial: TScoringForm; name: string; samples: TSampleLead[]; mode: TMode }) {
  const router = useRouter();
  const [name, setName] = useState(initialName);
  const [savedName, setSavedName] = useState(initialName);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { control, register, handleSubmit, formState, getValues, reset, setError } = useForm<TScoringForm>({ resolver: zodResolver(ZScoringForm), defaultValues: initial, mode: "onChange" });
  const { errors, isSubmitting, isDirty } = formState;
  const nameError = name.trim().length < 3 ? "Give the draft a name of at least 3 characters" : undefined;

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    if (nameError) return;
    const body = formToPolicy(values);
    const result = mode.kind === "edit" ? await saveScoringDraftAction({ versionId: mode.versionId, name, body }) : await createScoringDraftAction({ name, body });
    if (!result.ok) {
      for (const [key, messages] of Object.entries(result.error.fields ?? {})) {
        if (key !== "name") setError(formFieldOf(key) as keyof TScoringForm, { message: messages[0] });
      }
      setMessage({ tone: "error", text: result.error.message });
      return;
    }
    if (mode.kind === "create" && "id" in result.data) {
      router.push(`/policies/scoring/${result.data.id}`);
      return;
    }
    reset(values);
    setSavedName(name);
    setMessage({ tone: "success", text: "Draft saved." });
    router.refresh();
  });

  const unsaved = isDirty || name !== savedName;
  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(18rem,1fr)]">
      <div className="flex flex-col gap-4">
        <form onSubmit={onSubmit} noValidate aria-label="Scoring model" className="flex flex-col gap-4">
          <datalist id="scoring-attributes">
            {ATTRIBUTE_SUGGESTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <datalist id="scoring-activity-types">
            {KNOWN_ACTIVITY_TYPES.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <div className="rounded-lg border border-slate-200 bg-white p-4">
            <Field id="model-name" label="Draft name" error={nameError}>
              <TextInput id="model-name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={nameError ? true : undefined} aria-describedby={describedBy("model-name", nameError)} />
            </Field>
          </div>
          <AttributeRuleRows group="fit" control={control} register={register} errors={errors} getValues={getValues} />
          <EngagementRuleRows control={control} register={register} errors={errors} getValues={getValues} />
          <AttributeRuleRows group="negative" control={control} register={register} errors={errors} getValues={getValues} />
          <fieldset className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-4">
            <legend className="px-1 font-semibold">When is a lead an MQL?</legend>
            <p className="text-sm text-slate-600 md:col-span-4">All three must hold: fit at least the fit minimum, engagement at least the engagement minimum, and the total (clamped to 0–100) at least the threshold.</p>
            {THRESHOLDS.map((t) => (
              <Field key={t.name} id={`model-${t.name}`} label={t.label} hint={t.hint} error={errors[t.name]?.message}>
                <TextInput id={`model-${t.name}`} type="number" step={1} aria-invalid={errors[t.name] ? true : undefined} aria-describedby={describedBy(`model-${t.name}`, errors[t.name]?.message, t.hint)} {...register(t.name, { valueAsNumber: true })} />
              </Field>
            ))}
            <Field id="model-reviewBy" label="Review by" hint="Quarterly recalibration reminder" error={errors.reviewBy?.message}>
              <TextInput id="model-reviewBy" type="date" aria-invalid={errors.reviewBy ? true : undefined} aria-describedby={describedBy("model-reviewBy", errors.reviewBy?.message, "Quarterly recalibration reminder")} {...register("reviewBy")} />
            </Field>
          </fieldset>
          {errors.root?.message ? <Notice tone="error">{errors.root.message}</Notice> : null}
          {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? "Saving…" : mode.kind === "edit" ? "Save draft" : "Save as new draft"}
            </Button>
            {mode.kind === "edit" ? (
              <Link href={`/scoring/backtest?versionId=${mode.versionId}`} className="text-sm font-medium text-brand-700 underline">
                Backtest this draft
              </Link>
            ) : null}
            {unsaved ? <span className="text-sm text-amber-800">Unsaved changes</span> : null}
          </div>
        </form>
        {mode.kind === "edit" && mode.mayPublish ? (
          <section aria-label="Publish" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 className="font-semibold">Publish version {mode.version}</h2>
            <p className="text-sm text-slate-600">
              Publishing makes this the active model and rescores every open lead in the background; follow the progress on the{" "}
              <Link href="/policies/scoring" className="text-brand-700 underline">
                scoring versions
              </Link>{" "}
              page.
            </p>
            <PublishPolicyForm versionId={mode.versionId} kind="SCORING" blockedReason={unsaved ? "Save the draft first: publishing uses the saved version." : undefined} />
          </section>
        ) : null}
      </div>
      <LiveScorePanel control={control} samples={samples} />
    </div>
  );
}
