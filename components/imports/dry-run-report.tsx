import { Notice } from "@/components/ui/notice";
import type { TDryRunReport } from "@/lib/server/import/dry-run-import";
import { ProblemsTable } from "./problems-table";

export function DryRunReport({ report }: { report: TDryRunReport }) {
  return (
    <div className="flex flex-col gap-3" data-testid="dry-run-report">
      <Notice tone={report.invalidRows > 0 ? "warning" : "success"} title="Dry run: nothing was written">
        {report.total} rows: {report.valid} valid, {report.invalidRows} would be refused. The import would create {report.wouldCreate} and update {report.wouldUpdate}.
        {report.notes.map((n) => (
          <span key={n} className="mt-1 block">
            {n}
          </span>
        ))}
      </Notice>
      <ProblemsTable caption="Rows that would be refused" problems={report.errors} total={report.invalidRows} />
      <ProblemsTable caption="Warnings (rows imported with a change)" problems={report.warnings} />
      {Object.keys(report.customTypes).length ? (
        <p className="text-sm text-slate-600">
          Custom attributes and their inferred types:{" "}
          {Object.entries(report.customTypes)
            .map(([name, type]) => `${name} (${type})`)
            .join(", ")}
        </p>
      ) : null}
    </div>
  );
}
