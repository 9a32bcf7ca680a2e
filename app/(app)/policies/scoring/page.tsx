import type { Metadata } from "next";
import Link from "next/link";
import { CopyVersionButton } from "@/components/scoring/copy-version-button";
import { RefreshWhileRunning, RescoreProgress } from "@/components/scoring/rescore-progress";
import { AccessDenied } from "@/components/shell/access-denied";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { formatDateTime, humanize } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { roleCan } from "@/lib/server/authz/permissions";
import { pageAccess } from "@/lib/server/page-auth";
import { listPolicyVersions } from "@/lib/server/queries/list-policy-versions";
import { rescoreProgressByVersion } from "@/lib/server/scoring/rescore-progress";

export const metadata: Metadata = { title: "Lead scoring" };

// The scoring policy's own versions page (it takes precedence over /policies/[kind] for
// "scoring"): the generic list plus the editor, backtest and calibration, and the progress of
// the rescoring each publish starts.
export default async function ScoringVersionsPage() {
  const { user, denied } = await pageAccess("policies.read", "/policies/scoring");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const versions = await listPolicyVersions("SCORING", { includeBody: true });
  const progress = await rescoreProgressByVersion(versions.map((v) => v.id));
  const mayEdit = roleCan(user.role, "policies.edit");
  const running = [...progress.values()].some((p) => p.status === "QUEUED" || p.status === "RUNNING");
  const published = versions.find((v) => v.status === "PUBLISHED");
  return (
    <>
      <RefreshWhileRunning active={running} />
      <PageHeader
        title="Lead scoring"
        description="All versions of the scoring model, newest first. Published versions are never edited: a change is a new draft, edited, backtested and published with a change note."
        actions={
          mayEdit ? (
            <div className="flex flex-wrap items-center gap-3 text-sm font-medium">
              <Link href="/scoring/backtest" className="text-brand-700 underline">
                Backtest
              </Link>
              <Link href="/scoring/calibrate" className="text-brand-700 underline">
                Calibrate from history
              </Link>
              {published ? <CopyVersionButton versionId={published.id} version={published.version} /> : null}
            </div>
          ) : null
        }
      />
      {versions.length === 0 ? (
        <EmptyState title="No scoring versions yet" next={mayEdit ? "Calibrate a model from leads with known outcomes, or create a draft through POST /api/v1/policies/scoring." : "RevOps creates and publishes the scoring model."} />
      ) : (
        <ol className="flex flex-col gap-4">
          {versions.map((v) => (
            <li key={v.id} aria-label={`Version ${v.version}`} className="rounded-lg border border-slate-200 bg-white p-4">
              <div className="flex flex-wrap items-center gap-2">
                <h2 className="font-semibold">
                  v{v.version} · {v.name}
                </h2>
                <Badge tone={v.status === "PUBLISHED" ? "good" : v.status === "DRAFT" ? "warn" : "neutral"}>{humanize(v.status)}</Badge>
                <span className="ml-auto flex flex-wrap gap-3 text-sm font-medium">
                  {mayEdit && v.status === "DRAFT" ? (
                    <Link href={`/policies/scoring/${v.id}`} className="text-brand-700 underline">
                      Edit and publish
                    </Link>
                  ) : null}
                  {mayEdit ? (
                    <Link href={`/scoring/backtest?versionId=${v.id}${published && published.id !== v.id ? `&compareVersionId=${published.id}` : ""}`} className="text-brand-700 underline">
                      Backtest
                    </Link>
                  ) : null}
                  <a href={`/policies/export/${v.id}`} download className="text-brand-700 underline" aria-label={`Download version ${v.version} as JSON`}>
                    Download JSON
                  </a>
                </span>
              </div>
              <p className="mt-1 text-sm text-slate-600">
                Created {formatDateTime(v.createdAt, user.timezone)} by {v.author?.name ?? "system"}
                {v.publishedAt ? ` · published ${formatDateTime(v.publishedAt, user.timezone)} by ${v.publishedBy?.name ?? "—"}` : ""}
              </p>
              {v.changeNote ? <p className="mt-1 text-sm">“{v.changeNote}”</p> : null}
              {progress.has(v.id) ? <RescoreProgress run={progress.get(v.id)!} /> : null}
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-medium text-brand-700">Show the model as data</summary>
                <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(v.body, null, 2)}</pre>
              </details>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
