import type { ReactNode } from "react";

/** Says what is empty and what to do next. */
export function EmptyState({ title, next, action }: { title: string; next: string; action?: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <p className="font-medium text-slate-800">{title}</p>
      <p className="mx-auto mt-1 max-w-xl text-sm text-slate-600">{next}</p>
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
