import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApprovalChainTable } from "@/components/exceptions/approval-chain-table";
import { deviationSummary } from "@/components/exceptions/deviation-summary";
import { RequestControls } from "@/components/exceptions/request-controls";
import { RequestTimeline } from "@/components/exceptions/request-timeline";
import { StatusBadge } from "@/components/exceptions/status-badge";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate, formatDateTime, formatMoney, humanize } from "@/lib/format";
import { DomainError } from "@/lib/server/errors";
import { requirePageUser } from "@/lib/server/page-auth";
import { loadExceptionRequestDetail, type TExceptionRequestDetail } from "@/lib/server/queries/exception-request-detail";

export const metadata: Metadata = { title: "Exception request" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pct = (v: { toString(): string } | null) => (v === null ? "—" : `${Number(v.toString())}%`);

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-3 text-sm font-semibold text-slate-800">{title}</h2>
      {children}
    </section>
  );
}

function PastRequests({ rows, timeZone, showDeal }: { rows: TExceptionRequestDetail["pastByRep"] | TExceptionRequestDetail["otherOnDeal"]; timeZone: string; showDeal: boolean }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">None.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {rows.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
          <Link href={`/requests/${r.id}`} className="text-brand-700 underline">
            {humanize(r.type)}
            {showDeal && "opportunity" in r ? ` · ${r.opportunity.name}` : ""}
          </Link>
          <span className="text-xs text-slate-600">
            asked {pct(r.requestedDiscountPct)} · granted {pct(r.grantedDiscountPct)} · {formatDate(r.submittedAt, timeZone)} <StatusBadge status={r.status} />
          </span>
        </li>
      ))}
    </ul>
  );
}

export default async function ExceptionRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  let detail: TExceptionRequestDetail;
  try {
    detail = await loadExceptionRequestDetail(user, id);
  } catch (error) {
    // Not there, or not one this user may see: the same 404, so its existence is not revealed.
    if (error instanceof DomainError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { request: r, opportunity: o } = detail;
  const tz = user.timezone;
  const reasons = ((r.plan as { reasons?: unknown[] } | null)?.reasons ?? []).filter((x): x is string => typeof x === "string");
  const offer = (r.counterOffer as { open?: { conditions?: { summary?: string } } } | null)?.open?.conditions?.summary ?? null;
  const mine = r.requester.id === user.id;
  return (
    <>
      <PageHeader
        title={`${r.opportunity.name}: ${deviationSummary(r.type, r.details).join(" · ")}`}
        description={`Requested by ${r.requester.name}${r.submittedAt ? ` on ${formatDateTime(r.submittedAt, tz)}` : " (draft, not submitted)"}${r.decidedAt ? ` · decided ${formatDateTime(r.decidedAt, tz)}` : ""}.`}
        actions={<StatusBadge status={r.status} />}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Section title="The request">
          <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-500">Asked for</dt>
            <dd>{deviationSummary(r.type, r.details).join("; ")}</dd>
            <dt className="text-slate-500">Justification</dt>
            <dd className="whitespace-pre-line">{r.justification || "—"}</dd>
            <dt className="text-slate-500">Impacted KPI</dt>
            <dd>{r.impactedKpi ?? "—"}</dd>
            <dt className="text-slate-500">Evidence</dt>
            <dd>
              {detail.links.length === 0 && detail.attachments.length === 0 ? "None attached" : null}
              <ul>
                {detail.links.map((l) => (
                  <li key={l.url}><a className="text-brand-700 underline" href={l.url} rel="noreferrer noopener" target="_blank">{l.label}</a></li>
                ))}
                {detail.attachments.map((f) => (
                  <li key={f.id}><a className="text-brand-700 underline" href={`/requests/${r.id}/files/${f.id}`}>{f.name}</a> <span className="text-xs text-slate-500">({Math.ceil(f.size / 1024)} KB)</span></li>
                ))}
              </ul>
            </dd>
            {offer ? (
              <>
                <dt className="text-slate-500">Counter offer</dt>
                <dd>{offer}</dd>
              </>
            ) : null}
          </dl>
          {mine ? <RequestControls requestId={r.id} opportunityId={r.opportunity.id} status={r.status} counterOffer={offer} name={r.opportunity.name} /> : null}
        </Section>
        <Section title="The deal">
          <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-500">Account</dt>
            <dd>{o.account?.name ?? "—"}{o.account?.segment ? ` · ${humanize(o.account.segment)}` : ""}</dd>
            <dt className="text-slate-500">Owner · stage</dt>
            <dd>{o.owner.name} · {humanize(o.stage)} · closes {formatDate(o.closeDate, tz)}</dd>
            <dt className="text-slate-500">Amount</dt>
            <dd>{formatMoney(r.opportunity.amount, o.currency)} (list {formatMoney(r.opportunity.listAmount, o.currency)}, {Number(r.opportunity.discountPct.toString())}% off)</dd>
            <dt className="text-slate-500">Terms</dt>
            <dd>{r.opportunity.termMonths} months · net {r.opportunity.paymentTermsDays}</dd>
            <dt className="text-slate-500">Products</dt>
            <dd>{o.products.join(", ") || "—"}</dd>
          </dl>
        </Section>
      </div>
      <div className="mt-4 grid gap-4">
        <Section title="Why it needs approval">
          {reasons.length ? (
            <ul className="list-disc pl-5 text-sm">{reasons.map((x) => <li key={x}>{x}</li>)}</ul>
          ) : (
            <p className="text-sm text-slate-600">No plan yet: the chain is computed when the request is submitted.</p>
          )}
        </Section>
        <Section title="Approval chain">
          <ApprovalChainTable steps={r.steps} timeZone={tz} />
        </Section>
        <div className="grid gap-4 lg:grid-cols-2">
          <Section title="Timeline">
            <RequestTimeline items={detail.timeline} timeZone={tz} />
          </Section>
          <div className="grid content-start gap-4">
            <Section title="Opportunity history">
              {detail.stageChanges.length === 0 ? (
                <p className="text-sm text-slate-600">No stage changes recorded.</p>
              ) : (
                <ol className="text-sm">
                  {detail.stageChanges.map((c) => (
                    <li key={c.id}>{formatDate(c.changedAt, tz)}: {c.fromStage ? `${humanize(c.fromStage)} → ` : "Created in "}{humanize(c.toStage)}{c.reason ? ` (${c.reason})` : ""}</li>
                  ))}
                </ol>
              )}
              <h3 className="mt-3 text-xs font-semibold uppercase text-slate-500">Other requests on this deal</h3>
              <PastRequests rows={detail.otherOnDeal} timeZone={tz} showDeal={false} />
            </Section>
            <Section title={`${r.requester.name}'s past exceptions`}>
              <p className="mb-2 text-xs text-slate-600">
                {detail.pastApproved.decided === 0 ? "No decided requests yet." : `${detail.pastApproved.approved} of the last ${detail.pastApproved.decided} decided requests were approved.`}
              </p>
              <PastRequests rows={detail.pastByRep} timeZone={tz} showDeal />
            </Section>
          </div>
        </div>
      </div>
    </>
  );
}
