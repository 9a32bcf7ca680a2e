"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { saveNotificationPreferencesAction } from "@/app/(app)/settings/notifications/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { TEmailChoice } from "@/lib/engine/email/kinds";
import { ZNotificationPreferences } from "@/lib/schemas/notification-preferences";

type TForm = z.input<typeof ZNotificationPreferences>;
type TRow = { kind: string; label: string; explanation: string; email: TEmailChoice; isDefault: boolean; defaultChoice: TEmailChoice };

const CHOICES: { value: TEmailChoice; label: string }[] = [
  { value: "IMMEDIATE", label: "At once" },
  { value: "DIGEST", label: "Daily digest" },
  { value: "OFF", label: "Off" },
];
const WORDS: Record<TEmailChoice, string> = { IMMEDIATE: "at once", DIGEST: "daily digest", OFF: "off" };

/** One row per notification kind, three radio buttons each; saves all rows at once. */
export function NotificationPreferencesForm({ rows }: { rows: TRow[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const { register, handleSubmit, formState } = useForm<TForm>({
    resolver: zodResolver(ZNotificationPreferences),
    defaultValues: { preferences: rows.map((r) => ({ kind: r.kind, email: r.email })) },
  });
  const { errors, isSubmitting, isDirty } = formState;
  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await saveNotificationPreferencesAction(values);
    if (result.ok) {
      setMessage({ tone: "success", text: "Saved. New notifications follow these choices." });
      router.refresh();
    } else setMessage({ tone: "error", text: result.error.message });
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="E-mail preferences" className="grid gap-4">
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <caption className="sr-only">E-mail choice per kind of notification</caption>
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Notification
              </th>
              {CHOICES.map((c) => (
                <th key={c.value} scope="col" className="px-4 py-2 text-center font-medium">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row, i) => (
              <tr key={row.kind}>
                <th scope="row" className="px-4 py-3 text-left font-normal">
                  <span className="font-medium" id={`pref-${i}-label`}>
                    {row.label}
                  </span>
                  <span className="block text-xs text-slate-600">
                    {row.explanation} Default: {WORDS[row.defaultChoice]}.
                  </span>
                  {errors.preferences?.[i]?.email ? (
                    <span role="alert" className="block text-xs font-medium text-red-700">
                      {errors.preferences[i]?.email?.message}
                    </span>
                  ) : null}
                </th>
                {CHOICES.map((c) => (
                  <td key={c.value} className="px-4 py-3 text-center">
                    <input type="radio" value={c.value} aria-label={`${row.label}: ${c.label}`} {...register(`preferences.${i}.email`)} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <Button type="submit" disabled={isSubmitting || !isDirty}>
          {isSubmitting ? "Saving…" : "Save preferences"}
        </Button>
      </div>
    </form>
  );
}
