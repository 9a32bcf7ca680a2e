import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LoadChart } from "@/components/routing/load-chart";
import { SimulationProgress } from "@/components/routing/simulation-progress";
import { AccessDenied } from "@/components/shell/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import type { TSimulationOutcome } from "@/lib/engine/routing";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { DomainError } from "@/lib/server/errors";
import { pageAccess } from "@/lib/server/page-auth";
import { getRoutingSimulation, type TRoutingSimulationRun } from "@/lib/server/routing/simulate-read";
import type { TRoutingSimulationResult } from "@/lib/server/routing/simulate-run";

export const metadata: Metadata = { title: "Routing simulation" };

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

function nameOf(names: TRoutingSimulationResult["names"], ownerId: string | null, teamId: string | null): string {
  if (ownerId) return names.users[ownerId] ?? `user ${ownerId.slice(0, 8)}`;
  if (teamId) return `${names.teams[teamId] ?? `team ${teamId.slice(0, 8)}`} queue`;
  return "nobody";
}

function keyName(names: TRoutingSimulationResult["names"], key: string): string {
  if (key.startsWith("user:")) return nameOf(names, key.slice(5), null);
  if (key.startsWith("queue:")) return nameOf(names, null, key.slice(6));
  return "nobody";
}

function Examples({ title, rows, names, empty }: { title: string; rows: readonly TSimulationOutcome[]; names: TRoutingSimulationResult["names"]; empty: string }) {
  return (
    <details className="rounded-lg border border-slate-200 bg-white p-3">
      <summary className="cursor-pointer font-medium">
        {title} ({rows.length} shown)
      </summary>
      {rows.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{empty}</p>
      ) : (
        <table className="mt-2 w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-3">Lead</th>
              <th className="py-1 pr-3">Now</th>
              <th className="py-1 pr-3">Under the draft</th>
              <th className="py-1">Why</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={o.leadId} className="border-t border-slate-100 align-top">
                <td className="py-1 pr-3">
                  <Link href={`/leads/${o.leadId}`} className="text-brand-700 underline">
                    {o.label}
                  </Link>
                </td>
                <td className="py-1 pr-3">{nameOf(names, o.beforeOwnerId, o.beforeQueueTeamId)}</td>
                <td className="py-1 pr-3">{nameOf(names, o.afterOwnerId, o.afterQueueTeamId)}</td>
                <td className="py-1 text-slate-600">{o.sentence}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

function Result({ run, result }: { run: TRoutingSimulationRun; result: TRoutingSimulationResult }) {
  if (result.total === 0) return <EmptyState title="No leads in that window" next={`No lead was created in the ${run.days} days before the run. Simulate a longer window from the editor.`} />;
  const names = result.names;
  return (
    <div className="flex flex-col gap-4">
      <dl className="grid gap-3 sm:grid-cols-3" aria-label="Simulation figures">
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-500">Leads replayed</dt>
          <dd className="text-2xl font-semibold">{result.total}</dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-500">Would change owner</dt>
          <dd className="text-2xl font-semibold">
            {result.changed} <span className="text-base font-normal text-slate-600">({percent(result.changedShare)})</span>
          </dd>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-500">Only the fallback catches</dt>
          <dd className="text-2xl font-semibold">
            {result.fallback} <span className="text-base font-normal text-slate-600">({percent(result.fallbackShare)})</span>
          </dd>
        </div>
      </dl>
      <section aria-labelledby="load-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="load-heading" className="font-semibold">
          Load per owner: now and under the draft
        </h2>
        <LoadChart data={result.load.slice(0, 30).map((l) => ({ name: keyName(names, l.key), before: l.before, after: l.after }))} />
        <table className="mt-2 w-full text-left text-sm">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-3">Owner or queue</th>
              <th className="py-1 pr-3">Now</th>
              <th className="py-1 pr-3">Under the draft</th>
              <th className="py-1">Change</th>
            </tr>
          </thead>
          <tbody>
            {result.load.map((l) => (
              <tr key={l.key} className="border-t border-slate-100">
                <td className="py-1 pr-3">{keyName(names, l.key)}</td>
                <td className="py-1 pr-3">{l.before}</td>
                <td className="py-1 pr-3">{l.after}</td>
                <td className="py-1">{l.after - l.before > 0 ? `+${l.after - l.before}` : l.after - l.before}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="rows-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="rows-heading" className="font-semibold">
          Leads per row
        </h2>
        <ul className="mt-2 text-sm">
          {result.byRow.map((r) => (
            <li key={r.rowId ?? "none"}>
              {r.rowNumber ? `Row ${r.rowNumber} (${r.rowId})` : "No row could assign"}: {r.count}
            </li>
          ))}
        </ul>
      </section>
      <Examples title="Leads that would change owner" rows={result.examples.changed} names={names} empty="No lead would change owner." />
      <Examples title="Leads only the fallback catches" rows={result.examples.fallback} names={names} empty="Every lead is caught by a specific row." />
      <Examples title="Leads that keep their owner" rows={result.examples.unchanged} names={names} empty="Every lead would change owner." />
    </div>
  );
}

export default async function RoutingSimulationPage({ params }: { params: Promise<{ runId: string }> }) {
  const { user, denied } = await pageAccess("policies.edit", "/policies/routing/simulations/[runId]");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const { runId } = await params;
  let run: TRoutingSimulationRun;
  try {
    if (!/^[0-9a-f-]{36}$/i.test(runId)) notFound();
    run = await getRoutingSimulation(runId);
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const version = run.result?.version;
  return (
    <>
      <PageHeader
        title={`Routing simulation${version ? ` of v${version}` : ""}`}
        description={`Replays the draft on the leads created in the ${run.days} days before the run, each at the moment it arrived, from the pools' current fairness state. Nothing is written to leads or pools.`}
      />
      <p className="mb-4 text-sm">
        <Link href={`/policies/routing/edit/${run.versionId}`} className="font-medium text-brand-700 underline">
          Back to the editor
        </Link>
      </p>
      {run.status === "QUEUED" || run.status === "RUNNING" ? <SimulationProgress status={run.status} processed={run.processed} total={run.total} /> : null}
      {run.status === "FAILED" ? <Notice tone="error" title="The simulation failed">{run.error}</Notice> : null}
      {run.status === "SUCCEEDED" && run.result ? <Result run={run} result={run.result} /> : null}
    </>
  );
}
