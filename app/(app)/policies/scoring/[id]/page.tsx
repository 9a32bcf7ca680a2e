import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyVersionButton } from "@/components/scoring/copy-version-button";
import { RefreshWhileRunning, RescoreProgress } from "@/components/scoring/rescore-progress";
import { ScoringModelForm } from "@/components/scoring/scoring-model-form";
import { AccessDenied } from "@/components/shell/access-denied";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { policyToForm } from "@/lib/engine/scoring/form";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { parsePolicyBody } from "@/lib/schemas/policies";
import { roleCan } from "@/lib/server/authz/permissions";
import { db } from "@/lib/server/db";
import { pageAccess } from "@/lib/server/page-auth";
import { rescoreProgressByVersion } from "@/lib/server/scoring/rescore-progress";
import { sampleLeads } from "@/lib/server/scoring/sample-leads";

export const metadata: Metadata = { title: "Scoring model editor" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ScoringEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { user, denied } = await pageAccess("policies.edit", "/policies/scoring/[id]");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const version = await db().policyVersion.findFirst({ where: { id, kind: "SCORING" }, select: { id: true, version: true, name: true, status: true, body: true } });
  if (!version) notFound();
  const back = (
    <Link href="/policies/scoring" className="text-sm font-medium text-brand-700 underline">
      All scoring versions
    </Link>
  );
  if (version.status !== "DRAFT") {
    // Right after publishing from the editor, this is where RevOps lands: show the rescoring it started.
    const run = (await rescoreProgressByVersion([version.id])).get(version.id);
    return (
      <>
        <RefreshWhileRunning active={run?.status === "QUEUED" || run?.status === "RUNNING"} />
        <PageHeader title={`Scoring model v${version.version} · ${version.name}`} actions={back} />
        <Notice title={`Version ${version.version} is ${version.status.toLowerCase()}`}>
          Published and archived versions are never edited, so every past decision can name the exact model it used. Start a new draft from it instead.
        </Notice>
        {run ? <RescoreProgress run={run} /> : null}
        <div className="mt-4">
          <CopyVersionButton versionId={version.id} version={version.version} />
        </div>
      </>
    );
  }
  const parsed = parsePolicyBody("SCORING", version.body);
  if (!parsed.success) {
    return (
      <>
        <PageHeader title={`Scoring model v${version.version} · ${version.name}`} actions={back} />
        <Notice tone="error">This draft&apos;s stored body is not a valid scoring model ({parsed.error.issues[0]?.message}). Start a new draft from the published version instead.</Notice>
      </>
    );
  }
  const samples = await sampleLeads();
  return (
    <>
      <PageHeader
        title={`Edit scoring draft v${version.version}`}
        description="Change rules, points and thresholds; every change is checked as you type and the sample lead's score on the right follows it. Save, backtest, then publish with a change note."
        actions={back}
      />
      <ScoringModelForm initial={policyToForm(parsed.data)} name={version.name} samples={samples} mode={{ kind: "edit", versionId: version.id, version: version.version, mayPublish: roleCan(user.role, "policies.publish") }} />
    </>
  );
}
