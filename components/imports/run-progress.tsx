"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { importRunStatusAction } from "@/app/(app)/imports/actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { TImportRunView } from "@/lib/server/import/import-queries";
import { ProblemsTable } from "./problems-table";
import { ProgressBar } from "./progress-bar";
import { RunStatusBadge } from "./run-status-badge";

/** Polls the run once a second until the worker finishes it, then shows the summary. */
export function RunProgress({ runId, onDone }: { runId: string; onDone: () => void }) {
  const router = useRouter();
  const [run, setRun] = useState<TImportRunView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const finished = run?.status === "SUCCEEDED" || run?.status === "FAILED";

  useEffect(() => {
    if (finished) {
      router.refresh();
      return;
    }
    let stop = false;
    const poll = async () => {
      const result = await importRunStatusAction({ runId });
      if (stop) return;
      if (result.ok) setRun(result.data);
      else setError(result.error.message);
    };
    void poll();
    const timer = setInterval(poll, 1000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [runId, finished, router]);

  if (error) return <Notice tone="error">{error}</Notice>;
  if (!run) return <p className="text-sm text-slate-600">Starting the import…</p>;
  return (
    <div className="flex flex-col gap-3" data-testid="import-progress">
      <div className="flex items-center gap-3">
        <RunStatusBadge status={run.status} />
        <ProgressBar label="Import progress" value={run.processed} max={run.total} />
        {run.status === "QUEUED" ? <span className="text-sm text-slate-600">Waiting for the background worker…</span> : null}
      </div>
      {run.status === "SUCCEEDED" && run.result ? (
        <>
          <Notice tone={run.result.invalidRows > 0 ? "warning" : "success"} title="Import finished">
            {run.result.created} created, {run.result.updated} updated, {run.result.invalidRows} refused of {run.result.total} rows.
            {run.result.notes.map((n) => (
              <span key={n} className="mt-1 block">
                {n}
              </span>
            ))}
          </Notice>
          <ProblemsTable caption="Refused rows" problems={run.result.errors} total={run.result.invalidRows} />
          <ProblemsTable caption="Warnings" problems={run.result.warnings} />
        </>
      ) : null}
      {run.status === "FAILED" ? <Notice tone="error" title="The import failed">{run.error}</Notice> : null}
      {finished ? (
        <div>
          <Button variant="secondary" onClick={onDone}>
            Start another import
          </Button>
        </div>
      ) : null}
    </div>
  );
}
