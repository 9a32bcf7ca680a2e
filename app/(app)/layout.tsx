import { AppShell } from "@/components/shell/app-shell";
import { requirePageUser } from "@/lib/server/page-auth";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await requirePageUser();
  return <AppShell user={user}>{children}</AppShell>;
}
