"use client";
import { useFormContext, type FieldErrors } from "react-hook-form";
import { describedBy, Field, SelectInput, TextInput } from "@/components/ui/field";
import type { TDeviationInput } from "@/lib/schemas/exception-requests";

// One requested deviation: its type, then the fields that type needs. Changing the type
// replaces the row with that type's defaults, so no stale field of another type remains.

export const DEVIATION_LABELS: Record<TDeviationInput["type"], string> = {
  DISCOUNT: "Discount",
  PAYMENT_TERMS: "Payment terms",
  MULTI_YEAR: "Multi-year term",
  CUSTOM_LEGAL: "Custom legal terms / SLA",
  VOLUME_DISCOUNT: "Volume discount",
  OTHER: "Other",
};

export const DEVIATION_DEFAULTS: Record<TDeviationInput["type"], TDeviationInput> = {
  DISCOUNT: { type: "DISCOUNT", discountPct: 15 },
  PAYMENT_TERMS: { type: "PAYMENT_TERMS", paymentTermsDays: 60 },
  MULTI_YEAR: { type: "MULTI_YEAR", termMonths: 36 },
  CUSTOM_LEGAL: { type: "CUSTOM_LEGAL", clause: "" },
  VOLUME_DISCOUNT: { type: "VOLUME_DISCOUNT", discountPct: 15 },
  OTHER: { type: "OTHER", description: "" },
};

type TNumberField = { name: "discountPct" | "paymentTermsDays" | "termMonths" | "quantity"; label: string; hint?: string };
const NUMBER_FIELDS: Partial<Record<TDeviationInput["type"], TNumberField[]>> = {
  DISCOUNT: [{ name: "discountPct", label: "Discount %", hint: "Off the list price" }],
  VOLUME_DISCOUNT: [{ name: "discountPct", label: "Discount %" }, { name: "quantity", label: "Quantity (seats or units)" }],
  PAYMENT_TERMS: [{ name: "paymentTermsDays", label: "Payment terms (days)", hint: "Standard is net 30" }],
  MULTI_YEAR: [{ name: "termMonths", label: "Term (months)" }],
};

export function DeviationFields({ index, type, onTypeChange }: { index: number; type: TDeviationInput["type"]; onTypeChange: (t: TDeviationInput["type"]) => void }) {
  const { register, formState } = useFormContext();
  const rowErrors = ((formState.errors as FieldErrors<{ deviations: Record<string, { message?: string }>[] }>).deviations?.[index] ?? {}) as Record<string, { message?: string } | undefined>;
  const id = (f: string) => `deviation-${index}-${f}`;
  const text = type === "CUSTOM_LEGAL" ? { name: "clause", label: "Clause or SLA requested" } : type === "OTHER" ? { name: "description", label: "What deviates from standard" } : null;
  return (
    <div className="grid gap-3 md:grid-cols-3">
      <Field id={id("type")} label="Deviation">
        <SelectInput id={id("type")} value={type} onChange={(e) => onTypeChange(e.target.value as TDeviationInput["type"])}>
          {Object.entries(DEVIATION_LABELS).map(([value, label]) => (
            <option key={value} value={value}>{label}</option>
          ))}
        </SelectInput>
      </Field>
      {(NUMBER_FIELDS[type] ?? []).map((f) => {
        const error = rowErrors[f.name]?.message;
        return (
          <Field key={f.name} id={id(f.name)} label={f.label} hint={f.hint} error={error}>
            <TextInput id={id(f.name)} type="number" step="any" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id(f.name), error, f.hint)} {...register(`deviations.${index}.${f.name}`, { setValueAs: (v: string) => (v === "" ? undefined : Number(v)) })} />
          </Field>
        );
      })}
      {text ? (
        <div className="md:col-span-2">
          <Field id={id(text.name)} label={text.label} error={rowErrors[text.name]?.message}>
            <textarea id={id(text.name)} rows={2} className="rounded-md border border-slate-300 px-3 py-2 text-sm" aria-invalid={rowErrors[text.name] ? true : undefined} aria-describedby={describedBy(id(text.name), rowErrors[text.name]?.message)} {...register(`deviations.${index}.${text.name}`)} />
          </Field>
        </div>
      ) : null}
    </div>
  );
}
