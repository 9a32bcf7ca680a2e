const CONTROL = "rounded-md border border-slate-300 bg-white px-3 py-2";

/** A date input for GET filter forms (value "YYYY-MM-DD", as the browser submits it). */
export function DateFilter({ label, name, value }: { label: string; name: string; value?: string }) {
  return (
    <label className="flex flex-col text-sm">
      <span className="font-medium text-slate-700">{label}</span>
      <input type="date" name={name} defaultValue={value} className={CONTROL} />
    </label>
  );
}
