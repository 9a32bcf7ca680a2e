import type { Metadata } from "next";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { describeRequestedDeviations } from "@/lib/engine/email/request-summary";
import { formatDateTime, humanize } from "@/lib/format";
import { inspectActionLink, type TActionLinkView } from "@/lib/server/commands/email-action-link";
import { DomainError } from "@/lib/server/errors";
import { ConfirmActionForm } from "./confirm-form";

// The landing page of an approve / reject link from an e-mail. Outside the signed-in app on
// purpose (the link is the credential). Opening it never decides anything — mail scanners
// open links — it shows the request and asks to confirm; the confirm button does the POST.
export const metadata: Metadata = { title: "Confirm from e-mail", robots: { index: false, follow: false }, referrer: "no-referrer" };

export default async function ActionLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const token = safeDecode((await params).token);
  let view: TActionLinkView | null = null;
  let problem: string | null = null;
  try {
    view = await inspectActionLink(token);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    problem = error.message;
  }
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-10">
      <p className="mb-6 text-lg font-bold tracking-tight text-brand-900">Arbiter</p>
      {problem || !view ? (
        <div className="grid gap-4">
          <h1 className="text-2xl font-semibold tracking-tight">This link does not work</h1>
          <Notice tone="error">{problem}</Notice>
          <p className="text-sm">
            <Link href="/approvals" className="text-brand-700 underline">
              Open your approvals queue
            </Link>
          </p>
        </div>
      ) : (
        <Confirm token={token} view={view} />
      )}
    </main>
  );
}

/** A mangled link (cut inside a %-escape) reads as an invalid link, not a server error. */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function Confirm({ token, view }: { token: string; view: TActionLinkView }) {
  const verb = view.action === "APPROVE" ? "Approve" : "Reject";
  const r = view.request;
  const open = view.step.status === "PENDING";
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-semibold tracking-tight">
        {verb}: {r.opportunityName}
      </h1>
      <section aria-label="Request summary" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          <dt className="text-slate-600">Requested by</dt>
          <dd>{r.requesterName}</dd>
          <dt className="text-slate-600">Asks for</dt>
          <dd>{describeRequestedDeviations(r.type, r.details).join(" · ")}</dd>
          <dt className="text-slate-600">Why</dt>
          <dd className="whitespace-pre-line">{r.justification || "—"}</dd>
          {r.impactedKpi ? (
            <>
              <dt className="text-slate-600">Impacted KPI</dt>
              <dd>{r.impactedKpi}</dd>
            </>
          ) : null}
          <dt className="text-slate-600">Your step</dt>
          <dd>
            Stage {view.step.stageIndex + 1} ({humanize(view.step.role)}), decided as {view.user.name}
          </dd>
          <dt className="text-slate-600">Link valid until</dt>
          <dd>{formatDateTime(view.expiresAt)} UTC, once</dd>
        </dl>
      </section>
      {open ? (
        <>
          <p className="text-sm text-slate-700">Nothing has been decided yet. Confirm below to {verb.toLowerCase()} this step; the same approval rules apply as in the app.</p>
          <ConfirmActionForm token={token} action={view.action} opportunity={r.opportunityName} />
        </>
      ) : (
        <Notice tone="warning" title="Nothing to decide">
          {view.step.decidedBy && view.step.decidedAt
            ? `This step was already decided by ${view.step.decidedBy} at ${formatDateTime(view.step.decidedAt)} UTC (${humanize(view.step.status)}).`
            : `This step is ${humanize(view.step.status)}, so it cannot be decided now (the request is ${humanize(r.status)}).`}
        </Notice>
      )}
    </div>
  );
}
