import type { Metadata } from "next";
import { CalendarEditor } from "@/components/sla/calendar-editor";
import { SlaTabs } from "@/components/sla/sla-tabs";
import { slaTabsFor } from "@/components/sla/sla-tab-list";
import { AccessDenied } from "@/components/shell/access-denied";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { holidayCountries } from "@/lib/engine/sla/holidays";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { pageAccess } from "@/lib/server/page-auth";
import { databaseToday } from "@/lib/server/queries/sla-attainment";
import { slaCalendarEditorState } from "@/lib/server/queries/sla-calendar-editor";

export const metadata: Metadata = { title: "SLA calendars" };

export default async function SlaCalendarsPage() {
  const { user, denied } = await pageAccess("policies.edit", "/sla/calendars");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  const [state, today] = await Promise.all([slaCalendarEditorState(), databaseToday()]);
  return (
    <>
      <PageHeader
        title="SLA calendars"
        description="Business calendars decide when SLA clocks run: a time zone, working hours per weekday (split and overnight hours allowed) and holidays. Each region's clocks use its region's calendar; owner calendars take the owner's hours and their region's holidays."
      />
      <SlaTabs current="/sla/calendars" tabs={slaTabsFor(user.role)} />
      {state === null ? (
        <EmptyState title="No SLA policy yet" next="Create an SLA policy draft first (POST /api/v1/policies/sla); its calendars can then be edited here." />
      ) : (
        <CalendarEditor
          baseVersionId={state.baseVersionId}
          baseLabel={`${state.status === "DRAFT" ? "draft" : state.status.toLowerCase()} version ${state.version} (${state.name})`}
          initial={{ calendars: state.calendars, defaultCalendarId: state.defaultCalendarId }}
          countries={holidayCountries()}
          defaultYear={Number(today.slice(0, 4)) + 1}
        />
      )}
    </>
  );
}
