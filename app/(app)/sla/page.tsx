import type { Metadata } from "next";
import Link from "next/link";
import { SlaTabs } from "@/components/sla/sla-tabs";
import { slaTabsFor } from "@/components/sla/sla-tab-list";
import { TimeLeft } from "@/components/sla/time-left";
import { AccessDenied } from "@/components/shell/access-denied";
import { Badge } from "@/components/ui/badge";
import { DataTable, Pagination, type TColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, SelectFilter } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, humanize } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { CLOCK_IDS } from "@/lib/schemas/policies/sla";
import { CLOCK_KIND_LABELS, SLA_BOARD_SORTS, ZSlaBoardFilters } from "@/lib/schemas/sla-board";
import type { TSessionUser } from "@/lib/server/auth/session-user";
import { roleCan } from "@/lib/server/authz/permissions";
import { pageAccess } from "@/lib/server/page-auth";
import { listParams, type TSearchParams } from "@/lib/server/queries/list-params";
import { listSlaBoard, listSlaBreachHistory, SLA_BOARD_PAGE_SIZE, slaBoardFilterOptions, type TSlaBoardRow } from "@/lib/server/queries/sla-board";

export const metadata: Metadata = { title: "SLA board" };

const kindLabel = (k: string) => CLOCK_KIND_LABELS[k as keyof typeof CLOCK_KIND_LABELS] ?? humanize(k);

function columns(user: TSessionUser): TColumn<TSlaBoardRow>[] {
  return [
    {
      key: "urgency",
      header: "Time left (business)",
      sortable: true,
      cell: (r) => <TimeLeft minutes={r.minutesLeft} target={r.targetMinutes} paused={r.status === "PAUSED"} business={r.businessTime} />,
    },
    {
      key: "subject",
      header: "Record",
      cell: (r) => (
        <span>
          <Link href={r.href} className="font-medium text-brand-700 hover:underline">
            {r.subjectLabel}
          </Link>
          <span className="block text-xs text-slate-500">
            <Link href={`/sla/clocks/${r.id}`} className="hover:underline" aria-label={`Clock history for ${r.subjectLabel}`}>
              Clock history
            </Link>
          </span>
        </span>
      ),
    },
    { key: "kind", header: "Clock", sortable: true, cell: (r) => kindLabel(r.kind) },
    { key: "owner", header: "Owner", cell: (r) => <span>{r.ownerName ?? "Unassigned"}<span className="block text-xs text-slate-500">{r.teamName ?? "—"}</span></span> },
    {
      key: "dueAt",
      header: "Due",
      cell: (r) => (r.status === "PAUSED" ? <span>Paused{r.pauseReason ? `: ${r.pauseReason}` : ""}</span> : formatDateTime(r.dueAt, user.timezone)),
    },
    {
      key: "escalationLevel",
      header: "Escalation",
      sortable: true,
      cell: (r) =>
        r.escalationLevel === 0 ? (
          r.breachedAt ? <Badge tone="bad">Breached</Badge> : <span className="text-slate-500">None</span>
        ) : (
          <span>
            <Badge tone="bad">Level {r.escalationLevel}</Badge>
            <span className="block text-xs text-slate-600">{[...r.escalatedPeople, ...(r.escalatedPeople.length ? [] : r.escalatedTo)].join(", ") || "—"}</span>
          </span>
        ),
    },
    { key: "startedAt", header: "Started", sortable: true, cell: (r) => formatDateTime(r.startedAt, user.timezone) },
  ];
}

