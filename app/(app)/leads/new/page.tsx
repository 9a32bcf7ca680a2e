import type { Metadata } from "next";
import { NewLeadForm } from "@/components/leads/new-lead-form";
import { AccessDenied } from "@/components/shell/access-denied";
import { PageHeader } from "@/components/ui/page-header";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { pageAccess } from "@/lib/server/page-auth";

export const metadata: Metadata = { title: "New lead" };

export default async function NewLeadPage() {
  const { user, denied } = await pageAccess("leads.create", "/leads/new");
  if (denied) return <AccessDenied home={ROLE_HOME[user.role]} />;
  return (
    <>
      <PageHeader title="New lead" description="The lead is matched to existing leads and accounts, scored with the active model and placed — you will see why on its page." />
      <NewLeadForm />
    </>
  );
}
