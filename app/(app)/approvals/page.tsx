import type { Metadata } from "next";
import Link from "next/link";
import { AccessDenied } from "@/components/shell/access-denied";
import { DecideStepForm } from "@/components/exceptions/decide-step-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, formatMoney, humanize } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { pageAccess } from "@/lib/server/page-auth";
import { listApprovalQueue } from "@/lib/server/queries/list-work-queues";

export const metadata: Metadata = { title: "Approvals" };

/** "Discount 27%" from details.deviations, or the request type for older requests. */
function deviationText(type: string, details: unknown): string {
  const list = (details as { deviations?: Record<string, unknown>[] } | null)?.deviations;
  if (!Array.isArray(list)) return humanize(type);
  return list.map((d) => `${humanize(String(d.type))} ${Object.entries(d).filter(([k]) => k !== "type").map(([, v]) => String(v)).join(" ")}`.trim()).join(" · ");
}

export default async function ApprovalsPage() {
  const { user, denied } = await pageAccess("approvals.decide", "/approvals");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const steps = await listApprovalQueue(user);
  return (
    <>
      <PageHeader title="Approvals queue" description="Exception requests waiting on you, your delegators or your group, soonest due first." />
      {steps.length === 0 ? (
        <EmptyState title="Nothing is waiting on you" next="Requests that need your approval will appear here with their due time." />
      ) : (
        <ul className="grid gap-3">
          {steps.map((s) => {
            const r = s.request;
            const reasons = ((r.plan as { reasons?: string[] } | null)?.reasons ?? []).filter((x) => typeof x === "string");
            const evidence = (Array.isArray(r.evidence) ? r.evidence : []).map((e) => (e as { url?: string }).url).filter((u): u is string => !!u);
            const files = (Array.isArray(r.evidence) ? r.evidence : []).map((e) => e as { fileId?: string; name?: string }).filter((f): f is { fileId: string; name?: string } => typeof f.fileId === "string");
            const title = `${r.opportunity.name}: ${deviationText(r.type, r.details)}`;
            return (
              <li key={s.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
                <h2 className="font-semibold">
                  <Link href={`/requests/${r.id}`} className="underline decoration-slate-300 hover:decoration-current" aria-label={`Full request: ${r.opportunity.name}`}>{title}</Link>
                </h2>
                <p className="text-xs text-slate-600">
                  From {r.requester.name} · stage {s.stageIndex + 1} ({humanize(s.queueRole ?? s.approverRole)}){s.assigneeId && s.assigneeId !== user.id ? ` · for ${s.assignee?.name ?? "another approver"} (delegation)` : ""}
                  {s.via ? ` · via ${s.via}` : ""} · due {formatDateTime(s.dueAt, user.timezone)}
                </p>
                <p className="mt-1 text-xs text-slate-600">
                  Amount {formatMoney(r.opportunity.amount)} (list {formatMoney(r.opportunity.listAmount)}) · term {r.opportunity.termMonths} months · net {r.opportunity.paymentTermsDays}
                </p>
                <p className="mt-2">{r.justification}</p>
                {r.impactedKpi ? <p className="text-xs text-slate-600">Impacted KPI: {r.impactedKpi}</p> : null}
                {evidence.length || files.length ? (
                  <ul className="text-xs">
                    {evidence.map((url) => (
                      <li key={url}><a className="text-brand-700 underline" href={url} rel="noreferrer noopener" target="_blank">{url}</a></li>
                    ))}
                    {files.map((f) => (
                      <li key={f.fileId}><a className="text-brand-700 underline" href={`/requests/${r.id}/files/${f.fileId}`}>{f.name ?? "Attached file"}</a></li>
                    ))}
                  </ul>
                ) : null}
                {reasons.length ? (
                  <ul className="mt-2 list-disc pl-5 text-xs text-slate-700" aria-label="Why this needs approval">
                    {reasons.map((x) => <li key={x}>{x}</li>)}
                  </ul>
                ) : null}
                <DecideStepForm requestId={r.id} stepId={s.id} label={`Decide: ${r.opportunity.name}`} />
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
