import type { Metadata } from "next";
import Link from "next/link";
import { AccessDenied } from "@/components/shell/access-denied";
import { Badge } from "@/components/ui/badge";
import { DataTable, Pagination, type TColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, SelectFilter } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate, formatMoney, humanize } from "@/lib/format";
import { OpportunityStage } from "@/lib/generated/prisma/enums";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { roleCan } from "@/lib/server/authz/permissions";
import { pageAccess } from "@/lib/server/page-auth";
import { listOpportunities, OPPORTUNITIES_PAGE_SIZE, OPPORTUNITY_SORTS } from "@/lib/server/queries/list-opportunities";
import { listParams, type TSearchParams } from "@/lib/server/queries/list-params";

export const metadata: Metadata = { title: "Opportunities" };

type TRow = Awaited<ReturnType<typeof listOpportunities>>["rows"][number];

const COLUMNS: TColumn<TRow>[] = [
  { key: "name", header: "Opportunity", sortable: true, cell: (o) => <span><Link className="font-medium text-brand-700 underline" href={`/opportunities/${o.id}`}>{o.name}</Link><span className="block text-xs text-slate-500">{o.account?.name ?? "No account"} · {o.owner.name}</span></span> },
  { key: "stage", header: "Stage", sortable: true, cell: (o) => <Badge tone={o.stage === "CLOSED_WON" ? "good" : o.stage === "CLOSED_LOST" ? "bad" : "neutral"}>{humanize(o.stage)}</Badge> },
  { key: "amount", header: "Amount", sortable: true, align: "right", cell: (o) => formatMoney(o.amount) },
  { key: "discount", header: "Discount", align: "right", cell: (o) => `${o.discountPct.toString()}%` },
  { key: "closeDate", header: "Close date", sortable: true, cell: (o) => formatDate(o.closeDate) },
];

const isOpen = (o: TRow) => o.stage !== "CLOSED_WON" && o.stage !== "CLOSED_LOST";

/** Reps ask for exceptions on their own open deals, from here. */
function columnsFor(userId: string, canRequest: boolean): TColumn<TRow>[] {
  if (!canRequest) return COLUMNS;
  const action: TColumn<TRow> = {
    key: "request",
    header: "Exception",
    cell: (o) =>
      o.ownerId === userId && isOpen(o) ? (
        <Link className="text-brand-700 underline" href={`/opportunities/${o.id}/request`} aria-label={`Request exception: ${o.name}`}>
          Request exception
        </Link>
      ) : null,
  };
  return [...COLUMNS, action];
}

export default async function OpportunitiesPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const { user, denied } = await pageAccess(["opportunities.read.own", "opportunities.read.all"], "/opportunities");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const params = listParams(await searchParams, OPPORTUNITY_SORTS, { sort: "closeDate", dir: "asc" });
  const stageParam = params.one("stage");
  const stage = stageParam && stageParam in OpportunityStage ? (stageParam as OpportunityStage) : undefined;
  const { rows, total } = await listOpportunities(user, { page: params.page, sort: params.sort, dir: params.dir, stage });
  return (
    <>
      <PageHeader title={user.role === "REP" ? "My opportunities" : "Opportunities"} description="Request a discount or terms exception from one of your open deals." />
      <FilterForm label="Filter opportunities">
        <SelectFilter label="Stage" name="stage" value={stage} allLabel="All stages" options={Object.values(OpportunityStage).map((s) => ({ value: s, label: humanize(s) }))} />
      </FilterForm>
      {rows.length === 0 ? (
        <EmptyState title="No opportunities here" next={stage ? "Clear the stage filter to see every opportunity you may see." : "Opportunities appear once they are imported or created in your CRM sync."} />
      ) : (
        <>
          <DataTable caption="Opportunities" columns={columnsFor(user.id, roleCan(user.role, "exceptions.submit"))} rows={rows} rowKey={(o) => o.id} query={params.query} sort={params.sort} dir={params.dir} basePath="/opportunities" />
          <Pagination basePath="/opportunities" query={params.query} page={params.page} pageSize={OPPORTUNITIES_PAGE_SIZE} total={total} />
        </>
      )}
    </>
  );
}
