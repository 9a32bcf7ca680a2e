import type { TPolicyLint } from "@/lib/server/commands/lint-policy-version";

/** A draft's lint findings, errors first: shown above the publish form so the reason a publish is blocked is in view. */
export function PolicyLintList({ lint, versionId }: { lint: TPolicyLint; versionId: string }) {
  if (lint.errors.length === 0 && lint.warnings.length === 0) {
    return <p className="mt-3 text-sm text-emerald-700">Lint: no problems found.</p>;
  }
  const headingId = `${versionId}-lint`;
  return (
    <section aria-labelledby={headingId} className="mt-3 rounded border border-slate-200 p-3 text-sm">
      <h3 id={headingId} className="font-medium">
        Lint: {lint.errors.length} error{lint.errors.length === 1 ? "" : "s"}, {lint.warnings.length} warning{lint.warnings.length === 1 ? "" : "s"}
      </h3>
      <ul className="mt-1 flex flex-col gap-1">
        {lint.errors.map((e, i) => (
          <li key={`e${i}`} className="text-red-700">
            <span className="font-semibold">Error</span>: {e.message}
          </li>
        ))}
        {lint.warnings.map((w, i) => (
          <li key={`w${i}`} className="text-amber-800">
            <span className="font-semibold">Warning</span>: {w.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
