"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Progress of a running simulation; re-reads the page every second until the run finishes. */
export function SimulationProgress({ status, processed, total }: { status: string; processed: number; total: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 1000);
    return () => clearInterval(timer);
  }, [router]);
  const percent = total > 0 ? Math.round((processed / total) * 100) : 0;
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <p className="text-sm font-medium">{status === "QUEUED" ? "Waiting for a worker to pick the simulation up…" : `Replaying leads: ${processed} of ${total}`}</p>
      <div role="progressbar" aria-label="Simulation progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="mt-2 h-3 w-full overflow-hidden rounded-full bg-slate-100">
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
