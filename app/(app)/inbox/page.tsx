import type { Metadata } from "next";
import Link from "next/link";
import { MarkReadButton } from "@/components/inbox/mark-read-button";
import { Pagination } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, SelectFilter } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, humanize } from "@/lib/format";
import { requirePageUser } from "@/lib/server/page-auth";
import { listParams, type TSearchParams } from "@/lib/server/queries/list-params";
import { INBOX_PAGE_SIZE, listInbox } from "@/lib/server/queries/list-notifications";

export const metadata: Metadata = { title: "Inbox" };

export default async function InboxPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await requirePageUser();
  const params = listParams(await searchParams, ["createdAt"] as const, { sort: "createdAt", dir: "desc" });
  const show = params.one("show") === "all" ? "all" : "unread";
  const kind = params.one("kind") || undefined;
  const { rows, total, kinds } = await listInbox(user, { page: params.page, unreadOnly: show === "unread", kind });
  return (
    <>
      <PageHeader title="Inbox" description="Assignments, SLA warnings, escalations and approvals that need you." actions={<MarkReadButton label="Mark all read" />} />
      <FilterForm label="Filter notifications">
        <SelectFilter label="Show" name="show" value={show === "all" ? "all" : ""} allLabel="Unread" options={[{ value: "all", label: "All" }]} />
        <SelectFilter label="Kind" name="kind" value={kind} allLabel="All kinds" options={kinds.map((k) => ({ value: k, label: humanize(k.replaceAll(".", " ")) }))} />
      </FilterForm>
      {rows.length === 0 ? (
        <EmptyState title={show === "unread" ? "You're all caught up" : "No notifications yet"} next="New assignments, SLA warnings and approval requests will appear here." />
      ) : (
        <>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
            {rows.map((n) => (
              <li key={n.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3 text-sm">
                <div>
                  <p className={n.readAt ? "text-slate-700" : "font-semibold"}>
                    {n.link ? (
                      <Link href={n.link} className="hover:underline">
                        {n.title}
                      </Link>
                    ) : (
                      n.title
                    )}
                  </p>
                  {n.body ? <p className="text-slate-600">{n.body}</p> : null}
                  <p className="text-xs text-slate-500">
                    {humanize(n.kind.replaceAll(".", " "))} · {formatDateTime(n.createdAt, user.timezone)}
                  </p>
                </div>
                {n.readAt ? null : <MarkReadButton id={n.id} label="Mark read" />}
              </li>
            ))}
          </ul>
          <Pagination basePath="/inbox" query={params.query} page={params.page} pageSize={INBOX_PAGE_SIZE} total={total} />
        </>
      )}
    </>
  );
}
