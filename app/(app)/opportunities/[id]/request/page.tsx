import type { Metadata } from "next";
import Link from "next/link";
import { AccessDenied } from "@/components/shell/access-denied";
import { RequestExceptionForm } from "@/components/exceptions/request-exception-form";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { formatMoney, humanize } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { pageAccess } from "@/lib/server/page-auth";
import { loadRequestFormContext } from "@/lib/server/queries/exception-request-form";

export const metadata: Metadata = { title: "Request exception" };

export default async function RequestExceptionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ resubmit?: string }> }) {
  const { user, denied } = await pageAccess("exceptions.submit", "/opportunities/request");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const { id } = await params;
  const { resubmit } = await searchParams;
  const context = await loadRequestFormContext(user, id, resubmit);
  if (!context) {
    return <Notice tone="error" title="Opportunity not found">Exceptions are requested on your own open opportunities (or your reports&apos;). <Link className="underline" href="/opportunities">Back to opportunities</Link></Notice>;
  }
  const { opportunity, open, resubmit: changes, draft } = context;
  return (
    <>
      <PageHeader title={changes ? "Resubmit exception request" : "Request exception"} description={`${opportunity.name} · ${opportunity.account?.name ?? "No account"} · owner ${opportunity.owner.name}`} />
      <dl className="mb-4 grid max-w-3xl grid-cols-2 gap-2 rounded-lg border border-slate-200 bg-white p-4 text-sm md:grid-cols-5">
        <div><dt className="text-slate-500">Amount</dt><dd>{formatMoney(opportunity.amount)}</dd></div>
        <div><dt className="text-slate-500">List</dt><dd>{formatMoney(opportunity.listAmount)}</dd></div>
        <div><dt className="text-slate-500">Discount</dt><dd>{opportunity.discountPct.toString()}%</dd></div>
        <div><dt className="text-slate-500">Term</dt><dd>{opportunity.termMonths} months</dd></div>
        <div><dt className="text-slate-500">Stage</dt><dd>{humanize(opportunity.stage)}</dd></div>
      </dl>
      {changes ? (
        <div className="mb-4 max-w-3xl">
          <Notice tone="warning" title={`Changes requested by ${changes.askedBy}`}>{changes.asked ? `${changes.asked}. ` : ""}Resubmitting runs every approval stage again.</Notice>
        </div>
      ) : null}
      {open ? (
        <Notice tone="warning" title="A request is already in progress">This opportunity has a request that is {humanize(open.status).toLowerCase()}; its terms are locked. See <Link className="underline" href="/requests">My requests</Link>.</Notice>
      ) : opportunity.stage === "CLOSED_WON" || opportunity.stage === "CLOSED_LOST" ? (
        <Notice tone="warning">This opportunity is closed; exceptions are requested on open deals.</Notice>
      ) : (
        <RequestExceptionForm
          opportunityId={opportunity.id}
          resubmit={changes ?? undefined}
          draft={draft && draft.deviations.length > 0 ? draft : undefined}
        />
      )}
    </>
  );
}
