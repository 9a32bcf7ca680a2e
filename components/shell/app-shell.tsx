import Link from "next/link";
import type { ReactNode } from "react";
import { ROLE_LABELS } from "@/lib/schemas/users";
import { navFor, ROLE_HOME } from "@/lib/navigation/role-nav";
import type { TSessionUser } from "@/lib/server/auth/session-user";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";

export function AppShell({ user, unread, children }: { user: TSessionUser; unread: number; children: ReactNode }) {
  const items = navFor(user.role);
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:m-2 focus:rounded focus:bg-white focus:p-2">
        Skip to content
      </a>
      <aside className="border-b border-slate-200 bg-slate-100 md:w-60 md:border-b-0 md:border-r">
        <div className="flex items-center justify-between px-4 py-4">
          <Link href={ROLE_HOME[user.role]} className="text-lg font-bold tracking-tight text-brand-900">
            Arbiter
          </Link>
        </div>
        <nav aria-label="Main" className="px-2 pb-4">
          <ul className="flex flex-wrap gap-1 md:flex-col">
            {items.map((item) => (
              <li key={item.href}>
                <NavLink href={item.href} label={item.label} badge={item.href === "/inbox" ? unread : undefined} />
              </li>
            ))}
          </ul>
        </nav>
        <div className="border-t border-slate-200 px-4 py-3 text-sm">
          <p className="font-medium" data-testid="current-user">
            {user.name}
          </p>
          <p className="text-slate-600">{ROLE_LABELS[user.role]}</p>
          <Link href="/settings/notifications" className="text-brand-700 hover:underline">
            E-mail settings
          </Link>
          <SignOutButton />
        </div>
      </aside>
      <main id="main" className="flex-1 px-4 py-6 md:px-8">
        {children}
      </main>
    </div>
  );
}
