import type { Metadata } from "next";
import Link from "next/link";
import { BacktestFigures } from "@/components/scoring/backtest-figures";
import { LiftChart, RocChart } from "@/components/scoring/backtest-charts";
import { AccessDenied } from "@/components/shell/access-denied";
import { DateFilter } from "@/components/ui/date-filter";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, SelectFilter } from "@/components/ui/filter-form";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { humanize } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { pageAccess } from "@/lib/server/page-auth";
import { backtestChoices, backtestParams, backtestView } from "@/lib/server/scoring/backtest-view";

export const metadata: Metadata = { title: "Scoring backtest" };

type TQuery = Record<string, string | string[] | undefined>;

export default async function ScoringBacktestPage({ searchParams }: { searchParams: Promise<TQuery> }) {
  const { user, denied } = await pageAccess("policies.edit", "/scoring/backtest");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const query = await searchParams;
  const choices = await backtestChoices();
  const published = choices.versions.find((v) => v.status === "PUBLISHED");
  // Without a choice, the published version is backtested.
  const params = backtestParams({ ...query, versionId: (typeof query.versionId === "string" && query.versionId) || published?.id });
  const view = params.success ? await backtestView(params.data) : null;
  const name = (v: { version: number; status: string }) => `Version ${v.version} (${humanize(v.status).toLowerCase()})`;
  const versionOptions = choices.versions.map((v) => ({ value: v.id, label: `v${v.version} · ${v.name} (${humanize(v.status).toLowerCase()})` }));
  const selected = params.success ? params.data : undefined;
  const csvHref = selected ? `/scoring/backtest/export?${new URLSearchParams(Object.entries(selected).flatMap(([k, v]) => (v === undefined || k === "format" || k === "compareVersionId" ? [] : [[k, String(v)]])))}` : null;

  return (
    <>
      <PageHeader
        title="Scoring backtest"
        description="How a model version would have ranked leads whose outcome is known. Each lead is judged as it looked when it was decided (or 30 days after it arrived), so later activity does not leak the outcome."
        actions={
          <Link href="/policies/scoring" className="text-sm font-medium text-brand-700 underline">
            Scoring versions
          </Link>
        }
      />
      {choices.versions.length === 0 ? (
        <EmptyState title="No scoring versions yet" next="Create a scoring draft on the Scoring page, then backtest it here." />
      ) : (
        <>
          <FilterForm label="Backtest filters" submitLabel="Run backtest">
            <label className="flex flex-col text-sm">
              <span className="font-medium text-slate-700">Version</span>
              <select name="versionId" defaultValue={selected?.versionId ?? published?.id ?? ""} className="rounded-md border border-slate-300 bg-white px-3 py-2">
                {versionOptions.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <SelectFilter label="Compare with" name="compareVersionId" value={selected?.compareVersionId} allLabel="No comparison" options={versionOptions} />
            <SelectFilter label="Source" name="source" value={selected?.source} allLabel="All sources" options={choices.sources} />
            <SelectFilter label="Import batch" name="importBatchId" value={selected?.importBatchId} allLabel="All leads" options={choices.batches} />
            <DateFilter label="Created from" name="from" value={selected?.from} />
            <DateFilter label="Created to" name="to" value={selected?.to} />
          </FilterForm>
          {!params.success ? (
            <Notice tone="error" title="Check the filters">
              {params.error.issues.map((i) => i.message).join("; ")}
            </Notice>
          ) : view && !view.ok ? (
            <Notice tone="warning">{view.message}</Notice>
          ) : view?.ok ? (
            <div className="flex flex-col gap-4">
              <div className="flex flex-wrap items-center gap-3">
                {csvHref ? (
                  <a href={csvHref} download className="text-sm font-medium text-brand-700 underline">
                    Download per-lead scores CSV ({name(view.a.version)})
                  </a>
                ) : null}
              </div>
              {view.comparisonReasons.length ? (
                <Notice title={`${name(view.a.version)} → ${view.b ? name(view.b.version) : ""}`}>
                  <ul className="list-disc pl-5">
                    {view.comparisonReasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </Notice>
              ) : null}
              <div className={`grid gap-4 ${view.b ? "lg:grid-cols-2" : ""}`}>
                <BacktestFigures title={name(view.a.version)} report={view.a.report} confusion={view.a.confusion} />
                {view.b ? <BacktestFigures title={name(view.b.version)} report={view.b.report} confusion={view.b.confusion} /> : null}
              </div>
              <div className="grid gap-4 lg:grid-cols-2">
                <RocChart
                  a={{ name: name(view.a.version), roc: view.a.roc }}
                  b={view.b ? { name: name(view.b.version), roc: view.b.roc } : null}
                  summary={`ROC curve: AUC ${view.a.report.auc?.toFixed(3) ?? "n/a"} for ${name(view.a.version)}${view.b ? `, ${view.b.report.auc?.toFixed(3) ?? "n/a"} for ${name(view.b.version)}` : ""}`}
                />
                <LiftChart
                  bars={view.lift}
                  nameA={name(view.a.version)}
                  nameB={view.b ? name(view.b.version) : undefined}
                  summary={`Lift of the top decile: ${view.lift[0]?.liftA ?? "n/a"}× for ${name(view.a.version)}${view.b ? `, ${view.lift[0]?.liftB ?? "n/a"}× for ${name(view.b.version)}` : ""}`}
                />
              </div>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}
