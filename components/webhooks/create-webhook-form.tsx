"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { createWebhookAction } from "@/app/(app)/admin/webhooks/actions";
import { Button } from "@/components/ui/button";
import { describedBy, Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { WEBHOOK_EVENTS, ZCreateWebhook } from "@/lib/schemas/webhooks";

type TForm = z.input<typeof ZCreateWebhook>;

export function CreateWebhookForm() {
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { register, handleSubmit, reset, formState } = useForm<TForm>({ resolver: zodResolver(ZCreateWebhook), defaultValues: { url: "", description: "", events: [] } });
  const { errors, isSubmitting } = formState;
  const onSubmit = handleSubmit(async (values) => {
    setError(null);
    const result = await createWebhookAction(values);
    if (result.ok) {
      setCreated({ url: result.data.url, secret: result.data.secret });
      reset();
    } else setError(result.error.message);
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Add a webhook" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="font-semibold">Add a webhook</h2>
      {created ? (
        <Notice tone="success" title={`Webhook to ${created.url} added`}>
          Signing secret (shown once; store it in the receiver): <code className="break-all font-mono">{created.secret}</code>
        </Notice>
      ) : null}
      {error ? <Notice tone="error">{error}</Notice> : null}
      <Field id="webhook-url" label="Endpoint URL" error={errors.url?.message}>
        <TextInput id="webhook-url" type="url" aria-invalid={errors.url ? true : undefined} aria-describedby={describedBy("webhook-url", errors.url?.message)} {...register("url")} />
      </Field>
      <Field id="webhook-description" label="Description" error={errors.description?.message}>
        <TextInput id="webhook-description" {...register("description")} />
      </Field>
      <fieldset aria-describedby={errors.events ? "webhook-events-error" : undefined}>
        <legend className="text-sm font-medium text-slate-700">Events</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={event} {...register("events")} />
              <code>{event}</code>
            </label>
          ))}
        </div>
        {errors.events ? (
          <p id="webhook-events-error" role="alert" className="mt-1 text-xs font-medium text-red-700">
            {errors.events.message}
          </p>
        ) : null}
      </fieldset>
      <div>
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? "Adding…" : "Add webhook"}
        </Button>
      </div>
    </form>
  );
}
