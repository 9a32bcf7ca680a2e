import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { ROLE_HOME } from "@/lib/navigation/role-nav";
import { currentUser } from "@/lib/server/auth/current-user";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const user = await currentUser();
  if (user) redirect(ROLE_HOME[user.role]);
  const { callbackUrl } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="text-2xl font-bold tracking-tight text-brand-900">Arbiter</h1>
        <p className="mb-6 mt-1 text-sm text-slate-600">Sign in to your rules of engagement.</p>
        <LoginForm callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
