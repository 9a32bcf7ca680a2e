import type { Metadata } from "next";
import { AccessDenied } from "@/components/shell/access-denied";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { formatMoney, humanize } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { pageAccess } from "@/lib/server/page-auth";
import { readOverviewCounts } from "@/lib/server/queries/read-overview-counts";

export const metadata: Metadata = { title: "Dashboards" };

export default async function DashboardsPage() {
  const { user, denied } = await pageAccess("dashboards.read", "/dashboards");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const counts = await readOverviewCounts();
  return (
    <>
      <PageHeader title="Dashboards" description="Live counts from the database." />
      <div className="mb-6">
        <Notice>The marketing, sales and executive dashboards (trends, conversion, velocity, filters and CSV export) arrive with the dashboards feature. These are today&apos;s raw totals.</Notice>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="leads-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="leads-title" className="mb-2 font-semibold">
            Leads by lifecycle stage
          </h2>
          <table className="w-full text-sm">
            <tbody>
              {counts.leadsByStage.map((r) => (
                <tr key={r.stage} className="border-t border-slate-100">
                  <th scope="row" className="py-1 text-left font-normal">
                    {humanize(r.stage)}
                  </th>
                  <td className="py-1 text-right tabular-nums">{r.count.toLocaleString("en")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="pipeline-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="pipeline-title" className="mb-2 font-semibold">
            Pipeline by stage
          </h2>
          <table className="w-full text-sm">
            <tbody>
              {counts.pipelineByStage.map((r) => (
                <tr key={r.stage} className="border-t border-slate-100">
                  <th scope="row" className="py-1 text-left font-normal">
                    {humanize(r.stage)}
                  </th>
                  <td className="py-1 text-right tabular-nums">{r.count.toLocaleString("en")}</td>
                  <td className="py-1 text-right tabular-nums">{formatMoney(r.amount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="mt-3 text-sm text-slate-600">{counts.pendingRequests} exception request(s) pending.</p>
        </section>
      </div>
    </>
  );
}
