import { describe, expect, it } from "vitest";
import { ROLES } from "@/lib/schemas/users";
import { roleCan } from "@/lib/server/authz/permissions";
import { navFor, ROLE_HOME } from "./role-nav";

describe("role navigation", () => {
  it("gives every role a home it can open", () => {
    for (const role of ROLES) {
      const items = navFor(role);
      const home = items.find((i) => i.href === ROLE_HOME[role]);
      expect(home, `${role} home ${ROLE_HOME[role]}`).toBeDefined();
      expect(roleCan(role, home!.permission)).toBe(true);
    }
  });

  it("shows reps their own work and no admin pages", () => {
    const hrefs = navFor("REP").map((i) => i.href);
    expect(hrefs).toEqual(expect.arrayContaining(["/leads", "/requests"]));
    expect(hrefs).not.toContain("/admin/users");
    expect(navFor("REP").find((i) => i.href === "/leads")?.label).toBe("My leads");
  });

  it("lists each page once", () => {
    for (const role of ROLES) {
      const hrefs = navFor(role).map((i) => i.href);
      expect(new Set(hrefs).size).toBe(hrefs.length);
    }
  });
});
