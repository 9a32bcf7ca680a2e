import type { Metadata } from "next";
import { AttainmentChart } from "@/components/sla/attainment-chart";
import { AttainmentTable } from "@/components/sla/attainment-table";
import { SlaTabs } from "@/components/sla/sla-tabs";
import { slaTabsFor } from "@/components/sla/sla-tab-list";
import { AccessDenied } from "@/components/shell/access-denied";
import { DateFilter } from "@/components/ui/date-filter";
import { FilterForm, SelectFilter } from "@/components/ui/filter-form";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { formatMinutes } from "@/lib/engine/sla/attainment";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { CLOCK_IDS } from "@/lib/schemas/policies/sla";
import { DEFAULT_ATTAINMENT_WEEKS, ZSlaAttainmentFilters } from "@/lib/schemas/sla-attainment";
import { CLOCK_KIND_LABELS } from "@/lib/schemas/sla-board";
import { pageAccess } from "@/lib/server/page-auth";
import type { TSearchParams } from "@/lib/server/queries/list-params";
import { databaseToday, slaAttainment, slaPolicyVersionOptions } from "@/lib/server/queries/sla-attainment";

export const metadata: Metadata = { title: "SLA attainment" };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

function daysBefore(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

export default async function SlaAttainmentPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const { user, denied } = await pageAccess(["sla.read.team", "sla.read.all"], "/sla/attainment");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const sp = await searchParams;
  const parsed = ZSlaAttainmentFilters.safeParse({ version: one(sp.version), kind: one(sp.kind), from: one(sp.from), to: one(sp.to) });
  const [today, versions] = await Promise.all([databaseToday(), slaPolicyVersionOptions()]);
  const f = parsed.success ? parsed.data : {};
  const to = f.to ?? today;
  const from = f.from ?? daysBefore(to, DEFAULT_ATTAINMENT_WEEKS * 7 - 1);
  const version = f.version ?? versions.activeId ?? "all";
  const report = await slaAttainment(user, { from, to, kind: f.kind, policyVersionId: version === "all" ? undefined : version });
  const t = report.total;

  return (
    <>
      <PageHeader
        title="SLA attainment"
        description="How many SLA clocks finished in time, and how fast leads get their first touch, per SLA policy version. A clock counts in the week it started; open clocks count once they stop or breach."
      />
      <SlaTabs current="/sla/attainment" tabs={slaTabsFor(user.role)} />
      <FilterForm label="Filter the attainment report">
        <SelectFilter
          label="Policy version"
          name="version"
          value={version}
          allLabel="Choose a version"
          options={[{ value: "all", label: "All versions" }, ...versions.versions.map((v) => ({ value: v.id, label: `v${v.version} · ${v.name}${v.status === "PUBLISHED" ? " (active)" : ""}` }))]}
        />
        <SelectFilter label="Clock" name="kind" value={f.kind} allLabel="All clocks" options={CLOCK_IDS.map((k) => ({ value: k, label: CLOCK_KIND_LABELS[k] }))} />
        <DateFilter label="Started from" name="from" value={from} />
        <DateFilter label="Started to" name="to" value={to} />
      </FilterForm>
      {!parsed.success ? <Notice tone="warning" title="The dates were ignored">{parsed.error.issues[0]?.message}. Showing the last {DEFAULT_ATTAINMENT_WEEKS} weeks instead.</Notice> : null}

      {t.clocks === 0 ? (
        <Notice title="No SLA clocks in this range">Pick a longer date range or another policy version. Clocks appear once leads are assigned and approvals wait under an SLA policy.</Notice>
      ) : (
        <>
          <dl className="mb-6 grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="attainment-summary">
            {[
              ["Share met", pct(t.shareMet), `${t.met.toLocaleString("en")} met, ${t.breached.toLocaleString("en")} breached, ${t.open.toLocaleString("en")} still open`],
              ["Median first touch", formatMinutes(t.medianWallMinutes), `${formatMinutes(t.medianBusinessMinutes, { days: false })} of business time`],
              ["p90 first touch", formatMinutes(t.p90WallMinutes), `${formatMinutes(t.p90BusinessMinutes, { days: false })} of business time`],
              ["Clocks started", t.clocks.toLocaleString("en"), `${from} to ${to}`],
            ].map(([label, value, note]) => (
              <div key={label} className="rounded-lg border border-slate-200 bg-white p-4">
                <dt className="text-sm text-slate-600">{label}</dt>
                <dd className="text-2xl font-semibold tabular-nums">{value}</dd>
                <dd className="text-xs text-slate-500">{note}</dd>
              </div>
            ))}
          </dl>
          <section aria-labelledby="weekly-title" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="weekly-title" className="mb-2 font-semibold">
              Week by week
            </h2>
            <AttainmentChart weeks={report.weekly} />
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer font-medium text-brand-700">The weekly figures as a table</summary>
              <table className="mt-2 text-sm">
                <thead>
                  <tr>
                    {["Week of", "Met", "Breached", "Share met", "Median first touch"].map((h) => (
                      <th key={h} scope="col" className="px-2 py-1 text-left">{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {report.weekly.map((w) => (
                    <tr key={w.week}>
                      <th scope="row" className="px-2 py-1 text-left font-normal">{w.week}</th>
                      <td className="px-2 py-1 tabular-nums">{w.met}</td>
                      <td className="px-2 py-1 tabular-nums">{w.breached}</td>
                      <td className="px-2 py-1 tabular-nums">{pct(w.shareMet)}</td>
                      <td className="px-2 py-1 tabular-nums">{formatMinutes(w.medianWallMinutes)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </section>
          <div className="flex flex-col gap-6">
            <AttainmentTable caption="By team" groupHeader="Team" rows={report.byTeam} />
            <AttainmentTable caption="By rep" groupHeader="Rep" rows={report.byRep} />
            <AttainmentTable caption="By lead source" groupHeader="Source" rows={report.bySource} />
          </div>
        </>
      )}
    </>
  );
}
