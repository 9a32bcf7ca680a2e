"use client";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { simulateRoutingDraftAction } from "@/app/(app)/policies/routing/actions";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

/** Starts a background replay of the saved draft on the last N days of leads, then opens its progress page. */
export function SimulateForm({ versionId, disabledReason }: { versionId: string; disabledReason?: string }) {
  const router = useRouter();
  const [days, setDays] = useState("30");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async () => {
    setBusy(true);
    setError(null);
    const result = await simulateRoutingDraftAction({ versionId, days: Number(days) });
    if (result.ok) router.push(`/policies/routing/simulations/${result.data.runId}`);
    else {
      setBusy(false);
      setError(result.error.fields?.days?.[0] ?? result.error.message);
    }
  };
  return (
    <section aria-labelledby="simulate-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="simulate-heading" className="font-semibold">
        Simulate before publishing
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        Replays the saved draft on recent leads in the background: who would get them compared with who owns them now, load per rep and leads only the fallback catches. Nothing is written to leads or pools.
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <Field id="simulate-days" label="Leads of the last … days" error={error ?? undefined}>
          <TextInput id="simulate-days" type="number" min={1} max={365} value={days} onChange={(e) => setDays(e.target.value)} aria-invalid={error ? true : undefined} className="w-28" />
        </Field>
        <Button type="button" onClick={start} disabled={busy || disabledReason !== undefined}>
          {busy ? "Starting…" : "Run simulation"}
        </Button>
      </div>
      {disabledReason ? (
        <div className="mt-2">
          <Notice tone="warning">{disabledReason}</Notice>
        </div>
      ) : null}
    </section>
  );
}
