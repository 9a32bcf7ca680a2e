"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { publishPolicyAction } from "@/app/(app)/policies/actions";
import { Button } from "@/components/ui/button";
import { describedBy, Field, SelectInput, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { humanize } from "@/lib/format";
import { POLICY_KPIS, ZPublishPolicy, type TPublishPolicy } from "@/lib/schemas/policy-inputs";

/** `blockedReason`: why publishing is not possible now (lint errors); the button is disabled and the reason shown. */
export function PublishPolicyForm({ versionId, kind, blockedReason }: { versionId: string; kind: string; blockedReason?: string }) {
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { register, handleSubmit, formState } = useForm<TPublishPolicy>({ resolver: zodResolver(ZPublishPolicy), defaultValues: { changeNote: "", kpi: "SPEED" } });
  const { errors, isSubmitting } = formState;
  const id = (f: string) => `${versionId}-${f}`;
  const onSubmit = handleSubmit(async (values) => {
    const result = await publishPolicyAction({ ...values, versionId });
    setMessage(result.ok ? { tone: "success", text: `Version ${result.data.version} is now the active ${kind.toLowerCase()} policy.` } : { tone: "error", text: result.error.message });
  });
  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 grid gap-3 border-t border-slate-100 pt-3 md:grid-cols-[2fr_1fr_auto] md:items-end">
      <Field id={id("note")} label="Change note (why)" error={errors.changeNote?.message}>
        <TextInput id={id("note")} aria-invalid={errors.changeNote ? true : undefined} aria-describedby={describedBy(id("note"), errors.changeNote?.message)} {...register("changeNote")} />
      </Field>
      <Field id={id("kpi")} label="KPI it serves" error={errors.kpi?.message}>
        <SelectInput id={id("kpi")} {...register("kpi")}>
          {POLICY_KPIS.map((k) => (
            <option key={k} value={k}>
              {humanize(k)}
            </option>
          ))}
        </SelectInput>
      </Field>
      <Button type="submit" disabled={isSubmitting || blockedReason !== undefined} aria-describedby={blockedReason ? id("blocked") : undefined}>
        {isSubmitting ? "Publishing…" : "Publish"}
      </Button>
      {blockedReason ? (
        <p id={id("blocked")} className="text-sm text-red-700 md:col-span-3">
          {blockedReason}
        </p>
      ) : null}
      {message ? (
        <div className="md:col-span-3">
          <Notice tone={message.tone}>{message.text}</Notice>
        </div>
      ) : null}
    </form>
  );
}
