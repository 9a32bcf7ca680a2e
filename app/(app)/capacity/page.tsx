import type { Metadata } from "next";
import { CapacityPlanner } from "@/components/capacity/capacity-planner";
import { AccessDenied } from "@/components/shell/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { pageAccess } from "@/lib/server/page-auth";

export const metadata: Metadata = { title: "Capacity planner" };

export default async function CapacityPage() {
  const { user, denied } = await pageAccess("dashboards.read", "/capacity");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  return (
    <>
      <PageHeader
        title="Capacity planner"
        description="Will this shift answer leads within the SLA? An Erlang C queue model of arrivals, reps on shift and handling time. Also available as POST /api/v1/sla/capacity."
      />
      <CapacityPlanner />
    </>
  );
}
