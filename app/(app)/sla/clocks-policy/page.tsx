import type { Metadata } from "next";
import { ClockPolicyEditor } from "@/components/sla/clock-policy-editor";
import { SlaTabs } from "@/components/sla/sla-tabs";
import { slaTabsFor } from "@/components/sla/sla-tab-list";
import { AccessDenied } from "@/components/shell/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { pageAccess } from "@/lib/server/page-auth";
import { slaClockEditorState } from "@/lib/server/queries/sla-clock-editor";

export const metadata: Metadata = { title: "SLA clock settings" };

export default async function SlaClockPolicyPage() {
  const { user, denied } = await pageAccess("policies.edit", "/sla/clocks-policy");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const state = await slaClockEditorState();
  return (
    <>
      <PageHeader
        title="SLA clock settings"
        description="How long each SLA clock runs, on which calendar, when it warns, who is told at breach and after, and when leadership is alerted."
      />
      <SlaTabs current="/sla/clocks-policy" tabs={slaTabsFor(user.role)} />
      {state === null ? (
        <EmptyState title="No SLA policy yet" next="Create an SLA policy draft first (POST /api/v1/policies/sla); its clocks can then be edited here." />
      ) : (
        <ClockPolicyEditor
          baseVersionId={state.baseVersionId}
          baseLabel={`${state.status === "DRAFT" ? "draft" : state.status.toLowerCase()} version ${state.version} (${state.name})`}
          initial={{ clocks: state.clocks }}
        />
      )}
    </>
  );
}
