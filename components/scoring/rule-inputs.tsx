"use client";
import type { InputHTMLAttributes, SelectHTMLAttributes } from "react";

// Compact inputs for rule rows: a visible mini-label above each control, the row's errors
// listed once below it (see RowErrors), aria-invalid on the control that is wrong.

const CONTROL = "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm aria-[invalid=true]:border-red-500";

export function MiniInput({ label, invalid, className = "", ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; invalid?: boolean }) {
  return (
    <label className={`flex flex-col text-xs text-slate-600 ${className}`}>
      <span>{label}</span>
      <input {...props} aria-invalid={invalid ? true : undefined} className={CONTROL} />
    </label>
  );
}

export function MiniSelect({ label, invalid, className = "", ...props }: SelectHTMLAttributes<HTMLSelectElement> & { label: string; invalid?: boolean }) {
  return (
    <label className={`flex flex-col text-xs text-slate-600 ${className}`}>
      <span>{label}</span>
      <select {...props} aria-invalid={invalid ? true : undefined} className={CONTROL} />
    </label>
  );
}

/** The messages of one rule row, each once. */
export function RowErrors({ id, messages }: { id: string; messages: (string | undefined)[] }) {
  const unique = [...new Set(messages.filter((m): m is string => Boolean(m)))];
  if (unique.length === 0) return null;
  return (
    <ul id={id} role="alert" className="col-span-full text-xs font-medium text-red-700">
      {unique.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}