export default async function SlaBoardPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const { user, denied } = await pageAccess(["sla.read.own", "sla.read.team", "sla.read.all"], "/sla");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const params = listParams(await searchParams, SLA_BOARD_SORTS, { sort: "urgency", dir: "asc" });
  const filters = ZSlaBoardFilters.parse({ kind: params.one("kind"), status: params.one("status"), teamId: params.one("teamId"), ownerId: params.one("ownerId") });
  const [board, history, options] = await Promise.all([
    listSlaBoard(user, { page: params.page, sort: params.sort, dir: params.dir, filters }),
    listSlaBreachHistory(user, { days: 7, limit: 15, filters }),
    slaBoardFilterOptions(user),
  ]);
  const filtered = Object.values(filters).some((v) => v !== undefined);
  const own = !roleCan(user.role, "sla.read.team") && !roleCan(user.role, "sla.read.all");

  return (
    <>
      <PageHeader
        title="SLA board"
        description={`${own ? "Your" : roleCan(user.role, "sla.read.all") ? "All" : "Your team's"} open SLA clocks, most urgent first: breached clocks at the top, then the least business time left on each clock's own calendar (working hours and holidays). Paused clocks come last.`}
      />
      <SlaTabs current="/sla" tabs={slaTabsFor(user.role)} />
      <p className="mb-4 text-sm text-slate-700" data-testid="sla-summary">
        <strong>{board.total.toLocaleString("en")}</strong> open · <strong className="text-red-700">{board.overdue.toLocaleString("en")}</strong> overdue ·{" "}
        <strong>{board.paused.toLocaleString("en")}</strong> paused
      </p>
      <FilterForm label="Filter SLA clocks">
        <SelectFilter label="Clock" name="kind" value={filters.kind} allLabel="All clocks" options={CLOCK_IDS.map((k) => ({ value: k, label: kindLabel(k) }))} />
        <SelectFilter label="Status" name="status" value={filters.status} allLabel="All open" options={[{ value: "RUNNING", label: "Running" }, { value: "PAUSED", label: "Paused" }, { value: "BREACHED", label: "Breached" }]} />
        {own ? null : <SelectFilter label="Team" name="teamId" value={filters.teamId} allLabel="All teams" options={options.teams.map((t) => ({ value: t.id, label: t.name }))} />}
        {own ? null : <SelectFilter label="Owner" name="ownerId" value={filters.ownerId} allLabel="All owners" options={options.owners.map((o) => ({ value: o.id, label: o.name }))} />}
      </FilterForm>
      {board.rows.length === 0 ? (
        <EmptyState
          title={filtered ? "No open clocks match these filters" : "No open SLA clocks"}
          next={filtered ? "Clear the filters to see every open clock." : "Clocks start when a lead is assigned, an MQL arrives or an approval waits; they appear here until the work is done."}
        />
      ) : (
        <>
          <DataTable caption="Open SLA clocks, most urgent first" columns={columns(user)} rows={board.rows} rowKey={(r) => r.id} query={params.query} sort={params.sort} dir={params.dir} basePath="/sla" />
          <Pagination basePath="/sla" query={params.query} page={params.page} pageSize={SLA_BOARD_PAGE_SIZE} total={board.total} />
        </>
      )}
      <section aria-labelledby="history-title" className="mt-8">
        <h2 id="history-title" className="text-lg font-semibold">
          Breaches and escalations, last 7 days
        </h2>
        {history.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">No breaches or escalations in the last 7 days.</p>
        ) : (
          <ol className="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm" data-testid="sla-history">
            {history.map((h) => (
              <li key={h.id} className="flex flex-wrap items-baseline gap-x-3 px-3 py-2">
                <span className="tabular-nums text-slate-600">{formatDateTime(h.firedAt, user.timezone)}</span>
                <Badge tone="bad">{h.type === "BREACH" ? "Breached" : `Escalated to level ${h.level}`}</Badge>
                <Link href={`/sla/clocks/${h.clockId}`} className="font-medium text-brand-700 hover:underline">
                  {kindLabel(h.kind)}: {h.subjectLabel}
                </Link>
                <span className="text-slate-600">
                  owner {h.ownerName ?? "unassigned"}
                  {h.notified.length ? ` · notified ${h.notified.join(", ")}` : ""}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
}
