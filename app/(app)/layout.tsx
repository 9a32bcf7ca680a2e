import { AppShell } from "@/components/shell/app-shell";
import { requirePageUser } from "@/lib/server/page-auth";
import { unreadCount } from "@/lib/server/queries/list-notifications";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  return (
    <AppShell user={user} unread={await unreadCount(user)}>
      {children}
    </AppShell>
  );
}
