import type { Metadata } from "next";
import { AccessDenied } from "@/components/shell/access-denied";
import { Badge } from "@/components/ui/badge";
import { DataTable, Pagination, type TColumn } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate, formatMoney, humanize } from "@/lib/format";
import { OpportunityStage } from "@/lib/generated/prisma/enums";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { roleCan } from "@/lib/server/authz/permissions";
import { requirePageUser } from "@/lib/server/page-auth";
import { listOpportunities, OPPORTUNITIES_PAGE_SIZE, OPPORTUNITY_SORTS } from "@/lib/server/queries/list-opportunities";
import { listParams, type TSearchParams } from "@/lib/server/queries/list-params";

export const metadata: Metadata = { title: "Opportunities" };

type TRow = Awaited<ReturnType<typeof listOpportunities>>["rows"][number];

const COLUMNS: TColumn<TRow>[] = [
  { key: "name", header: "Opportunity", sortable: true, cell: (o) => <span><span className="font-medium">{o.name}</span><span className="block text-xs text-slate-500">{o.account?.name ?? "No account"} · {o.owner.name}</span></span> },
  { key: "stage", header: "Stage", sortable: true, cell: (o) => <Badge tone={o.stage === "CLOSED_WON" ? "good" : o.stage === "CLOSED_LOST" ? "bad" : "neutral"}>{humanize(o.stage)}</Badge> },
  { key: "amount", header: "Amount", sortable: true, align: "right", cell: (o) => formatMoney(o.amount) },
  { key: "discount", header: "Discount", align: "right", cell: (o) => `${o.discountPct.toString()}%` },
  { key: "closeDate", header: "Close date", sortable: true, cell: (o) => formatDate(o.closeDate) },
];

export default async function OpportunitiesPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await requirePageUser();
  if (!roleCan(user.role, "opportunities.read.own") && !roleCan(user.role, "opportunities.read.all")) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const params = listParams(await searchParams, OPPORTUNITY_SORTS, { sort: "closeDate", dir: "asc" });
  const stageParam = params.one("stage");
  const stage = stageParam && stageParam in OpportunityStage ? (stageParam as OpportunityStage) : undefined;
  const { rows, total } = await listOpportunities(user, { page: params.page, sort: params.sort, dir: params.dir, stage });
  return (
    <>
      <PageHeader title={user.role === "REP" ? "My opportunities" : "Opportunities"} description="Exception requests start from an opportunity once the deal-desk feature lands." />
      <form method="get" className="mb-4 flex items-end gap-3" aria-label="Filter opportunities">
        <label className="flex flex-col text-sm">
          <span className="font-medium text-slate-700">Stage</span>
          <select name="stage" defaultValue={stage ?? ""} className="rounded-md border border-slate-300 px-3 py-2">
            <option value="">All stages</option>
            {Object.values(OpportunityStage).map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </label>
        <button className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-100">Apply</button>
      </form>
      {rows.length === 0 ? (
        <EmptyState title="No opportunities here" next={stage ? "Clear the stage filter to see every opportunity you may see." : "Opportunities appear once they are imported or created in your CRM sync."} />
      ) : (
        <>
          <DataTable caption="Opportunities" columns={COLUMNS} rows={rows} rowKey={(o) => o.id} query={params.query} sort={params.sort} dir={params.dir} basePath="/opportunities" />
          <Pagination basePath="/opportunities" query={params.query} page={params.page} pageSize={OPPORTUNITIES_PAGE_SIZE} total={total} />
        </>
      )}
    </>
  );
}
