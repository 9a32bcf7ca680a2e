import type { Metadata } from "next";
import { AccessDenied } from "@/components/shell/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, formatMoney, humanize } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { pageAccess } from "@/lib/server/page-auth";
import { listApprovalQueue } from "@/lib/server/queries/list-work-queues";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const { user, denied } = await pageAccess("approvals.decide", "/approvals");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const steps = await listApprovalQueue(user);
  return (
    <>
      <PageHeader title="Approvals queue" description="Exception requests waiting on you or your group, soonest due first." />
      <div className="mb-4">
        <Notice>Deciding from this queue (approve, reject, request changes, counter-offer) arrives with the deal-desk feature.</Notice>
      </div>
      {steps.length === 0 ? (
        <EmptyState title="Nothing is waiting on you" next="Requests that need your approval will appear here with their due time." />
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {steps.map((s) => (
            <li key={s.id} className="px-4 py-3 text-sm">
              <p className="font-medium">
                {s.request.opportunity.name} · {humanize(s.request.type)} · {formatMoney(s.request.opportunity.amount)}
              </p>
              <p className="text-xs text-slate-600">
                From {s.request.requester.name} · stage {s.stageIndex + 1} ({humanize(s.approverRole)}) · due {formatDateTime(s.dueAt, user.timezone)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
