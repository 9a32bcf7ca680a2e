import type { Metadata } from "next";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { UserActiveToggle } from "@/components/admin/user-active-toggle";
import { AccessDenied } from "@/components/shell/access-denied";
import { Badge } from "@/components/ui/badge";
import { DataTable, Pagination, type TColumn } from "@/components/ui/data-table";
import { FilterForm, SearchFilter } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { ROLE_LABELS } from "@/lib/schemas/users";
import { pageAccess } from "@/lib/server/page-auth";
import { listParams, type TSearchParams } from "@/lib/server/queries/list-params";
import { listUsers, USER_SORTS, USERS_PAGE_SIZE } from "@/lib/server/queries/list-users";

export const metadata: Metadata = { title: "Users" };

type TRow = Awaited<ReturnType<typeof listUsers>>["rows"][number];

export default async function UsersPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const { user, denied } = await pageAccess("users.manage", "/admin/users");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const params = listParams(await searchParams, USER_SORTS, { sort: "name", dir: "asc" });
  const q = params.one("q")?.trim() || undefined;
  const { rows, total } = await listUsers({ page: params.page, sort: params.sort, dir: params.dir, q });
  const columns: TColumn<TRow>[] = [
    { key: "name", header: "Name", sortable: true, cell: (u) => <span className="font-medium">{u.name}</span> },
    { key: "email", header: "E-mail", sortable: true, cell: (u) => u.email },
    { key: "role", header: "Role", sortable: true, cell: (u) => ROLE_LABELS[u.role] },
    { key: "team", header: "Team / manager", cell: (u) => [u.team?.name, u.manager?.name].filter(Boolean).join(" · ") || "—" },
    { key: "lastLoginAt", header: "Last sign-in", sortable: true, cell: (u) => formatDateTime(u.lastLoginAt, user.timezone) },
    { key: "status", header: "Status", cell: (u) => <Badge tone={u.active ? "good" : "neutral"}>{u.active ? "Active" : "Deactivated"}</Badge> },
    { key: "actions", header: "Actions", align: "right", cell: (u) => (u.id === user.id ? <span className="text-xs text-slate-500">you</span> : <UserActiveToggle userId={u.id} name={u.name} active={u.active} />) },
  ];
  return (
    <>
      <PageHeader title="Users" description="Who can sign in, with which role. Deactivating someone ends their sessions at once." />
      <div className="mb-6">
        <CreateUserForm />
      </div>
      <FilterForm label="Search users" submitLabel="Search">
        <SearchFilter label="Search" value={q} placeholder="Name or e-mail" />
      </FilterForm>
      <DataTable caption="Users" columns={columns} rows={rows} rowKey={(u) => u.id} query={params.query} sort={params.sort} dir={params.dir} basePath="/admin/users" />
      <Pagination basePath="/admin/users" query={params.query} page={params.page} pageSize={USERS_PAGE_SIZE} total={total} />
    </>
  );
}
