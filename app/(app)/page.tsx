import { redirect } from "next/navigation";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { requirePageUser } from "@/lib/server/page-auth";

export default async function Home() {
  const user = await requirePageUser();
  redirect(ROLE_HOME[user.role]);
}
