// What each role sees in the navigation and where it lands after signing in.
// Visibility follows the permission table; pages still check permissions themselves.
import type { Role } from "@/lib/generated/prisma/enums";
import { roleCan, type TAction } from "@/lib/server/authz/permissions";

export type TNavItem = { href: string; label: string; permission: TAction };

const NAV: (TNavItem & { labelFor?: Partial<Record<Role, string>> })[] = [
  { href: "/leads", label: "Leads", permission: "leads.read.own", labelFor: { REP: "My leads", SALES_MANAGER: "Team leads" } },
  { href: "/leads", label: "Leads", permission: "leads.read.all" },
  { href: "/opportunities", label: "Opportunities", permission: "opportunities.read.own", labelFor: { REP: "My opportunities" } },
  { href: "/opportunities", label: "Opportunities", permission: "opportunities.read.all" },
  { href: "/requests", label: "My requests", permission: "exceptions.submit" },
  { href: "/approvals", label: "Approvals", permission: "approvals.decide" },
  { href: "/exceptions", label: "Exception archive", permission: "exceptions.read.all" },
  { href: "/inbox", label: "Inbox", permission: "app.use" },
  { href: "/policies", label: "Policies", permission: "policies.read" },
  { href: "/dashboards", label: "Dashboards", permission: "dashboards.read" },
  { href: "/capacity", label: "Capacity planner", permission: "dashboards.read" },
  { href: "/audit", label: "Decision log", permission: "decisions.read" },
  { href: "/imports", label: "Imports", permission: "imports.run" },
  { href: "/admin/users", label: "Users", permission: "users.manage" },
  { href: "/admin/webhooks", label: "Webhooks", permission: "webhooks.manage" },
];

export function navFor(role: Role): TNavItem[] {
  const seen = new Set<string>();
  const items: TNavItem[] = [];
  for (const item of NAV) {
    if (seen.has(item.href) || !roleCan(role, item.permission)) continue;
    seen.add(item.href);
    items.push({ href: item.href, label: item.labelFor?.[role] ?? item.label, permission: item.permission });
  }
  return items;
}

export const ROLE_HOME: Record<Role, string> = {
  REP: "/leads",
  SALES_MANAGER: "/approvals",
  VP_SALES: "/approvals",
  DEAL_DESK: "/approvals",
  FINANCE: "/approvals",
  LEGAL: "/approvals",
  REVOPS: "/policies",
  EXEC: "/dashboards",
  ADMIN: "/admin/users",
};
