import type { Metadata } from "next";
import { ImportRunsTable } from "@/components/imports/import-runs-table";
import { ImportWizard } from "@/components/imports/import-wizard";
import { AccessDenied } from "@/components/shell/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { Pagination } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { listImportMappings, listImportRuns } from "@/lib/server/import/import-queries";
import { pageAccess } from "@/lib/server/page-auth";
import { listParams, type TSearchParams } from "@/lib/server/queries/list-params";

export const metadata: Metadata = { title: "Imports" };

const PAGE_SIZE = 20;

export default async function ImportsPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const { user, denied } = await pageAccess("imports.run", "/imports");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const params = listParams(await searchParams, ["createdAt", "kind", "status"] as const, { sort: "createdAt", dir: "desc" });
  const [runs, mappings] = await Promise.all([listImportRuns({ page: params.page, pageSize: PAGE_SIZE, sort: params.sort, dir: params.dir }), listImportMappings()]);
  return (
    <>
      <PageHeader
        title="Imports"
        description="Bring leads, accounts and opportunities in from a CSV export (UTF-8). Check the suggested column mapping, run a dry run to see every row-level problem without writing anything, then import in the background. Leads go through the same intake as the form and API; history with an outcome column is kept out of routing."
      />
      <section aria-labelledby="new-import" className="mb-8">
        <h2 id="new-import" className="mb-3 text-lg font-semibold">
          New import
        </h2>
        <ImportWizard mappings={mappings} />
      </section>
      <section aria-labelledby="past-imports">
        <h2 id="past-imports" className="mb-3 text-lg font-semibold">
          Past imports
        </h2>
        {runs.total === 0 ? (
          <EmptyState title="No imports yet" next="Upload a CSV above: start with accounts, then opportunities, so deals find their accounts." />
        ) : (
          <>
            <ImportRunsTable rows={runs.rows} query={params.query} sort={params.sort} dir={params.dir} timezone={user.timezone} />
            <Pagination basePath="/imports" query={params.query} page={params.page} pageSize={PAGE_SIZE} total={runs.total} />
          </>
        )}
      </section>
    </>
  );
}
