"use client";
import { useState } from "react";
import { dryRunImportAction, startImportAction } from "@/app/(app)/imports/actions";
import { Button } from "@/components/ui/button";
import { SelectInput } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { TColumnMapping } from "@/lib/engine/import/mapping";
import type { TDryRunReport } from "@/lib/server/import/dry-run-import";
import { DryRunReport } from "./dry-run-report";
import { MappingTable } from "./mapping-table";
import { ProblemsTable } from "./problems-table";
import { RunProgress } from "./run-progress";
import { SaveMappingForm } from "./save-mapping-form";
import { UploadStep, type TUploaded } from "./upload-step";

type TSavedMapping = { id: string; kind: string; name: string; mapping: TColumnMapping };

const STEPS = ["Upload", "Map columns", "Dry run", "Import"] as const;

/** upload → mapping → dry run → run → progress → summary. The import button waits for a dry run of the current mapping. */
export function ImportWizard({ mappings }: { mappings: TSavedMapping[] }) {
  const [uploaded, setUploaded] = useState<TUploaded | null>(null);
  const [mapping, setMapping] = useState<TColumnMapping>({});
  const [report, setReport] = useState<TDryRunReport | null>(null);
  const [runId, setRunId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const step = runId ? 3 : report ? 2 : uploaded ? 1 : 0;

  const reset = () => {
    setUploaded(null);
    setMapping({});
    setReport(null);
    setRunId(null);
    setError(null);
  };
  const changeMapping = (m: TColumnMapping) => {
    setMapping(m);
    setReport(null);
  };
  const applySaved = (id: string) => {
    const saved = mappings.find((m) => m.id === id);
    if (!saved || !uploaded) return;
    const next = { ...mapping };
    for (const header of uploaded.preview.headers) if (saved.mapping[header]) next[header] = saved.mapping[header]!;
    changeMapping(next);
  };
  const act = async <T,>(fn: () => Promise<{ ok: true; data: T } | { ok: false; error: { message: string } }>, then: (data: T) => void) => {
    setBusy(true);
    setError(null);
    const result = await fn();
    setBusy(false);
    if (result.ok) then(result.data);
    else setError(result.error.message);
  };

  return (
    <div className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4">
      <ol className="flex flex-wrap gap-4 text-sm" aria-label="Import steps">
        {STEPS.map((label, i) => (
          <li key={label} aria-current={i === step ? "step" : undefined} className={i === step ? "font-semibold text-brand-900" : "text-slate-500"}>
            {i + 1}. {label}
          </li>
        ))}
      </ol>
      {error ? <Notice tone="error">{error}</Notice> : null}
      {!uploaded ? (
        <UploadStep
          onUploaded={(u) => {
            setUploaded(u);
            setMapping(u.preview.suggestedMapping);
          }}
        />
      ) : runId ? (
        <RunProgress runId={runId} onDone={reset} />
      ) : (
        <>
          <p className="text-sm text-slate-700">
            <span className="font-mono">{uploaded.preview.name}</span>: {uploaded.preview.rowCount} rows, {uploaded.preview.headers.length} columns, imported as {uploaded.kind}
            {uploaded.historical ? " (history)" : ""}. Check where each column goes; the suggestion comes from the headers.
          </p>
          <ProblemsTable caption="Rows that cannot be read (wrong number of cells)" problems={uploaded.preview.problems} />
          {mappings.some((m) => m.kind === uploaded.kind) ? (
            <label className="flex items-center gap-2 text-sm">
              Apply a saved mapping
              <SelectInput defaultValue="" onChange={(e) => applySaved(e.target.value)}>
                <option value="">—</option>
                {mappings
                  .filter((m) => m.kind === uploaded.kind)
                  .map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
              </SelectInput>
            </label>
          ) : null}
          <MappingTable kind={uploaded.kind} headers={uploaded.preview.headers} sample={uploaded.preview.sample} mapping={mapping} onChange={changeMapping} />
          <SaveMappingForm kind={uploaded.kind} mapping={mapping} />
          <div className="flex flex-wrap gap-2">
            <Button disabled={busy} onClick={() => act(() => dryRunImportAction({ fileId: uploaded.preview.fileId, kind: uploaded.kind, mapping }), setReport)}>
              {busy && !report ? "Checking…" : "Dry run"}
            </Button>
            <Button
              disabled={busy || !report}
              title={report ? undefined : "Run a dry run of this mapping first"}
              onClick={() => act(() => startImportAction({ fileId: uploaded.preview.fileId, kind: uploaded.kind, mapping, historical: uploaded.historical }), (d) => setRunId(d.runId))}
            >
              {report ? `Import ${report.valid} valid rows` : "Import"}
            </Button>
            <Button variant="ghost" onClick={reset}>
              Cancel
            </Button>
          </div>
          {report ? <DryRunReport report={report} /> : null}
        </>
      )}
    </div>
  );
}
