import { roleCan } from "@/lib/server/authz/permissions";

/** Tabs of the SLA section a role may open. */
export function slaTabsFor(role: string) {
  return [
    { href: "/sla", label: "Board" },
    ...(roleCan(role, "sla.read.all") || roleCan(role, "sla.read.team") ? [{ href: "/sla/attainment", label: "Attainment" }] : []),
    ...(roleCan(role, "policies.edit") ? [{ href: "/sla/calendars", label: "Calendars" }, { href: "/sla/clocks-policy", label: "Clock settings" }] : []),
  ];
}
