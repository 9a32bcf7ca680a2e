// Permissions as data: role → the actions it may take. An action missing from a role's
// list is denied, and so is any action name this table does not know. Record-level rules
// (own team, own request) are checked by the command for the record it touches.
import type { Role } from "@/lib/generated/prisma/enums";

export const ACTIONS = [
  "app.use",
  "leads.read.own",
  "leads.read.team",
  "leads.read.all",
  "leads.create",
  "leads.reassign",
  "opportunities.read.own",
  "opportunities.read.all",
  "opportunities.stage.change",
  "exceptions.submit",
  "exceptions.read.all",
  "approvals.decide",
  "policies.read",
  "policies.edit",
  "policies.publish",
  "dashboards.read",
  "decisions.read",
  "decisions.verify",
  "users.read",
  "users.manage",
  "webhooks.manage",
  "apikeys.manage.own",
  "sla.clocks.manage",
  "sla.read.own",
  "sla.read.team",
  "sla.read.all",
  "imports.run",
] as const;

export type TAction = (typeof ACTIONS)[number];

const EVERYONE: TAction[] = ["app.use", "policies.read", "apikeys.manage.own"];
const APPROVER: TAction[] = [...EVERYONE, "approvals.decide", "opportunities.read.all", "exceptions.read.all", "dashboards.read"];

export const ROLE_PERMISSIONS: Record<Role, readonly TAction[]> = {
  REP: [...EVERYONE, "leads.read.own", "leads.create", "opportunities.read.own", "opportunities.stage.change", "exceptions.submit", "sla.read.own"],
  SALES_MANAGER: [...APPROVER, "leads.read.own", "leads.read.team", "leads.reassign", "opportunities.read.own", "opportunities.stage.change", "exceptions.submit", "sla.clocks.manage", "sla.read.team"],
  VP_SALES: [...APPROVER, "leads.read.all", "sla.read.all"],
  DEAL_DESK: [...APPROVER, "decisions.read", "opportunities.stage.change"],
  FINANCE: APPROVER,
  LEGAL: APPROVER,
  REVOPS: [
    ...EVERYONE,
    "leads.read.all",
    "leads.create",
    "leads.reassign",
    "opportunities.read.all",
    "opportunities.stage.change",
    "exceptions.read.all",
    "policies.edit",
    "policies.publish",
    "dashboards.read",
    "decisions.read",
    "decisions.verify",
    "users.read",
    "sla.clocks.manage",
    "sla.read.all",
    "imports.run",
  ],
  EXEC: [...EVERYONE, "leads.read.all", "opportunities.read.all", "exceptions.read.all", "dashboards.read", "decisions.read", "users.read", "sla.read.all"],
  ADMIN: [...EVERYONE, "users.read", "users.manage", "webhooks.manage", "decisions.read", "decisions.verify", "imports.run", "sla.read.all"],
};

const lookup: Record<string, ReadonlySet<string>> = Object.fromEntries(
  Object.entries(ROLE_PERMISSIONS).map(([role, actions]) => [role, new Set<string>(actions)]),
);

export function roleCan(role: string, action: string): boolean {
  return lookup[role]?.has(action) ?? false;
}
