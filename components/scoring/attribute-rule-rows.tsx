"use client";
import { useFieldArray, useWatch, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FORM_OPS, FORM_OP_LABELS, nextRuleId, type TScoringForm } from "@/lib/engine/scoring/form";
import { MiniInput, MiniSelect, RowErrors } from "./rule-inputs";

type TProps = {
  group: "fit" | "negative";
  control: Control<TScoringForm>;
  register: UseFormRegister<TScoringForm>;
  errors: FieldErrors<TScoringForm>;
  getValues: () => TScoringForm;
};

const TITLES = { fit: "Fit rules", negative: "Negative rules" } as const;
const HINTS = {
  fit: "Who the lead is: each matching rule adds its points.",
  negative: "Disqualifying signals (competitors, students, unsubscribes): each matching rule subtracts its points.",
} as const;
const ONE = { fit: "Fit rule", negative: "Negative rule" } as const;

/** Fit or negative rules: an attribute, a condition and points, one row each. */
export function AttributeRuleRows({ group, control, register, errors, getValues }: TProps) {
  const { fields, append, remove } = useFieldArray({ control, name: group });
  const ops = useWatch({ control, name: group });
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 font-semibold">{TITLES[group]}</legend>
      <p className="mb-3 text-sm text-slate-600">
        {HINTS[group]} Attributes: a lead field (industry, employees, title…), <code>custom.&lt;name&gt;</code> or <code>activity.&lt;type&gt;</code> (a count).
      </p>
      {fields.length === 0 ? <p className="mb-3 text-sm text-slate-500">No rules yet. Add one below.</p> : null}
      <ol className="flex flex-col gap-3">
        {fields.map((field, i) => {
          const e = errors[group]?.[i];
          const op = ops?.[i]?.op ?? field.op;
          const name = `${ONE[group]} ${i + 1}`;
          const errorId = `${group}-${i}-errors`;
          const described = e ? errorId : undefined;
          return (
            <li key={field.id} aria-label={name} className="grid grid-cols-2 gap-2 border-b border-slate-100 pb-3 md:grid-cols-[1fr_1.5fr_1.2fr_1fr_1.5fr_0.6fr_auto]">
              <MiniInput label="Id" aria-label={`${name} id`} invalid={Boolean(e?.id)} aria-describedby={described} {...register(`${group}.${i}.id`)} />
              <MiniInput label="Label" aria-label={`${name} label`} invalid={Boolean(e?.label)} aria-describedby={described} {...register(`${group}.${i}.label`)} />
              <MiniInput label="Attribute" aria-label={`${name} attribute`} list="scoring-attributes" invalid={Boolean(e?.attribute)} aria-describedby={described} {...register(`${group}.${i}.attribute`)} />
              <MiniSelect label="Condition" aria-label={`${name} condition`} invalid={Boolean(e?.op)} aria-describedby={described} {...register(`${group}.${i}.op`)}>
                {FORM_OPS.map((o) => (
                  <option key={o} value={o}>
                    {FORM_OP_LABELS[o]}
                  </option>
                ))}
              </MiniSelect>
              {op === "range" ? (
                <div className="grid grid-cols-2 gap-1">
                  <MiniInput label="From (≥)" aria-label={`${name} from`} inputMode="decimal" invalid={Boolean(e?.min)} aria-describedby={described} {...register(`${group}.${i}.min`)} />
                  <MiniInput label="To (<)" aria-label={`${name} to`} inputMode="decimal" invalid={Boolean(e?.max)} aria-describedby={described} {...register(`${group}.${i}.max`)} />
                </div>
              ) : op === "isEmpty" || op === "notEmpty" ? (
                <p className="self-end pb-2 text-xs text-slate-500">No value needed</p>
              ) : (
                <MiniInput
                  label={op === "equals" ? "Value" : "Values (comma-separated)"}
                  aria-label={`${name} value`}
                  invalid={Boolean(e?.value)}
                  aria-describedby={described}
                  {...register(`${group}.${i}.value`)}
                />
              )}
              <MiniInput label="Points" aria-label={`${name} points`} type="number" step={1} invalid={Boolean(e?.points)} aria-describedby={described} {...register(`${group}.${i}.points`, { valueAsNumber: true })} />
              <Button type="button" variant="ghost" className="self-end" aria-label={`Remove ${name.toLowerCase()}`} onClick={() => remove(i)}>
                Remove
              </Button>
              <RowErrors id={errorId} messages={[e?.id?.message, e?.label?.message, e?.attribute?.message, e?.op?.message, e?.value?.message, e?.min?.message, e?.max?.message, e?.points?.message]} />
            </li>
          );
        })}
      </ol>
      <Button
        type="button"
        variant="secondary"
        className="mt-3"
        onClick={() => append({ id: nextRuleId(getValues(), group), label: "", attribute: "", op: "equals", value: "", min: "", max: "", points: group === "fit" ? 5 : -5 })}
      >
        Add {ONE[group].toLowerCase()}
      </Button>
    </fieldset>
  );
}
