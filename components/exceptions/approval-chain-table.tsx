import { roleWords } from "@/lib/engine/approvals/timeline";
import { formatDateTime } from "@/lib/format";
import type { TExceptionRequestDetail } from "@/lib/server/queries/exception-request-detail";
import { StatusBadge } from "./status-badge";

type TStep = TExceptionRequestDetail["request"]["steps"][number];

const VIA_WORDS: Record<string, string> = { delegate: "delegate of an absent approver", escalated: "up the management chain", fallback: "fallback queue" };

function holder(s: TStep): string {
  if (s.assignee) return s.assignee.name;
  return `${roleWords(s.queueRole ?? s.approverRole)} queue`;
}

/** The chain as it stands: each step's stage, approver, status, decider and time. */
export function ApprovalChainTable({ steps, timeZone }: { steps: TStep[]; timeZone: string }) {
  if (steps.length === 0) return <p className="text-sm text-slate-600">No approval steps: the request was approved at once, or has not been submitted.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Approval chain</caption>
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">Stage</th>
            <th scope="col" className="px-3 py-2">Approver</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2">Decided by</th>
            <th scope="col" className="px-3 py-2">When</th>
            <th scope="col" className="px-3 py-2">Reason or conditions</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {steps.map((s) => {
            const conditions = (s.conditions as { summary?: string } | null)?.summary;
            return (
              <tr key={s.id}>
                <td className="px-3 py-2">{s.stageIndex + 1} · {roleWords(s.approverRole)}</td>
                <td className="px-3 py-2">
                  {holder(s)}
                  {s.via ? <span className="block text-xs text-slate-500">{VIA_WORDS[s.via] ?? s.via}</span> : null}
                </td>
                <td className="px-3 py-2"><StatusBadge status={s.status} /></td>
                <td className="px-3 py-2">{s.decidedBy?.name ?? "—"}</td>
                <td className="px-3 py-2 text-xs">{s.decidedAt ? formatDateTime(s.decidedAt, timeZone) : s.dueAt ? `due ${formatDateTime(s.dueAt, timeZone)}` : "—"}</td>
                <td className="px-3 py-2 text-xs">{[s.reason, conditions].filter(Boolean).join(" · ") || "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
