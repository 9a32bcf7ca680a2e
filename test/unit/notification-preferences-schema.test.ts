import { describe, expect, it } from "vitest";
import { ZNotificationPreferences } from "@/lib/schemas/notification-preferences";

describe("e-mail preferences input", () => {
  it("accepts known kinds with a valid choice", () => {
    expect(ZNotificationPreferences.safeParse({ preferences: [{ kind: "lead.assigned", email: "DIGEST" }, { kind: "sla.warning", email: "OFF" }] }).success).toBe(true);
  });

  it("refuses unknown kinds, unknown choices, the same kind twice and extra fields, with a message", () => {
    const refused = (input: unknown) => {
      const parsed = ZNotificationPreferences.safeParse(input);
      expect(parsed.success).toBe(false);
      return parsed.error!.issues.map((i) => i.message);
    };
    expect(refused({ preferences: [{ kind: "made.up", email: "OFF" }] })).toEqual(["Unknown notification kind"]);
    expect(refused({ preferences: [{ kind: "lead.assigned", email: "HOURLY" }] })).toEqual(["Choose one of IMMEDIATE, DIGEST, OFF"]);
    expect(refused({ preferences: [{ kind: "lead.assigned", email: "OFF" }, { kind: "lead.assigned", email: "DIGEST" }] })).toEqual(["Each kind once"]);
    expect(refused({ preferences: [], userId: "someone-else" }).length).toBe(1);
  });
});
