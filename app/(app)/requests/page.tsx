import type { Metadata } from "next";
import { AccessDenied } from "@/components/shell/access-denied";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, humanize } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { pageAccess } from "@/lib/server/page-auth";
import { listMyRequests } from "@/lib/server/queries/list-work-queues";

export const metadata: Metadata = { title: "My requests" };

export default async function MyRequestsPage() {
  const { user, denied } = await pageAccess("exceptions.submit", "/requests");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const requests = await listMyRequests(user);
  return (
    <>
      <PageHeader title="My requests" description="Your exception requests and where each one waits." />
      <div className="mb-4">
        <Notice>Submitting new exception requests arrives with the deal-desk feature; requests already in the system are listed here.</Notice>
      </div>
      {requests.length === 0 ? (
        <EmptyState title="You have no exception requests" next="When a deal needs a non-standard discount or terms, you will request the exception from its opportunity." />
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {requests.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm">
              <span>
                <span className="font-medium">{r.opportunity.name}</span> · {humanize(r.type)}
                <span className="block text-xs text-slate-500">
                  {r.steps.length ? `Waiting on ${r.steps.map((s) => s.assignee?.name ?? humanize(s.approverRole)).join(", ")}` : `Updated ${formatDateTime(r.updatedAt)}`}
                </span>
              </span>
              <Badge tone={r.status.startsWith("APPROVED") ? "good" : r.status === "REJECTED" ? "bad" : "warn"}>{humanize(r.status)}</Badge>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
