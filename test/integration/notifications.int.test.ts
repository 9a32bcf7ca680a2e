import { describe, expect, it } from "vitest";
import { markNotificationsRead } from "@/lib/server/commands/mark-notifications-read";
import { db } from "@/lib/server/db";
import { notify } from "@/lib/server/notifications/notify";
import { listInbox, unreadCount } from "@/lib/server/queries/list-notifications";
import { makeUser } from "./fixtures/users";

describe("in-app inbox", () => {
  it("notifies once per dedupe key, lists newest first, filters and counts unread", async () => {
    const rep = await makeUser("REP");
    await db().$transaction((tx) =>
      notify(tx, [
        { userId: rep.id, kind: "lead.assigned", title: "New lead: Dana", link: "/leads", dedupeKey: "assign:1" },
        { userId: rep.id, kind: "sla.warning", title: "First touch due in 30 min", dedupeKey: "warn:1" },
      ]),
    );
    expect(await db().$transaction((tx) => notify(tx, [{ userId: rep.id, kind: "lead.assigned", title: "New lead: Dana", dedupeKey: "assign:1" }]))).toBe(0);
    expect(await unreadCount(rep)).toBe(2);
    const warnings = await listInbox(rep, { page: 1, unreadOnly: true, kind: "sla.warning" });
    expect(warnings.rows.map((n) => n.title)).toEqual(["First touch due in 30 min"]);
    expect(warnings.kinds).toEqual(["lead.assigned", "sla.warning"]);
  });

  it("rolls back with the decision that caused it", async () => {
    const rep = await makeUser("REP");
    await expect(
      db().$transaction(async (tx) => {
        await notify(tx, [{ userId: rep.id, kind: "lead.assigned", title: "Never sent" }]);
        throw new Error("routing failed");
      }),
    ).rejects.toThrow("routing failed");
    expect(await unreadCount(rep)).toBe(0);
  });

  it("marks only the user's own notifications read", async () => {
    const a = await makeUser("REP");
    const b = await makeUser("REP");
    await db().$transaction((tx) => notify(tx, [{ userId: a.id, kind: "x", title: "for a" }, { userId: b.id, kind: "x", title: "for b" }]));
    const bNote = await db().notification.findFirstOrThrow({ where: { userId: b.id } });
    expect(await markNotificationsRead({ user: a, ids: [bNote.id] })).toEqual({ marked: 0 });
    expect(await unreadCount(b)).toBe(1);
    expect(await markNotificationsRead({ user: a })).toEqual({ marked: 1 });
    expect(await unreadCount(a)).toBe(0);
    expect(await unreadCount(b)).toBe(1);
  });
});
