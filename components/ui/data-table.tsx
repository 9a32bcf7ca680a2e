import Link from "next/link";
import type { ReactNode } from "react";

export type TColumn<T> = { key: string; header: string; sortable?: boolean; align?: "left" | "right"; cell: (row: T) => ReactNode };

type TProps<T> = {
  caption: string;
  columns: TColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Current query string values, kept when sort or page links change one of them. */
  query: Record<string, string | undefined>;
  sort?: string;
  dir?: "asc" | "desc";
  basePath: string;
};

export function hrefWith(basePath: string, query: Record<string, string | undefined>, changes: Record<string, string | undefined>) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, ...changes })) if (v !== undefined && v !== "") params.set(k, v);
  const qs = params.toString();
  return qs ? `${basePath}?${qs}` : basePath;
}

/** A server-rendered table whose sort headers are links: works with the keyboard and without JavaScript. */
export function DataTable<T>({ caption, columns, rows, rowKey, query, sort, dir, basePath }: TProps<T>) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50">
          <tr>
            {columns.map((c) => {
              const active = sort === c.key;
              const nextDir = active && dir === "asc" ? "desc" : "asc";
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
                  className={`px-3 py-2 font-semibold text-slate-700 ${c.align === "right" ? "text-right" : "text-left"}`}
                >
                  {c.sortable ? (
                    <Link className="hover:underline" href={hrefWith(basePath, query, { sort: c.key, dir: nextDir, page: undefined })}>
                      {c.header}
                      <span aria-hidden="true">{active ? (dir === "asc" ? " ▲" : " ▼") : ""}</span>
                    </Link>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={rowKey(row)} className="hover:bg-slate-50">
              {columns.map((c) => (
                <td key={c.key} className={`px-3 py-2 ${c.align === "right" ? "text-right tabular-nums" : ""}`}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Pagination({ basePath, query, page, pageSize, total }: { basePath: string; query: Record<string, string | undefined>; page: number; pageSize: number; total: number }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <nav aria-label="Pagination" className="mt-3 flex items-center justify-between text-sm text-slate-600">
      <p>
        {from}–{to} of {total.toLocaleString("en")}
      </p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100" href={hrefWith(basePath, query, { page: String(page - 1) })}>
            Previous
          </Link>
        ) : null}
        <span aria-current="page" className="px-2 py-1">
          Page {page} of {pages}
        </span>
        {page < pages ? (
          <Link className="rounded-md border border-slate-300 bg-white px-3 py-1 hover:bg-slate-100" href={hrefWith(basePath, query, { page: String(page + 1) })}>
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
