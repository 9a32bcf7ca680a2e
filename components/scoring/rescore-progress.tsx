"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { TRescoreProgress } from "@/lib/server/scoring/rescore-progress";

const POLL_MS = 2_000;

/** Re-renders the page every 2 s while a rescoring is queued or running, so its progress moves. */
export function RefreshWhileRunning({ active }: { active: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [active, router]);
  return null;
}

/** A rescoring run in plain words, with a progress bar while it runs. */
export function RescoreProgress({ run }: { run: TRescoreProgress }) {
  const percent = run.total === 0 ? 100 : Math.round((run.processed / run.total) * 100);
  let text: string;
  if (run.status === "SUCCEEDED") {
    text = run.superseded
      ? "Rescoring stopped: a newer version was published before it ran, and that version rescored the leads."
      : `Rescoring complete: ${run.processed} open lead${run.processed === 1 ? "" : "s"} checked, ${run.changed} score${run.changed === 1 ? "" : "s"} changed${run.movedToMql ? `, ${run.movedToMql} became MQL` : ""}.`;
  } else if (run.status === "FAILED") text = `Rescoring failed: ${run.error ?? "unknown error"}`;
  else if (run.status === "QUEUED") text = `Rescoring queued: ${run.total} open leads to check.`;
  else text = `Rescoring: ${run.processed} of ${run.total} open leads (${percent}%)${run.error ? `; retrying after: ${run.error}` : ""}.`;
  return (
    <div role="status" aria-label="Rescoring progress" className="mt-2 flex flex-col gap-1 text-sm">
      {run.status === "RUNNING" || run.status === "QUEUED" ? <progress max={Math.max(run.total, 1)} value={run.processed} className="h-2 w-full max-w-md" aria-label="Rescoring progress bar" /> : null}
      <p className={run.status === "FAILED" ? "text-red-700" : run.status === "SUCCEEDED" ? "text-emerald-800" : "text-slate-700"}>{text}</p>
    </div>
  );
}
