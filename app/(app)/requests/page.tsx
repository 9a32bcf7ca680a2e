import type { Metadata } from "next";
import Link from "next/link";
import { AccessDenied } from "@/components/shell/access-denied";
import { RequestControls } from "@/components/exceptions/request-controls";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, humanize } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { pageAccess } from "@/lib/server/page-auth";
import { listMyRequests } from "@/lib/server/queries/list-work-queues";

export const metadata: Metadata = { title: "My requests" };

type TRequest = Awaited<ReturnType<typeof listMyRequests>>[number];

/** Where a request waits, or what the last decision said. */
function whereItWaits(r: TRequest, timeZone: string): string {
  const pending = r.steps.filter((s) => s.status === "PENDING");
  if (r.status === "PENDING" && pending.length) {
    return `Waiting on ${pending.map((s) => s.assignee?.name ?? humanize(s.queueRole ?? s.approverRole)).join(", ")} · due ${formatDateTime(pending[0]!.dueAt, timeZone)}`;
  }
  const said = r.steps.find((s) => s.status === "CHANGES_REQUESTED" || s.status === "REJECTED");
  if (said?.reason) return `${said.decidedBy?.name ?? "An approver"}: ${said.reason}`;
  if (r.status === "AWAITING_REQUESTER") return "Waiting on you: answer the counter offer";
  return `Updated ${formatDateTime(r.updatedAt, timeZone)}`;
}

export default async function MyRequestsPage() {
  const { user, denied } = await pageAccess("exceptions.submit", "/requests");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const requests = await listMyRequests(user);
  return (
    <>
      <PageHeader title="My requests" description="Your exception requests and where each one waits. Start a new one from an opportunity." />
      {requests.length === 0 ? (
        <EmptyState title="You have no exception requests" next="When a deal needs a non-standard discount or terms, request the exception from its opportunity." />
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {requests.map((r) => {
            const offer = (r.counterOffer as { open?: { conditions?: { summary?: string } } } | null)?.open?.conditions?.summary ?? null;
            return (
              <li key={r.id} className="px-4 py-3 text-sm" aria-label={r.opportunity.name}>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span>
                    <Link href={`/requests/${r.id}`} className="font-medium text-brand-700 underline">{r.opportunity.name}</Link> · {humanize(r.type)}
                    <span className="block text-xs text-slate-500">{whereItWaits(r, user.timezone)}</span>
                  </span>
                  <Badge tone={r.status.startsWith("APPROVED") ? "good" : r.status === "REJECTED" ? "bad" : r.status === "WITHDRAWN" || r.status === "DRAFT" ? "neutral" : "warn"}>{humanize(r.status)}</Badge>
                </div>
                <RequestControls requestId={r.id} opportunityId={r.opportunityId} status={r.status} counterOffer={offer} name={r.opportunity.name} />
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
