// The SLA pages check the permission themselves (server actions and pages are public
// endpoints): refused roles get the access-denied view and no data; allowed roles render.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { AccessDenied } from "@/components/shell/access-denied";
import type { Role } from "@/lib/generated/prisma/enums";
import { defaultSlaPolicy } from "@/lib/schemas/policies/default-governance";
import type { TSessionUser } from "@/lib/server/auth/session-user";
import { db } from "@/lib/server/db";
import { makeUser } from "./fixtures/users";

const session = vi.hoisted(() => ({ user: null as TSessionUser | null }));
vi.mock("@/lib/server/auth/current-user", () => ({ currentUser: async () => session.user, requireUser: async () => session.user }));

const { default: BoardPage } = await import("@/app/(app)/sla/page");
const { default: AttainmentPage } = await import("@/app/(app)/sla/attainment/page");
const { default: CalendarsPage } = await import("@/app/(app)/sla/calendars/page");
const { default: ClockPage } = await import("@/app/(app)/sla/clocks/[id]/page");

const users = {} as Record<Role, TSessionUser>;
let clockId: string;

beforeAll(async () => {
  for (const role of ["REP", "SALES_MANAGER", "DEAL_DESK", "REVOPS", "ADMIN", "EXEC"] as const) users[role] = await makeUser(role);
  await db().policyVersion.create({ data: { kind: "SLA", version: 1, status: "PUBLISHED", activeKind: "SLA", name: "SLA", body: defaultSlaPolicy(2026) as object } });
  const now = new Date();
  clockId = (
    await db().slaClock.create({
      data: { kind: "LEAD_FIRST_TOUCH", subjectType: "LEAD", subjectId: crypto.randomUUID(), ownerId: users.SALES_MANAGER.id, calendarKey: "24x7", targetMinutes: 60, startedAt: now, runningSince: now, dueAt: new Date(now.getTime() + 3_600_000) },
    })
  ).id;
});

const as = (role: Role) => {
  session.user = users[role];
};
const board = () => BoardPage({ searchParams: Promise.resolve({}) });
const attainment = () => AttainmentPage({ searchParams: Promise.resolve({}) });

describe("SLA pages refuse roles without access", () => {
  it("shows deal desk the access-denied view on every SLA page", async () => {
    as("DEAL_DESK");
    expect((await board()).type).toBe(AccessDenied);
    expect((await attainment()).type).toBe(AccessDenied);
    expect((await CalendarsPage()).type).toBe(AccessDenied);
    expect((await ClockPage({ params: Promise.resolve({ id: clockId }) })).type).toBe(AccessDenied);
  });

  it("lets a rep see their board, but not the report or the calendar editor", async () => {
    as("REP");
    expect((await board()).type).not.toBe(AccessDenied);
    expect((await attainment()).type).toBe(AccessDenied);
    expect((await CalendarsPage()).type).toBe(AccessDenied);
    // Another person's clock is "not found" (Next's notFound() throws).
    await expect(ClockPage({ params: Promise.resolve({ id: clockId }) })).rejects.toMatchObject({ digest: expect.stringContaining("404") });
  });

  it("opens the board and report for managers and executives, the editor only for RevOps", async () => {
    for (const role of ["SALES_MANAGER", "EXEC", "REVOPS", "ADMIN"] as const) {
      as(role);
      expect((await board()).type).not.toBe(AccessDenied);
      expect((await attainment()).type).not.toBe(AccessDenied);
      expect((await CalendarsPage()).type === AccessDenied).toBe(role !== "REVOPS");
    }
    as("SALES_MANAGER");
    expect((await ClockPage({ params: Promise.resolve({ id: clockId }) })).type).not.toBe(AccessDenied);
  });

  it("logs each refusal in the decision log", async () => {
    const denied = await db().decisionLog.findMany({ where: { kind: "auth.access_denied", actorId: users.DEAL_DESK.id }, select: { subjectId: true } });
    expect(denied.map((d) => d.subjectId).sort()).toEqual(["page:/sla", "page:/sla/attainment", "page:/sla/calendars", "page:/sla/clocks/[id]"]);
  });
});
