"use client";
import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { describedBy, Field, TextInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { erlangC } from "@/lib/engine/capacity/erlang-c";
import { ZCapacityInput } from "@/lib/schemas/sla-capacity";

type TForm = z.input<typeof ZCapacityInput>;

const FIELDS: { name: keyof TForm; label: string; hint: string; step: string }[] = [
  { name: "arrivalsPerHour", label: "Leads per hour", hint: "At the busiest hour you plan for", step: "1" },
  { name: "agents", label: "Reps on shift", hint: "Working leads at that hour", step: "1" },
  { name: "handleMinutes", label: "Average handling minutes", hint: "Time to research and first-touch one lead", step: "0.5" },
  { name: "targetMinutes", label: "SLA target (minutes)", hint: "e.g. 5 for speed-to-lead", step: "1" },
  { name: "targetServiceLevel", label: "Target share within SLA", hint: "0.8 = 80% of leads", step: "0.05" },
];

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The Erlang C model runs in the browser as you type: the engine is pure and instant. */
export function CapacityPlanner() {
  const { register, control, formState } = useForm<TForm>({
    resolver: zodResolver(ZCapacityInput),
    mode: "onChange",
    defaultValues: { arrivalsPerHour: 40, agents: 5, handleMinutes: 6, targetMinutes: 5, targetServiceLevel: 0.8 },
  });
  const values = useWatch({ control });
  const parsed = ZCapacityInput.safeParse(values);
  const result = parsed.success ? erlangC(parsed.data) : null;
  const { errors } = formState;
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1fr)]">
      <form noValidate aria-label="Capacity inputs" className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4" onSubmit={(e) => e.preventDefault()}>
        {FIELDS.map((f) => (
          <Field key={f.name} id={`cap-${f.name}`} label={f.label} hint={f.hint} error={errors[f.name]?.message}>
            <TextInput
              id={`cap-${f.name}`}
              type="number"
              step={f.step}
              aria-invalid={errors[f.name] ? true : undefined}
              aria-describedby={describedBy(`cap-${f.name}`, errors[f.name]?.message, f.hint)}
              {...register(f.name, { valueAsNumber: true })}
            />
          </Field>
        ))}
      </form>
      <section aria-live="polite" aria-labelledby="cap-result" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="cap-result" className="mb-3 font-semibold">
          Prediction
        </h2>
        {!result ? (
          <p className="text-sm text-slate-600">Fix the inputs on the left to see the prediction.</p>
        ) : result.ok ? (
          <>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-slate-600">Answered within the SLA</dt>
              <dd className="text-2xl font-semibold tabular-nums" data-testid="service-level">
                {pct(result.serviceLevel)}
              </dd>
              <dt className="text-slate-600">Leads that wait for a rep</dt>
              <dd className="tabular-nums">{pct(result.probabilityOfWaiting)}</dd>
              <dt className="text-slate-600">Average wait</dt>
              <dd className="tabular-nums">{result.averageSpeedOfAnswerMinutes.toFixed(1)} min</dd>
              <dt className="text-slate-600">Rep occupancy</dt>
              <dd className="tabular-nums">{pct(result.occupancy)}</dd>
              <dt className="text-slate-600">Reps needed for the target</dt>
              <dd className="tabular-nums" data-testid="agents-for-target">
                {result.agentsForTarget ?? "—"}
              </dd>
            </dl>
            {result.agentsForTarget !== null && result.agentsForTarget > (parsed.data?.agents ?? 0) ? (
              <div className="mt-4">
                <Notice tone="warning" title="This plan misses its SLA target">
                  Staff {result.agentsForTarget} reps at this hour, or relax the target.
                </Notice>
              </div>
            ) : null}
            <ul className="mt-4 list-disc pl-5 text-sm text-slate-700">
              {result.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </>
        ) : (
          <Notice tone="error" title="Not achievable">
            {result.error}
          </Notice>
        )}
      </section>
    </div>
  );
}
