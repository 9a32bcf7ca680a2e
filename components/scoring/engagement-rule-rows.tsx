"use client";
import { useFieldArray, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { nextRuleId, type TScoringForm } from "@/lib/engine/scoring/form";
import { MiniInput, RowErrors } from "./rule-inputs";

type TProps = { control: Control<TScoringForm>; register: UseFormRegister<TScoringForm>; errors: FieldErrors<TScoringForm>; getValues: () => TScoringForm };

/** Engagement rules: points per activity of a type, an optional cap and an optional half-life. */
export function EngagementRuleRows({ control, register, errors, getValues }: TProps) {
  const { fields, append, remove } = useFieldArray({ control, name: "engagement" });
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 font-semibold">Engagement rules</legend>
      <p className="mb-3 text-sm text-slate-600">
        What the lead does: points for each activity of the type, at most the cap in all; with a half-life, an activity is worth half as much after that many days.
      </p>
      {fields.length === 0 ? <p className="mb-3 text-sm text-slate-500">No rules yet. Add one below.</p> : null}
      <ol className="flex flex-col gap-3">
        {fields.map((field, i) => {
          const e = errors.engagement?.[i];
          const name = `Engagement rule ${i + 1}`;
          const errorId = `engagement-${i}-errors`;
          const described = e ? errorId : undefined;
          return (
            <li key={field.id} aria-label={name} className="grid grid-cols-2 gap-2 border-b border-slate-100 pb-3 md:grid-cols-[1fr_1.5fr_1.5fr_0.6fr_0.6fr_0.8fr_auto]">
              <MiniInput label="Id" aria-label={`${name} id`} invalid={Boolean(e?.id)} aria-describedby={described} {...register(`engagement.${i}.id`)} />
              <MiniInput label="Label" aria-label={`${name} label`} invalid={Boolean(e?.label)} aria-describedby={described} {...register(`engagement.${i}.label`)} />
              <MiniInput label="Activity type" aria-label={`${name} activity type`} list="scoring-activity-types" invalid={Boolean(e?.activityType)} aria-describedby={described} {...register(`engagement.${i}.activityType`)} />
              <MiniInput label="Points each" aria-label={`${name} points`} type="number" step={1} invalid={Boolean(e?.points)} aria-describedby={described} {...register(`engagement.${i}.points`, { valueAsNumber: true })} />
              <MiniInput label="Cap" aria-label={`${name} cap`} inputMode="numeric" placeholder="none" invalid={Boolean(e?.cap)} aria-describedby={described} {...register(`engagement.${i}.cap`)} />
              <MiniInput label="Half-life (days)" aria-label={`${name} half-life`} inputMode="decimal" placeholder="no decay" invalid={Boolean(e?.halfLifeDays)} aria-describedby={described} {...register(`engagement.${i}.halfLifeDays`)} />
              <Button type="button" variant="ghost" className="self-end" aria-label={`Remove ${name.toLowerCase()}`} onClick={() => remove(i)}>
                Remove
              </Button>
              <RowErrors id={errorId} messages={[e?.id?.message, e?.label?.message, e?.activityType?.message, e?.points?.message, e?.cap?.message, e?.halfLifeDays?.message]} />
            </li>
          );
        })}
      </ol>
      <Button type="button" variant="secondary" className="mt-3" onClick={() => append({ id: nextRuleId(getValues(), "engagement"), label: "", activityType: "", points: 5, cap: "", halfLifeDays: "" })}>
        Add engagement rule
      </Button>
    </fieldset>
  );
}
