import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { MoveStageForm } from "@/components/opportunities/move-stage-form";
import { AccessDenied } from "@/components/shell/access-denied";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate, formatDateTime, formatMoney, humanize } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { OPPORTUNITY_STAGES } from "@/lib/schemas/policies/pipeline";
import { roleCan } from "@/lib/server/authz/permissions";
import { DomainError } from "@/lib/server/errors";
import { pageAccess } from "@/lib/server/page-auth";
import { activePolicy } from "@/lib/server/queries/active-policy";
import { opportunityDetail } from "@/lib/server/queries/opportunity-detail";

export const metadata: Metadata = { title: "Opportunity" };

/** Stage names as the published pipeline policy labels them (plain enum words when none is published). */
async function stageLabels(): Promise<{ stage: string; label: string }[]> {
  const pipeline = await activePolicy("PIPELINE").catch((error: unknown) => {
    if (error instanceof DomainError) return null;
    throw error;
  });
  return OPPORTUNITY_STAGES.map((stage) => ({ stage, label: pipeline?.body.stages.find((s) => s.stage === stage)?.label ?? humanize(stage) }));
}

export default async function OpportunityPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, denied } = await pageAccess(["opportunities.read.own", "opportunities.read.all"], "/opportunities/[id]");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  let detail;
  try {
    detail = await opportunityDetail(user, id);
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { opportunity: o, history, staleClock } = detail;
  const stages = await stageLabels();
  const labelOf = (stage: string | null) => (stage ? (stages.find((s) => s.stage === stage)?.label ?? humanize(stage)) : "—");
  const closed = o.stage === "CLOSED_WON" || o.stage === "CLOSED_LOST";
  return (
    <>
      <PageHeader title={o.name} description={`${o.account?.name ?? "No account"} · owned by ${o.owner.name} · ${formatMoney(o.amount, o.currency)} · closes ${formatDate(o.closeDate)}`} />
      <section aria-labelledby="stage" className="mb-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="stage" className="mb-2 font-semibold">Stage</h2>
        <p className="mb-3 text-sm">
          <Badge tone={o.stage === "CLOSED_WON" ? "good" : o.stage === "CLOSED_LOST" ? "bad" : "neutral"}>{labelOf(o.stage)}</Badge>{" "}
          since {formatDateTime(o.stageEnteredAt)}.{" "}
          {staleClock?.dueAt ? (staleClock.breachedAt ? `Stale since ${formatDateTime(staleClock.breachedAt)}: move it forward or close it.` : `Counts as stale after ${formatDateTime(staleClock.dueAt)} unless it moves.`) : null}
        </p>
        {closed ? (
          <p className="text-sm text-slate-600">This deal is closed; its stage no longer changes.</p>
        ) : roleCan(user.role, "opportunities.stage.change") ? (
          <MoveStageForm opportunityId={o.id} currentStage={o.stage} stages={stages} />
        ) : null}
      </section>
      <section aria-labelledby="history" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="history" className="mb-2 font-semibold">Stage history</h2>
        {history.length === 0 ? (
          <EmptyState title="No stage changes recorded yet" next="Moves made here appear in this list, with who made them and why." />
        ) : (
          <ol className="grid gap-2 text-sm">
            {history.map((c) => (
              <li key={c.id}>
                <span className="text-slate-500">{formatDateTime(c.changedAt)}</span> · {labelOf(c.fromStage)} → {labelOf(c.toStage)} by {c.actorName}
                {c.reason ? <span className="block text-slate-600">“{c.reason}”</span> : null}
              </li>
            ))}
          </ol>
        )}
      </section>
      <p className="mt-4 text-sm">
        <Link className="text-brand-700 underline" href="/opportunities">Back to opportunities</Link>
      </p>
    </>
  );
}
