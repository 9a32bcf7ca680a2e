import type { Metadata } from "next";
import { NotificationPreferencesForm } from "@/components/settings/notification-preferences-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/server/page-auth";
import { loadNotificationPreferences } from "@/lib/server/notifications/preferences";

export const metadata: Metadata = { title: "E-mail notifications" };

export default async function NotificationSettingsPage() {
  const user = await requirePageUser();
  const rows = await loadNotificationPreferences(user.id);
  return (
    <>
      <PageHeader
        title="E-mail notifications"
        description={`Everything still appears in your inbox. Choose which notifications also reach ${user.email}: at once, in one daily digest (07:00 UTC), or not by e-mail.`}
      />
      <NotificationPreferencesForm rows={rows} />
    </>
  );
}
