import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PolicyLintList } from "@/components/policies/policy-lint-list";
import { PublishPolicyForm } from "@/components/policies/publish-policy-form";
import { RoutingVersionLinks } from "@/components/routing/routing-version-links";
import { AccessDenied } from "@/components/shell/access-denied";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, humanize } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { POLICY_KIND_LABELS, ZPolicyKind } from "@/lib/schemas/policy-inputs";
import { roleCan } from "@/lib/server/authz/permissions";
import { lintPolicyBody } from "@/lib/server/commands/lint-policy-version";
import { db } from "@/lib/server/db";
import { pageAccess } from "@/lib/server/page-auth";
import { listPolicyVersions } from "@/lib/server/queries/list-policy-versions";

export const metadata: Metadata = { title: "Policy versions" };

export default async function PolicyKindPage({ params }: { params: Promise<{ kind: string }> }) {
  const { user, denied } = await pageAccess("policies.read", "/policies/[kind]");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const parsed = ZPolicyKind.safeParse((await params).kind);
  if (!parsed.success) notFound();
  const kind = parsed.data;
  const versions = await listPolicyVersions(kind, { includeBody: true });
  const mayPublish = roleCan(user.role, "policies.publish");
  // Lint only drafts: published and archived versions can no longer change.
  const lints = new Map(await Promise.all(versions.filter((v) => v.status === "DRAFT").map(async (v) => [v.id, await lintPolicyBody(db(), kind, v.body)] as const)));
  return (
    <>
      <PageHeader title={POLICY_KIND_LABELS[kind]} description="All versions, newest first. Published versions are never edited; a change is a new version." />
      {kind === "ROUTING" ? <RoutingVersionLinks canEdit={roleCan(user.role, "policies.edit")} /> : null}
      {versions.length === 0 ? (
        <EmptyState title="No versions yet" next="RevOps creates a draft (the editor arrives with this policy's feature; drafts can be created through POST /api/v1/policies/{kind} today)." />
      ) : (
        <ol className="flex flex-col gap-4">
          {versions.map((v) => (
            <li key={v.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center gap-2">
                <h2 className="font-semibold">
                  v{v.version} · {v.name}
                </h2>
                <Badge tone={v.status === "PUBLISHED" ? "good" : v.status === "DRAFT" ? "warn" : "neutral"}>{humanize(v.status)}</Badge>
                <a href={`/policies/export/${v.id}`} download className="ml-auto text-sm font-medium text-brand-700 underline" aria-label={`Download version ${v.version} as JSON`}>
                  Download JSON
                </a>
              </div>
              <p className="mt-1 text-sm text-slate-600">
                Created {formatDateTime(v.createdAt, user.timezone)} by {v.author?.name ?? "system"}
                {v.publishedAt ? ` · published ${formatDateTime(v.publishedAt, user.timezone)} by ${v.publishedBy?.name ?? "—"}` : ""}
                {v.kpi ? ` · serves ${humanize(v.kpi)}` : ""}
              </p>
              {v.changeNote ? <p className="mt-1 text-sm">“{v.changeNote}”</p> : null}
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-medium text-brand-700">Show the rule as data</summary>
                <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(v.body, null, 2)}</pre>
              </details>
              {kind === "ROUTING" && v.status === "DRAFT" && roleCan(user.role, "policies.edit") ? <RoutingVersionLinks canEdit draftId={v.id} /> : null}
              {lints.has(v.id) ? <PolicyLintList lint={lints.get(v.id)!} versionId={v.id} /> : null}
              {v.status === "DRAFT" && mayPublish ? (
                <PublishPolicyForm versionId={v.id} kind={kind} blockedReason={lints.get(v.id)?.ok === false ? "Fix the lint errors above before publishing." : undefined} />
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
