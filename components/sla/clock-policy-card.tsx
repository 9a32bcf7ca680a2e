"use client";
import { useFieldArray, useWatch, type UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { describedBy, Field, SelectInput, TextInput } from "@/components/ui/field";
import { summarizeClock } from "@/lib/engine/sla/clock-form-summary";
import { ESCALATION_TARGETS, ZSlaClock } from "@/lib/schemas/policies/sla";
import { clockFromForm, convertTypedLength, MULTIPLIER_CLOCKS, type TSlaClocksForm } from "@/lib/schemas/sla-clock-form";

const TARGET_NAMES: Record<(typeof ESCALATION_TARGETS)[number], string> = {
  OWNER: "Owner",
  MANAGER: "Manager",
  REGION_VP: "Regional VP",
  DEAL_DESK: "Deal desk",
  REVOPS: "RevOps",
  EXEC: "Executive",
};

function messageOf(e: unknown): string | undefined {
  const err = e as { message?: string; root?: { message?: string } } | undefined;
  return err?.message ?? err?.root?.message;
}

/** One clock of the SLA policy: length, calendar, warnings, escalation ladder, guardrail, pausing, and a plain-word summary. */
export function ClockPolicyCard({ form, index: i }: { form: UseFormReturn<TSlaClocksForm>; index: number }) {
  const { register, control, formState, setValue } = form;
  const warnings = useFieldArray({ control, name: `clocks.${i}.warnings` });
  const ladder = useFieldArray({ control, name: `clocks.${i}.ladder` });
  const clock = useWatch({ control, name: `clocks.${i}` });
  const e = formState.errors.clocks?.[i];
  const id = (name: string) => `clock-${i}-${name}`;
  const parsed = ZSlaClock.safeParse(clockFromForm(clock));
  const canMultiply = MULTIPLIER_CLOCKS.includes(clock.id);

  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby={id("legend")}>
      <h2 id={id("legend")} className="font-semibold">
        {clock.label || clock.id} <span className="text-xs font-normal text-slate-500">({clock.id})</span>
      </h2>
      <p className="mt-1 text-sm text-slate-700" aria-live="polite" data-testid={id("summary")}>
        {parsed.success ? summarizeClock(parsed.data) : "Fix the marked inputs to see what this clock will do."}
      </p>

      <div className="mt-4 grid gap-3 md:grid-cols-4">
        <div className="md:col-span-2">
          <Field id={id("label")} label="Label" error={e?.label?.message}>
            <TextInput id={id("label")} className="w-full" aria-invalid={e?.label ? true : undefined} aria-describedby={describedBy(id("label"), e?.label?.message)} {...register(`clocks.${i}.label`)} />
          </Field>
        </div>
        <Field id={id("length")} label={clock.lengthUnit === "multiplier" ? "Multiplier" : "Runs for"} error={e?.length?.message} hint={canMultiply ? (clock.id === "APPROVAL_STAGE" ? "Multiplier of the stage's approval hours" : "Multiplier of the stage's average days") : undefined}>
          <TextInput id={id("length")} inputMode="decimal" aria-invalid={e?.length ? true : undefined} aria-describedby={describedBy(id("length"), e?.length?.message)} {...register(`clocks.${i}.length`)} />
        </Field>
        <Field id={id("length-unit")} label="Unit">
          <SelectInput id={id("length-unit")} {...register(`clocks.${i}.lengthUnit`, {
              // `clock` still holds the unit before this change.
              onChange: (event: { target: { value: typeof clock.lengthUnit } }) => setValue(`clocks.${i}.length`, convertTypedLength(clock.length, clock.lengthUnit, event.target.value), { shouldValidate: true }),
            })}>
            <option value="minutes">minutes</option>
            <option value="hours">hours</option>
            {canMultiply ? <option value="multiplier">× reference</option> : null}
          </SelectInput>
        </Field>
        <Field id={id("calendar")} label="Calendar" error={e?.calendar?.message}>
          <SelectInput id={id("calendar")} {...register(`clocks.${i}.calendar`)}>
            <option value="OWNER">Owner&apos;s calendar</option>
            <option value="TEAM">Team&apos;s calendar</option>
            <option value="REGION">Region&apos;s calendar</option>
          </SelectInput>
        </Field>
        <Field id={id("breach-limit")} label="Breach limit per 48 h" hint="Blank = no leadership alert" error={e?.breachLimit?.message}>
          <TextInput id={id("breach-limit")} inputMode="numeric" aria-invalid={e?.breachLimit ? true : undefined} aria-describedby={describedBy(id("breach-limit"), e?.breachLimit?.message, "Blank = no leadership alert")} {...register(`clocks.${i}.breachLimit`)} />
        </Field>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" {...register(`clocks.${i}.businessHours`)} /> Business hours only
        </label>
        <label className="flex items-center gap-2 self-end pb-2 text-sm">
          <input type="checkbox" {...register(`clocks.${i}.pausable`)} /> May be paused
        </label>
      </div>

      <fieldset className="mt-4">
        <legend className="text-sm font-medium text-slate-700">Warnings (percent of the time used)</legend>
        <div className="mt-2 flex flex-wrap items-end gap-3">
          {warnings.fields.map((w, j) => {
            const err = e?.warnings?.[j]?.percent?.message;
            return (
              <div key={w.id} className="flex items-end gap-1">
                <Field id={id(`warn-${j}`)} label={`Warning ${j + 1} (%)`} error={err}>
                  <TextInput id={id(`warn-${j}`)} inputMode="decimal" className="w-24" aria-invalid={err ? true : undefined} aria-describedby={describedBy(id(`warn-${j}`), err)} {...register(`clocks.${i}.warnings.${j}.percent`)} />
                </Field>
                <Button type="button" variant="ghost" onClick={() => warnings.remove(j)} aria-label={`Remove warning ${j + 1}`}>
                  ✕
                </Button>
              </div>
            );
          })}
          <Button type="button" variant="secondary" onClick={() => warnings.append({ percent: "" })}>
            Add a warning
          </Button>
        </div>
        {messageOf(e?.warnings) ? <p role="alert" className="mt-1 text-xs font-medium text-red-700">{messageOf(e?.warnings)}</p> : null}
      </fieldset>

      <fieldset className="mt-4">
        <legend className="text-sm font-medium text-slate-700">Escalation ladder (level 1 fires at the breach; later levels after a delay)</legend>
        <ol className="mt-2 flex flex-col gap-3">
          {ladder.fields.map((row, j) => {
            const re = e?.ladder?.[j];
            const notifyError = messageOf(re?.notify);
            return (
              <li key={row.id} className="flex flex-wrap items-end gap-3 rounded-md border border-slate-100 p-2">
                <span className="pb-2 text-sm font-medium">Level {j + 1}</span>
                <fieldset aria-describedby={notifyError ? id(`level-${j}-notify-error`) : undefined}>
                  <legend className="text-xs text-slate-600">Notify</legend>
                  <div className="flex flex-wrap gap-3">
                    {ESCALATION_TARGETS.map((t) => (
                      <label key={t} className="flex items-center gap-1 text-sm">
                        <input type="checkbox" value={t} {...register(`clocks.${i}.ladder.${j}.notify`)} /> {TARGET_NAMES[t]}
                      </label>
                    ))}
                  </div>
                  {notifyError ? (
                    <p id={id(`level-${j}-notify-error`)} role="alert" className="text-xs font-medium text-red-700">
                      {notifyError}
                    </p>
                  ) : null}
                </fieldset>
                <Field id={id(`level-${j}-delay`)} label="After the breach" hint={j === 0 ? "Blank = at the breach" : undefined} error={re?.delay?.message}>
                  <TextInput id={id(`level-${j}-delay`)} inputMode="decimal" className="w-24" aria-invalid={re?.delay ? true : undefined} aria-describedby={describedBy(id(`level-${j}-delay`), re?.delay?.message)} {...register(`clocks.${i}.ladder.${j}.delay`)} />
                </Field>
                <Field id={id(`level-${j}-unit`)} label="Unit">
                  <SelectInput id={id(`level-${j}-unit`)} {...register(`clocks.${i}.ladder.${j}.delayUnit`, {
                      onChange: (event: { target: { value: "minutes" | "hours" } }) => {
                        const previous = clock.ladder[j];
                        if (previous) setValue(`clocks.${i}.ladder.${j}.delay`, convertTypedLength(previous.delay, previous.delayUnit, event.target.value), { shouldValidate: true });
                      },
                    })}>
                    <option value="minutes">minutes</option>
                    <option value="hours">hours</option>
                  </SelectInput>
                </Field>
                <Button type="button" variant="ghost" onClick={() => ladder.remove(j)} aria-label={`Remove level ${j + 1}`} disabled={ladder.fields.length === 1}>
                  Remove
                </Button>
              </li>
            );
          })}
        </ol>
        {messageOf(e?.ladder) ? <p role="alert" className="mt-1 text-xs font-medium text-red-700">{messageOf(e?.ladder)}</p> : null}
        <Button type="button" variant="secondary" className="mt-2" onClick={() => ladder.append({ notify: [], delay: "", delayUnit: "hours" })}>
          Add a level
        </Button>
      </fieldset>
    </fieldset>
  );
}
