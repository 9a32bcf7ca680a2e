import type { Metadata } from "next";
import Link from "next/link";
import { AccessDenied } from "@/components/shell/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { formatDate, humanize } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { POLICY_KIND_LABELS, POLICY_KINDS } from "@/lib/schemas/policy-inputs";
import { pageAccess } from "@/lib/server/page-auth";
import { activePolicySummaries } from "@/lib/server/queries/list-policy-versions";

export const metadata: Metadata = { title: "Policies" };

export default async function PoliciesPage() {
  const { user, denied } = await pageAccess("policies.read", "/policies");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const active = await activePolicySummaries();
  const byKind = new Map(active.map((p) => [p.kind, p]));
  return (
    <>
      <PageHeader title="Policies" description="Every rule Arbiter enforces, as versioned data. One version of each kind is active; every decision names the version it used." />
      <ul className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        {POLICY_KINDS.map((kind) => {
          const p = byKind.get(kind);
          return (
            <li key={kind} className="rounded-lg border border-slate-200 bg-white p-4">
              <h2 className="font-semibold">
                <Link href={`/policies/${kind.toLowerCase()}`} className="text-brand-700 hover:underline">
                  {POLICY_KIND_LABELS[kind]}
                </Link>
              </h2>
              {p ? (
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-slate-500">Active</dt>
                  <dd>
                    v{p.version} · {p.name}
                  </dd>
                  <dt className="text-slate-500">Published</dt>
                  <dd>
                    {formatDate(p.publishedAt)} by {p.publishedBy?.name ?? "—"}
                  </dd>
                  <dt className="text-slate-500">Serves</dt>
                  <dd>{p.kpi ? humanize(p.kpi) : "—"}</dd>
                  <dt className="text-slate-500">Review by</dt>
                  <dd>{formatDate(p.reviewBy)}</dd>
                </dl>
              ) : (
                <p className="mt-2 text-sm text-amber-800">No published version. RevOps must publish one before this rule is enforced.</p>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
