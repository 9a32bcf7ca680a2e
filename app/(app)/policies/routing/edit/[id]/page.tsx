import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PolicyLintList } from "@/components/policies/policy-lint-list";
import { PublishPolicyForm } from "@/components/policies/publish-policy-form";
import { MatrixEditor } from "@/components/routing/matrix-editor";
import { NewRoutingDraftButton } from "@/components/routing/new-draft-button";
import { AccessDenied } from "@/components/shell/access-denied";
import { Badge } from "@/components/ui/badge";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { humanize } from "@/lib/format";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { parsePolicyBody } from "@/lib/schemas/policies";
import { roleCan } from "@/lib/server/authz/permissions";
import { lintPolicyBody } from "@/lib/server/commands/lint-policy-version";
import { db } from "@/lib/server/db";
import { pageAccess } from "@/lib/server/page-auth";
import { routingEditorOptions } from "@/lib/server/queries/routing-editor-options";

export const metadata: Metadata = { title: "Routing matrix editor" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function RoutingEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, denied } = await pageAccess("policies.edit", "/policies/routing/edit/[id]");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const version = await db().policyVersion.findUnique({ where: { id }, select: { id: true, kind: true, version: true, status: true, name: true, body: true } });
  if (!version || version.kind !== "ROUTING") notFound();
  const parsed = parsePolicyBody("ROUTING", version.body);
  const header = (
    <PageHeader
      title={`Routing matrix v${version.version}`}
      description="Rows are tried top to bottom; the first row whose conditions all hold and whose action can assign routes the lead. Drag rows or use Alt+↑/↓ to reorder."
    />
  );
  if (version.status !== "DRAFT" || !parsed.success) {
    return (
      <>
        {header}
        <Notice tone="warning" title={`Version ${version.version} is ${humanize(version.status).toLowerCase()}`}>
          {parsed.success ? "Published and archived versions never change. Start a new draft from the published matrix to make a change." : "This version's body does not parse, so it cannot be edited here."}
        </Notice>
        <div className="mt-4 flex gap-3">
          <NewRoutingDraftButton />
          <Link href="/policies/routing" className="self-center text-sm font-medium text-brand-700 underline">
            All routing versions
          </Link>
        </div>
      </>
    );
  }
  const [options, lint] = await Promise.all([routingEditorOptions(parsed.data), lintPolicyBody(db(), "ROUTING", parsed.data)]);
  return (
    <>
      {header}
      <div className="mb-4 flex flex-wrap items-center gap-3 text-sm">
        <Badge tone="warn">Draft</Badge>
        <span>{version.name}</span>
        <Link href="/policies/routing" className="font-medium text-brand-700 underline">
          All routing versions
        </Link>
        <Link href="/policies/routing/pools" className="font-medium text-brand-700 underline">
          Pool status
        </Link>
      </div>
      <MatrixEditor versionId={version.id} version={version.version} name={version.name} body={parsed.data} users={options.users} teams={options.teams} columnOptions={options.columnOptions} />
      <section aria-labelledby="pools-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="pools-heading" className="font-semibold">
          Pools in this matrix
        </h2>
        {parsed.data.pools.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">No pools. Import a matrix with pools (JSON) to route by round-robin.</p>
        ) : (
          <ul className="mt-2 flex flex-col gap-1 text-sm">
            {parsed.data.pools.map((p) => (
              <li key={p.id}>
                <span className="font-medium">{p.name}</span> ({p.id}): {p.members.length} member{p.members.length === 1 ? "" : "s"}
                {p.requiredSkills.length > 0 ? `, needs ${p.requiredSkills.join(", ")}` : ""}
                {p.catchUpAfterAbsence ? ", catches up after absence" : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="publish-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="publish-heading" className="font-semibold">
          Publish the saved draft
        </h2>
        <PolicyLintList lint={lint} versionId={version.id} />
        {roleCan(user.role, "policies.publish") ? (
          <PublishPolicyForm versionId={version.id} kind="ROUTING" blockedReason={lint.ok ? undefined : "Fix the lint errors above (and save) before publishing."} />
        ) : null}
      </section>
    </>
  );
}
