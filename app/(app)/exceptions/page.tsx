import type { Metadata } from "next";
import Link from "next/link";
import { AccessDenied } from "@/components/shell/access-denied";
import { Badge } from "@/components/ui/badge";
import { DataTable, hrefWith, Pagination, type TColumn } from "@/components/ui/data-table";
import { DateFilter } from "@/components/ui/date-filter";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, SearchFilter, SelectFilter } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate, formatDuration, humanize } from "@/lib/format";
import { ExceptionStatus, ExceptionType } from "@/lib/generated/prisma/enums";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { pageAccess } from "@/lib/server/page-auth";
import { ARCHIVE_PAGE_SIZE, ARCHIVE_TIERS, archiveFilterOptions, listExceptionArchive, type TArchiveRow } from "@/lib/server/queries/exception-archive";
import { archiveParams } from "@/lib/server/queries/exception-archive-params";
import type { TSearchParams } from "@/lib/server/queries/list-params";

export const metadata: Metadata = { title: "Exception archive" };

const pct = (v: number | null) => (v === null ? "—" : `${Number(v.toFixed(2))}%`);
const STATUS_TONE: Record<string, "good" | "bad" | "warn" | "neutral"> = { APPROVED: "good", APPROVED_WITH_CONDITIONS: "good", REJECTED: "bad", PENDING: "warn", AWAITING_REQUESTER: "warn" };

const COLUMNS: TColumn<TArchiveRow>[] = [
  { key: "type", header: "Request", cell: (r) => <span><Link href={`/requests/${r.id}`} className="font-medium text-brand-700 underline">{humanize(r.type)}</Link><span className="block text-xs text-slate-500">{r.opportunityName}</span></span> },
  { key: "status", header: "Outcome", cell: (r) => <Badge tone={STATUS_TONE[r.status] ?? "neutral"}>{humanize(r.status)}</Badge> },
  { key: "discount", header: "Requested", sortable: true, align: "right", cell: (r) => pct(r.requestedPct) },
  { key: "granted", header: "Granted", align: "right", cell: (r) => pct(r.grantedPct) },
  { key: "tier", header: "Tier", cell: (r) => (r.tier ? humanize(r.tier) : "—") },
  { key: "rep", header: "Rep", cell: (r) => <span>{r.repName}<span className="block text-xs text-slate-500">{r.teamName ?? "No team"}</span></span> },
  { key: "segment", header: "Segment", cell: (r) => (r.segment ? humanize(r.segment) : "—") },
  { key: "products", header: "Products", cell: (r) => r.products.join(", ") || "—" },
  { key: "submittedAt", header: "Submitted", sortable: true, cell: (r) => formatDate(r.submittedAt) },
  { key: "decidedAt", header: "Decided", sortable: true, cell: (r) => formatDate(r.decidedAt) },
  { key: "timeToDecision", header: "Time to decision", sortable: true, align: "right", cell: (r) => (r.timeToDecisionMs === null ? "—" : formatDuration(r.timeToDecisionMs)) },
];

export default async function ExceptionArchivePage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const { user, denied } = await pageAccess("exceptions.read.all", "/exceptions");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const { params, options: o, filtered } = archiveParams(await searchParams);
  const [{ rows, total }, choices] = await Promise.all([listExceptionArchive({ ...o, page: params.page }), archiveFilterOptions()]);
  const link = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100";

  return (
    <>
      <PageHeader
        title="Exception archive"
        description="Every exception request with its outcome. Filter, sort, and export exactly what you see."
        actions={
          <span className="flex gap-2">
            <Link href="/exceptions/analytics" className={link}>Analytics</Link>
            {/* A plain link, not next/link: the route answers with a file, not a page. */}
            <a href={hrefWith("/exceptions/export", params.query, { page: undefined })} className={link} download>
              Export CSV
            </a>
          </span>
        }
      />
      <FilterForm label="Filter the archive">
        <SearchFilter label="Search" value={o.q} placeholder="Opportunity or justification" />
        <SelectFilter label="Type" name="type" value={o.type} allLabel="All types" options={Object.values(ExceptionType).map((v) => ({ value: v, label: humanize(v) }))} />
        <SelectFilter label="Outcome" name="status" value={o.status} allLabel="All outcomes" options={Object.values(ExceptionStatus).map((v) => ({ value: v, label: humanize(v) }))} />
        <SelectFilter label="Tier" name="tier" value={o.tier} allLabel="All tiers" options={ARCHIVE_TIERS.map((v) => ({ value: v, label: humanize(v) }))} />
        <SelectFilter label="Rep" name="rep" value={o.repId} allLabel="All reps" options={choices.reps.map((u) => ({ value: u.id, label: u.name }))} />
        <SelectFilter label="Team" name="team" value={o.teamId} allLabel="All teams" options={choices.teams.map((t) => ({ value: t.id, label: t.name }))} />
        <SelectFilter label="Segment" name="segment" value={o.segment} allLabel="All segments" options={choices.segments.map((s) => ({ value: s, label: humanize(s) }))} />
        <SelectFilter label="Product" name="product" value={o.product} allLabel="All products" options={choices.products.map((p) => ({ value: p, label: p }))} />
        <DateFilter label="Submitted from" name="from" value={o.submittedFrom} />
        <DateFilter label="Submitted to" name="to" value={o.submittedTo} />
      </FilterForm>
      {rows.length === 0 ? (
        <EmptyState
          title={filtered ? "No requests match these filters" : "No exception requests yet"}
          next={filtered ? "Widen or clear the filters to see more of the archive." : "Requests appear here once reps submit them."}
        />
      ) : (
        <>
          <DataTable caption="Exception requests" columns={COLUMNS} rows={rows} rowKey={(r) => r.id} query={params.query} sort={params.sort} dir={params.dir} basePath="/exceptions" />
          <Pagination basePath="/exceptions" query={params.query} page={params.page} pageSize={ARCHIVE_PAGE_SIZE} total={total} />
        </>
      )}
    </>
  );
}
