import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AccessDenied } from "@/components/shell/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { humanize } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { pageAccess } from "@/lib/server/page-auth";
import { readExceptionAnalytics } from "@/lib/server/queries/exception-analytics";

export const metadata: Metadata = { title: "Exception analytics" };

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)}%`);
const pts = (v: number) => `${v.toFixed(1)}%`;
const hours = (v: number) => `${v.toFixed(1)} h`;

function Section({ id, title, description, children }: { id: string; title: string; description: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-base font-semibold text-slate-900">{title}</h2>
      <p className="mb-3 text-sm text-slate-600">{description}</p>
      {children}
    </section>
  );
}

function Table({ caption, head, rows }: { caption: string; head: string[]; rows: ReactNode[][] }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>{head.map((h, i) => <th key={h} scope="col" className={`px-3 py-2 font-semibold text-slate-700 ${i === 0 ? "text-left" : "text-right"}`}>{h}</th>)}</tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r, k) => <tr key={k}>{r.map((c, i) => <td key={i} className={`px-3 py-2 ${i === 0 ? "" : "text-right tabular-nums"}`}>{c}</td>)}</tr>)}
        </tbody>
      </table>
    </div>
  );
}

export default async function ExceptionAnalyticsPage() {
  const { user, denied } = await pageAccess("exceptions.read.all", "/exceptions/analytics");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const a = await readExceptionAnalytics();
  const quarterTotals = new Map<string, number>();
  for (const r of a.rates) quarterTotals.set(r.quarter, (quarterTotals.get(r.quarter) ?? 0) + r.requests);

  return (
    <>
      <PageHeader
        title="Exception analytics"
        description="What is requested and approved, how long decisions take, and where the policy no longer matches practice."
        actions={<Link href="/exceptions" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100">Back to the archive</Link>}
      />
      <Section id="drift-title" title="Policy drift" description="Patterns approved in more than 80% of at least 10 decided requests in a quarter: the exception has become the rule.">
        {a.findings.length === 0 ? (
          <EmptyState title="No drift found" next="Every frequent exception pattern is still refused often enough to need review." />
        ) : (
          <ul className="space-y-3">
            {a.findings.map((f) => (
              <li key={`${f.quarter}-${f.type}-${f.segment}-${f.bandLow}`} className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
                <p className="font-medium text-slate-900">{f.sentence}.</p>
                <p className="mt-1 text-slate-600">
                  Evidence: {f.quarter} · {humanize(f.type)} · {f.segment ? humanize(f.segment) : "No segment"}{f.band ? ` · ${f.band}` : ""} · {f.approved} approved of {f.decided} decided ({pct(f.approvalRate)})
                </p>
                <Link href="/policies/approval" className="mt-1 inline-block font-medium text-brand-700 underline">Draft a change to the approval policy</Link>
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="rates-title" title="Requests and approvals by quarter" description="Share of the quarter's requests and the approval rate among decided ones (approved with conditions counts as approved).">
        <Table
          caption="Requests and approval rates by quarter, type and tier"
          head={["Quarter · type · tier", "Requests", "Share of quarter", "Decided", "Approved", "Approval rate"]}
          rows={a.rates.map((r) => [`${r.quarter} · ${humanize(r.type)} · ${humanize(r.tier)}`, r.requests, pct(r.requests / (quarterTotals.get(r.quarter) ?? 1)), r.decided, r.approved, pct(r.approvalRate)])}
        />
      </Section>
      <Section id="stages-title" title="Time to decision per stage" description="From the stage's start (the previous stage's decision) to the approver's decision.">
        <Table caption="Median and p90 time to decision per approver role" head={["Stage", "Decisions", "Median", "p90"]} rows={a.stages.map((s) => [humanize(s.role), s.decided, hours(s.p50Hours), hours(s.p90Hours)])} />
      </Section>
      <Section id="discounts-title" title="Discount granted vs requested" description="Averages over approved requests that carry a discount.">
        <Table caption="Average discount by type" head={["Type", "Approved", "Avg requested", "Avg granted"]} rows={a.discountsByType.map((d) => [humanize(d.key), d.approved, pts(d.avgRequestedPct), pts(d.avgGrantedPct)])} />
        <div className="mt-4" />
        <Table caption="Average discount by segment" head={["Segment", "Approved", "Avg requested", "Avg granted"]} rows={a.discountsBySegment.map((d) => [humanize(d.key), d.approved, pts(d.avgRequestedPct), pts(d.avgGrantedPct)])} />
      </Section>
    </>
  );
}
