import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccessDenied } from "@/components/shell/access-denied";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { formatMinutes } from "@/lib/engine/sla/attainment";
import { formatDateTime, humanize } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { CLOCK_KIND_LABELS } from "@/lib/schemas/sla-board";
import { DomainError } from "@/lib/server/errors";
import { pageAccess } from "@/lib/server/page-auth";
import { getSlaClock } from "@/lib/server/queries/sla-clock";

export const metadata: Metadata = { title: "SLA clock" };

const EVENT_LABEL = (type: string, level: number) => (type === "WARNING" ? `Warning ${level}` : type === "BREACH" ? "Breached" : `Escalated to level ${level}`);

export default async function SlaClockPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, denied } = await pageAccess(["sla.read.own", "sla.read.team", "sla.read.all"], "/sla/clocks/[id]");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  let clock;
  try {
    clock = await getSlaClock(user, (await params).id);
  } catch (error) {
    if (error instanceof DomainError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
  const record = clock.subjectType === "LEAD" ? `/leads/${clock.subjectId}` : clock.subjectType === "APPROVAL_STEP" ? "/approvals" : "/opportunities";
  const facts: [string, string][] = [
    ["Status", humanize(clock.status) + (clock.pauseReason ? ` (${clock.pauseReason})` : "")],
    ["Owner", clock.ownerName ?? "Unassigned"],
    ["Budget", `${formatMinutes(clock.targetMinutes, { days: clock.calendarKey === "24x7" })} (${clock.calendarKey === "24x7" ? "around the clock" : `business time, calendar ${clock.calendarKey}`})`],
    ["Started", formatDateTime(clock.startedAt, user.timezone)],
    ["Due", clock.dueAt ? formatDateTime(clock.dueAt, user.timezone) : "—"],
    ["Breached", clock.breachedAt ? formatDateTime(clock.breachedAt, user.timezone) : "No"],
    ["Stopped", clock.stoppedAt ? `${formatDateTime(clock.stoppedAt, user.timezone)}${clock.stopReason ? ` (${clock.stopReason})` : ""}` : "—"],
  ];
  return (
    <>
      <PageHeader
        title={`${CLOCK_KIND_LABELS[clock.kind as keyof typeof CLOCK_KIND_LABELS] ?? humanize(clock.kind)} clock`}
        description="Everything this clock did: warnings, the breach and each escalation, with who was notified."
        actions={
          <div className="flex gap-3 text-sm">
            <Link href="/sla" className="font-medium text-brand-700 underline">Back to the board</Link>
            <Link href={record} className="font-medium text-brand-700 underline">Open the record</Link>
          </div>
        }
      />
      <dl className="grid max-w-3xl grid-cols-[max-content_1fr] gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm">
        {facts.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-medium text-slate-600">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h2 className="mt-6 text-lg font-semibold">History</h2>
      {clock.events.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No warnings or escalations yet.</p>
      ) : (
        <ol className="mt-2 max-w-3xl divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {clock.events.map((e) => (
            <li key={e.id} className="flex flex-wrap gap-3 px-3 py-2">
              <span className="tabular-nums text-slate-600">{formatDateTime(e.firedAt, user.timezone)}</span>
              <Badge tone={e.type === "WARNING" ? "warn" : "bad"}>{EVENT_LABEL(e.type, e.level)}</Badge>
              <span>{e.notified.length ? `Notified ${e.notified.join(", ")}` : "Nobody notified"}</span>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
