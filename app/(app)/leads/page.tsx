import type { Metadata } from "next";
import Link from "next/link";
import { AccessDenied } from "@/components/shell/access-denied";
import { Badge } from "@/components/ui/badge";
import { DataTable, Pagination, type TColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, SearchFilter, SelectFilter } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate, humanize } from "@/lib/format";
import { LifecycleStage } from "@/lib/generated/prisma/enums";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { roleCan } from "@/lib/server/authz/permissions";
import { pageAccess } from "@/lib/server/page-auth";
import { leadOwnerChoices, listLeads, LEAD_SORTS, LEADS_PAGE_SIZE, SCORE_BANDS, type TScoreBand } from "@/lib/server/queries/list-leads";
import { listParams, type TSearchParams } from "@/lib/server/queries/list-params";

export const metadata: Metadata = { title: "Leads" };

type TRow = Awaited<ReturnType<typeof listLeads>>["rows"][number];

const COLUMNS: TColumn<TRow>[] = [
  { key: "company", header: "Lead", sortable: true, cell: (l) => <span><Link href={`/leads/${l.id}`} className="font-medium text-brand-700 hover:underline">{[l.firstName, l.lastName].filter(Boolean).join(" ") || l.email}</Link><span className="block text-xs text-slate-500">{l.company ?? "—"} · {l.email ?? "no e-mail"}</span></span> },
  { key: "lifecycleStage", header: "Stage", sortable: true, cell: (l) => <Badge tone={l.lifecycleStage === "MQL" ? "info" : "neutral"}>{humanize(l.lifecycleStage)}</Badge> },
  { key: "score", header: "Score", sortable: true, align: "right", cell: (l) => l.score },
  { key: "source", header: "Source", cell: (l) => l.source ?? "—" },
  { key: "owner", header: "Owner", cell: (l) => l.owner?.name ?? (l.queueTeam ? `Queue: ${l.queueTeam.name}` : "Unassigned") },
  { key: "createdAt", header: "Created", sortable: true, cell: (l) => formatDate(l.createdAt) },
];

export default async function LeadsPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const { user, denied } = await pageAccess(["leads.read.own", "leads.read.all"], "/leads");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const params = listParams(await searchParams, LEAD_SORTS, { sort: "createdAt", dir: "desc" });
  const stageParam = params.one("stage");
  const stage = stageParam && stageParam in LifecycleStage ? (stageParam as LifecycleStage) : undefined;
  const q = params.one("q")?.trim() || undefined;
  const mine = user.role === "REP";
  // Reps see only their own leads: no owner filter for them.
  const owners = mine ? [] : await leadOwnerChoices(user);
  const ownerParam = params.one("owner");
  const ownerId = ownerParam === "none" || owners.some((o) => o.id === ownerParam) ? ownerParam : undefined;
  const bandParam = params.one("band");
  const scoreBand = SCORE_BANDS.some((b) => b.value === bandParam) ? (bandParam as TScoreBand) : undefined;
  const source = params.one("source")?.trim() || undefined;
  const filtered = Boolean(stage || q || ownerId || scoreBand || source);
  const { rows, total } = await listLeads(user, { page: params.page, sort: params.sort, dir: params.dir, stage, q, ownerId, scoreBand, source });

  return (
    <>
      <PageHeader
        actions={roleCan(user.role, "leads.create") ? <Link href="/leads/new" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">New lead</Link> : undefined}
        title={mine ? "My leads" : "Leads"}
        description={mine ? "Leads you own. Open one to see why it scored and where it was routed." : "Leads you may see, newest first."}
      />
      <FilterForm label="Filter leads">
        <SearchFilter label="Search" value={q} placeholder="E-mail, company or name" />
        <SelectFilter label="Stage" name="stage" value={stage} allLabel="All stages" options={Object.values(LifecycleStage).map((s) => ({ value: s, label: humanize(s) }))} />
        {mine ? null : (
          <SelectFilter label="Owner" name="owner" value={ownerId} allLabel="Any owner" options={[{ value: "none", label: "No owner (queue or unassigned)" }, ...owners.map((o) => ({ value: o.id, label: o.name }))]} />
        )}
        <SelectFilter label="Score" name="band" value={scoreBand} allLabel="Any score" options={SCORE_BANDS.map((b) => ({ value: b.value, label: b.label }))} />
        <SearchFilter label="Source" name="source" value={source} placeholder="e.g. webinar" />
      </FilterForm>
      {rows.length === 0 ? (
        <EmptyState
          title={filtered ? "No leads match these filters" : "No leads yet"}
          next={filtered ? "Clear the filters to see all your leads." : "Leads appear here once they are imported, created or routed to you."}
        />
      ) : (
        <>
          <DataTable caption="Leads" columns={COLUMNS} rows={rows} rowKey={(l) => l.id} query={params.query} sort={params.sort} dir={params.dir} basePath="/leads" />
          <Pagination basePath="/leads" query={params.query} page={params.page} pageSize={LEADS_PAGE_SIZE} total={total} />
        </>
      )}
    </>
  );
}
