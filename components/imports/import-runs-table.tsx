import { DataTable, type TColumn } from "@/components/ui/data-table";
import { formatDateTime } from "@/lib/format";
import type { TImportRunView } from "@/lib/server/import/import-queries";
import { ProgressBar } from "./progress-bar";
import { RefreshWhileActive } from "./refresh-while-active";
import { RunStatusBadge } from "./run-status-badge";

const KIND_LABEL: Record<string, string> = { IMPORT_LEADS: "Leads", IMPORT_ACCOUNTS: "Accounts", IMPORT_OPPORTUNITIES: "Opportunities" };

export function ImportRunsTable({ rows, query, sort, dir, timezone }: { rows: TImportRunView[]; query: Record<string, string | undefined>; sort: string; dir: "asc" | "desc"; timezone: string }) {
  const columns: TColumn<TImportRunView>[] = [
    { key: "createdAt", header: "Started", sortable: true, cell: (r) => formatDateTime(r.createdAt, timezone) },
    { key: "kind", header: "Kind", sortable: true, cell: (r) => `${KIND_LABEL[r.kind] ?? r.kind}${r.historical ? " (history)" : ""}` },
    { key: "file", header: "File", cell: (r) => <span className="font-mono text-xs">{r.fileName ?? "—"}</span> },
    { key: "status", header: "Status", sortable: true, cell: (r) => <RunStatusBadge status={r.status} /> },
    { key: "progress", header: "Progress", cell: (r) => <ProgressBar label={`Progress of ${r.fileName ?? "import"}`} value={r.processed} max={r.total} /> },
    {
      key: "result",
      header: "Result",
      cell: (r) =>
        r.result ? (
          <span>
            {r.result.created} created · {r.result.updated} updated · {r.result.invalidRows} refused
          </span>
        ) : (
          (r.error ?? "—")
        ),
    },
    { key: "by", header: "By", cell: (r) => r.createdBy ?? "CLI" },
  ];
  return (
    <>
      <RefreshWhileActive active={rows.some((r) => r.status === "QUEUED" || r.status === "RUNNING")} />
      <DataTable caption="Past imports" columns={columns} rows={rows} rowKey={(r) => r.id} query={query} sort={sort} dir={dir} basePath="/imports" />
    </>
  );
}
