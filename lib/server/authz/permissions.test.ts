import { describe, expect, it } from "vitest";
import { ACTIONS, ROLE_PERMISSIONS, roleCan } from "./permissions";

describe("permissions table", () => {
  it.each([
    ["REP", "leads.create", true],
    ["REP", "users.manage", false],
    ["REP", "policies.publish", false],
    ["REVOPS", "policies.publish", true],
    ["ADMIN", "users.manage", true],
    ["EXEC", "dashboards.read", true],
    ["EXEC", "policies.edit", false],
    ["SALES_MANAGER", "approvals.decide", true],
    ["FINANCE", "leads.create", false],
  ])("%s may %s: %s", (role, action, expected) => {
    expect(roleCan(role, action)).toBe(expected);
  });

  it("denies unknown actions and unknown roles", () => {
    expect(roleCan("ADMIN", "everything.delete")).toBe(false);
    expect(roleCan("GHOST", "app.use")).toBe(false);
    expect(roleCan("ADMIN", "")).toBe(false);
  });

  it("grants only actions the table declares", () => {
    for (const actions of Object.values(ROLE_PERMISSIONS)) {
      for (const action of actions) expect(ACTIONS).toContain(action);
    }
  });

  it("lets every role use the app", () => {
    for (const role of Object.keys(ROLE_PERMISSIONS)) expect(roleCan(role, "app.use")).toBe(true);
  });
});
