import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ReassignLeadSection } from "@/components/leads/reassign-lead-section";
import { AccessDenied } from "@/components/shell/access-denied";
import { MqlDecisionForm } from "@/components/leads/mql-decision-form";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { describeDecisionKind } from "@/lib/engine/audit/decision-kinds";
import { entryReasons } from "@/lib/engine/audit/entry-reasons";
import { formatDateTime, humanize } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { DomainError } from "@/lib/server/errors";
import { pageAccess } from "@/lib/server/page-auth";
import { leadDetail } from "@/lib/server/queries/lead-detail";
import { mqlDecisionOptions } from "@/lib/server/queries/mql-decision-options";

export const metadata: Metadata = { title: "Lead" };

const GROUP_LABEL: Record<string, string> = { fit: "Fit", engagement: "Engagement", negative: "Negative" };

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, denied } = await pageAccess(["leads.read.own", "leads.read.all"], "/leads/[id]");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  let detail;
  try {
    detail = await leadDetail(user, id);
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const { lead, activities, transitions, decisions, breakdown, scoredAt } = detail;
  const mqlDecision = await mqlDecisionOptions(user, lead);
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(" ") || lead.email || lead.externalId || "Lead";
  const custom = Object.entries(lead.customAttributes as Record<string, { type: string; value: unknown }>);
  const fields: [string, string | number | null][] = [
    ["E-mail", lead.email], ["External id", lead.externalId], ["Title", lead.title], ["Company", lead.company], ["Country", lead.country],
    ["Industry", lead.industry], ["Employees", lead.employees], ["Source", lead.source], ["Product interest", lead.productInterest], ["Language", lead.language],
  ];
  return (
    <>
      <PageHeader title={name} description={`${humanize(lead.lifecycleStage)} · score ${lead.score} · ${lead.owner ? `owned by ${lead.owner.name}` : lead.queueTeam ? `in the ${lead.queueTeam.name} queue` : "unassigned"}${lead.account ? ` · account ${lead.account.name}` : ""}`} />
      {mqlDecision ? <div className="mb-6"><MqlDecisionForm leadId={lead.id} reasons={mqlDecision.reasons} /></div> : null}
      <div className="grid gap-6 xl:grid-cols-2">
        <section aria-labelledby="fields" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="fields" className="mb-2 font-semibold">Details</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            {fields.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-500">{label}</dt>
                <dd>{value ?? "—"}</dd>
              </div>
            ))}
            {custom.map(([key, attr]) => (
              <div key={key} className="contents">
                <dt className="text-slate-500">{key} <span className="text-xs">({attr.type})</span></dt>
                <dd>{String(attr.value)}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section aria-labelledby="score" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="score" className="mb-2 font-semibold">Score {lead.score} <span className="text-sm font-normal text-slate-600">(fit {lead.fitScore}, engagement {lead.engagementScore}, negative {lead.negativeScore})</span></h2>
          {breakdown.length === 0 ? (
            <p className="text-sm text-slate-600">{scoredAt ? "No rule added or removed points." : "Not scored by Arbiter yet: the score shown was imported."}</p>
          ) : (
            <table className="w-full text-sm">
              <caption className="sr-only">Score breakdown</caption>
              <thead><tr className="text-left text-slate-600"><th scope="col">Rule</th><th scope="col">Why</th><th scope="col" className="text-right">Points</th></tr></thead>
              <tbody>
                {breakdown.map((b) => (
                  <tr key={`${b.group}-${b.ruleId}`} className="border-t border-slate-100">
                    <td className="py-1">{GROUP_LABEL[b.group] ?? b.group}: {b.label}</td>
                    <td className="text-slate-600">{b.detail}</td>
                    <td className={`text-right tabular-nums ${b.points < 0 ? "text-red-700" : ""}`}>{b.points > 0 ? "+" : ""}{Math.round(b.points * 10) / 10}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="timeline" className="rounded-lg border border-slate-200 bg-white p-4 xl:col-span-2">
          <h2 id="timeline" className="mb-2 font-semibold">Decision timeline</h2>
          {decisions.length === 0 ? (
            <p className="text-sm text-slate-600">No decisions recorded for this lead yet (seeded history predates the log).</p>
          ) : (
            <ol className="flex flex-col gap-3 text-sm">
              {decisions.map((d) => (
                <li key={d.id.toString()}>
                  <p><span className="font-medium">{describeDecisionKind(d.kind)}</span> <span className="text-slate-500">· {formatDateTime(d.createdAt, user.timezone)}</span></p>
                  <ul className="list-disc pl-5 text-slate-700">{entryReasons(d).map((r, i) => <li key={i}>{r}</li>)}</ul>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section aria-labelledby="stages" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="stages" className="mb-2 font-semibold">Stage history</h2>
          <ul className="text-sm">
            {transitions.map((t) => (
              <li key={t.id} className="border-t border-slate-100 py-1 first:border-0">
                {t.fromStage ? `${humanize(t.fromStage)} → ` : ""}<Badge>{humanize(t.toStage)}</Badge> <span className="text-slate-500">{formatDateTime(t.at, user.timezone)}</span>
                {t.reason ? <span className="block text-xs text-slate-600">{t.reason}</span> : null}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="activities" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="activities" className="mb-2 font-semibold">Activities</h2>
          {activities.length === 0 ? <p className="text-sm text-slate-600">No activity recorded.</p> : (
            <ul className="text-sm">
              {activities.map((a) => (
                <li key={a.id} className="border-t border-slate-100 py-1 first:border-0">{humanize(a.type)} <span className="text-slate-500">· {formatDateTime(a.occurredAt, user.timezone)}</span></li>
              ))}
            </ul>
          )}
        </section>
        <ReassignLeadSection user={user} leadId={lead.id} ownerId={lead.ownerId} />
      </div>
    </>
  );
}
