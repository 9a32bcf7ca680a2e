import type { ReactNode } from "react";

// GET forms for list filters: the URL holds the filter, so it works without JavaScript,
// survives reloads and can be shared.

const CONTROL = "rounded-md border border-slate-300 bg-white px-3 py-2";

export function FilterForm({ label, submitLabel = "Apply", children }: { label: string; submitLabel?: string; children: ReactNode }) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label={label}>
      {children}
      <button className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100">{submitLabel}</button>
    </form>
  );
}

export function SearchFilter({ label, name = "q", value, placeholder }: { label: string; name?: string; value?: string; placeholder: string }) {
  return (
    <label className="flex flex-col text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <input name={name} defaultValue={value} placeholder={placeholder} className={CONTROL} />
    </label>
  );
}

export function SelectFilter({ label, name, value, allLabel, options }: { label: string; name: string; value?: string; allLabel: string; options: { value: string; label: string }[] }) {
  return (
    <label className="flex flex-col text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <select name={name} defaultValue={value ?? ""} className={CONTROL}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
