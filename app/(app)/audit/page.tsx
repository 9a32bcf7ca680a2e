import type { Metadata } from "next";
import { AnchorStatus } from "@/components/audit/anchor-status";
import { VerifyLogButton } from "@/components/audit/verify-log-button";
import { AccessDenied } from "@/components/shell/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { describeDecisionKind } from "@/lib/engine/audit/decision-kinds";
import { entryReasons } from "@/lib/engine/audit/entry-reasons";
import { formatDateTime } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { roleCan } from "@/lib/server/authz/permissions";
import { db } from "@/lib/server/db";
import { readRecentDecisions } from "@/lib/server/decision-log";
import { pageAccess } from "@/lib/server/page-auth";
import { readAnchorStatus } from "@/lib/server/queries/anchor-status";

export const metadata: Metadata = { title: "Decision log" };

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ before?: string }> }) {
  const { user, denied } = await pageAccess("decisions.read", "/audit");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const before = (await searchParams).before;
  const beforeId = before && /^\d+$/.test(before) ? BigInt(before) : undefined;
  const entries = await readRecentDecisions(db(), { limit: 50, beforeId });
  const actorIds = [...new Set(entries.map((e) => e.actorId).filter((id): id is string => Boolean(id)))];
  const actors = new Map((await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const last = entries[entries.length - 1];
  const mayVerify = roleCan(user.role, "decisions.verify");
  const anchors = mayVerify ? await readAnchorStatus(db()) : null;
  return (
    <>
      <PageHeader
        title="Decision log"
        description="Every decision Arbiter takes or records, newest first. Entries are hash-chained and the database refuses to change or delete them."
        actions={mayVerify ? <VerifyLogButton /> : undefined}
      />
      {anchors ? <AnchorStatus status={anchors} timezone={user.timezone} /> : null}
      {entries.length === 0 ? (
        <EmptyState title="No decisions recorded yet" next="Publishing a policy, creating a user or any routing and approval decision will appear here." />
      ) : (
        <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {entries.map((e) => (
            <li key={e.id.toString()} className="px-4 py-3 text-sm">
              <p>
                <span className="font-mono text-xs text-slate-500">#{e.id.toString()}</span> <span className="font-medium">{describeDecisionKind(e.kind)}</span>{" "}
                <span className="text-slate-600">
                  · {e.subjectType} {e.subjectId.length > 40 ? `${e.subjectId.slice(0, 40)}…` : e.subjectId} · {e.actorId ? (actors.get(e.actorId) ?? "unknown user") : "system"} ·{" "}
                  {formatDateTime(e.createdAt, user.timezone)}
                </span>
              </p>
              <ul className="mt-1 list-disc pl-5 text-slate-700">
                {entryReasons(e).map((r, i) => (
                  <li key={i}>{r}</li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
      {last && entries.length === 50 ? (
        <a className="mt-3 inline-block text-sm font-medium text-brand-700 underline" href={`/audit?before=${last.id.toString()}`}>
          Older entries
        </a>
      ) : null}
    </>
  );
}
