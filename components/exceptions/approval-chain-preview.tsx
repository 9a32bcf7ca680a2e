import type { TChainPreview } from "./use-chain-preview";

const ROLE_NAMES: Record<string, string> = { MANAGER: "Sales manager", REGION_VP: "VP Sales", DEAL_DESK: "Deal desk", FINANCE: "Finance", LEGAL: "Legal" };

/** The computed chain and its reasons, announced politely as it changes. */
export function ApprovalChainPreview({ preview }: { preview: TChainPreview }) {
  return (
    <section aria-label="Approval chain" aria-live="polite" className="rounded-lg border border-slate-200 bg-slate-50 p-4 text-sm">
      <h2 className="mb-2 font-semibold">Approval chain (computed from the published policy)</h2>
      {preview.state === "idle" ? <p className="text-slate-600">Fill in the deviation to see who must approve.</p> : null}
      {preview.state === "loading" ? <p className="text-slate-600">Computing…</p> : null}
      {preview.state === "error" ? <p className="text-red-700">{preview.message}</p> : null}
      {preview.state === "ready" ? (
        <>
          {preview.plan.outcome === "AUTO_APPROVED" ? (
            <p className="font-medium text-emerald-800">Auto-approved: no approver needed.</p>
          ) : (
            <ol className="mb-2 list-decimal pl-5">
              {preview.plan.stages.map((s) => (
                <li key={s.index}>
                  {s.approvers.map((a) => ROLE_NAMES[a.role] ?? a.role).join(" + ")} <span className="text-slate-500">· SLA {s.slaBusinessHours} h</span>
                </li>
              ))}
            </ol>
          )}
          <ul className="list-disc pl-5 text-slate-700">
            {preview.plan.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
