// The calendar editor's server actions on real Postgres: only roles that edit policies may
// save or fetch holidays; saving from the published version starts a draft, saving again
// edits that draft, invalid calendars change nothing, and each change is in the decision log.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { defaultSlaPolicy } from "@/lib/schemas/policies/default-governance";
import { ZSlaPolicy } from "@/lib/schemas/policies/sla";
import { calendarToForm } from "@/lib/schemas/sla-calendars";
import type { TSessionUser } from "@/lib/server/auth/session-user";
import { db } from "@/lib/server/db";
import { slaCalendarEditorState } from "@/lib/server/queries/sla-calendar-editor";
import { makeUser } from "./fixtures/users";

const session = vi.hoisted(() => ({ user: null as TSessionUser | null }));
vi.mock("@/lib/server/auth/current-user", () => ({ currentUser: async () => session.user, requireUser: async () => session.user }));
// Outside a Next request there is no cache to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { saveSlaCalendarsAction, publicHolidaysAction } = await import("@/app/(app)/sla/calendars/actions");

let revops: TSessionUser, rep: TSessionUser, manager: TSessionUser, admin: TSessionUser;
let publishedId: string;
const policy = defaultSlaPolicy(2026);
const form = () => ({ calendars: policy.calendars.map(calendarToForm), defaultCalendarId: policy.defaultCalendarId });

beforeAll(async () => {
  [revops, rep, manager, admin] = await Promise.all([makeUser("REVOPS"), makeUser("REP"), makeUser("SALES_MANAGER"), makeUser("ADMIN")]);
  publishedId = (await db().policyVersion.create({ data: { kind: "SLA", version: 1, status: "PUBLISHED", activeKind: "SLA", name: "Handoff SLAs", body: policy as object } })).id;
});

const slaVersions = () => db().policyVersion.findMany({ where: { kind: "SLA" }, orderBy: { version: "asc" }, select: { id: true, version: true, status: true, body: true } });

describe("calendar editor actions", () => {
  it("refuses roles that may not edit policies, and changes nothing", async () => {
    for (const user of [rep, manager, admin]) {
      session.user = user;
      const saved = await saveSlaCalendarsAction({ ...form(), baseVersionId: publishedId });
      expect(saved).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
      expect(await publicHolidaysAction({ country: "DE", year: 2027 })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    expect(await slaVersions()).toHaveLength(1);
    const denials = await db().decisionLog.count({ where: { kind: "auth.access_denied", subjectId: "action:saveSlaCalendars" } });
    expect(denials).toBe(3);
  });

  it("gives RevOps a country's public holidays, and a clear error for an unknown country", async () => {
    session.user = revops;
    const de = await publicHolidaysAction({ country: "de", year: 2027 });
    expect(de.ok && de.data.map((h) => h.date)).toContain("2027-10-03");
    expect(await publicHolidaysAction({ country: "XX", year: 2027 })).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED", fields: { country: [expect.stringContaining("two-letter")] } } });
    expect(await publicHolidaysAction({ country: "DE", year: 1800 })).toMatchObject({ ok: false, error: { fields: { year: [expect.any(String)] } } });
  });

  it("saves over the published version into a new draft, then edits that draft in place", async () => {
    session.user = revops;
    const edited = form();
    edited.calendars[2]!.hours.mon = "08:00-12:00, 13:00-16:30";
    edited.calendars[2]!.holidays = [...edited.calendars[2]!.holidays, "2027-10-03"];
    const first = await saveSlaCalendarsAction({ ...edited, baseVersionId: publishedId });
    expect(first).toMatchObject({ ok: true, data: { version: 2, created: true } });
    const draftId = first.ok ? first.data.id : "";

    let versions = await slaVersions();
    expect(versions.map((v) => [v.version, v.status])).toEqual([[1, "PUBLISHED"], [2, "DRAFT"]]);
    expect(versions[0]!.body).toEqual(policy); // the published version is untouched
    const draft = ZSlaPolicy.parse(versions[1]!.body);
    expect(draft.calendars[2]!.workingHours.mon).toEqual([["08:00", "12:00"], ["13:00", "16:30"]]);
    expect(draft.calendars[2]!.holidays).toContain("2027-10-03");
    expect(draft.clocks).toEqual(policy.clocks); // only calendars change

    expect((await slaCalendarEditorState())?.baseVersionId).toBe(draftId);
    edited.calendars[0]!.timezone = "Europe/Berlin";
    const second = await saveSlaCalendarsAction({ ...edited, baseVersionId: draftId });
    expect(second).toMatchObject({ ok: true, data: { id: draftId, version: 2, created: false } });
    versions = await slaVersions();
    expect(versions).toHaveLength(2);
    expect(ZSlaPolicy.parse(versions[1]!.body).calendars[0]!.timezone).toBe("Europe/Berlin");

    const log = await db().decisionLog.findMany({ where: { subjectId: draftId }, orderBy: { id: "asc" }, select: { kind: true, actorId: true } });
    expect(log).toEqual([
      { kind: "policy.draft_created", actorId: revops.id },
      { kind: "policy.draft_updated", actorId: revops.id },
    ]);
  });

  it("refuses invalid calendars with errors on the fields, and writes nothing", async () => {
    session.user = revops;
    const before = await slaVersions();
    const bad = form();
    bad.calendars[1]!.timezone = "Atlantis/Capital";
    bad.calendars[1]!.hours.tue = "9 to 5";
    const result = await saveSlaCalendarsAction({ ...bad, defaultCalendarId: "missing", baseVersionId: before[1]!.id });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("VALIDATION_FAILED");
      expect(Object.keys(result.error.fields ?? {})).toEqual(expect.arrayContaining(["calendars.1.timezone", "calendars.1.hours.tue", "defaultCalendarId"]));
    }
    expect(await slaVersions()).toEqual(before);
  });

  it("never edits a version once it is published: saving from it starts a new draft", async () => {
    session.user = revops;
    const draft = (await slaVersions())[1]!;
    await db().policyVersion.update({ where: { id: publishedId }, data: { status: "ARCHIVED", activeKind: null } });
    await db().policyVersion.update({ where: { id: draft.id }, data: { status: "PUBLISHED", activeKind: "SLA" } });
    // Starting from the now-published version makes a new draft (version 3), never edits version 2.
    const result = await saveSlaCalendarsAction({ ...form(), baseVersionId: draft.id });
    expect(result).toMatchObject({ ok: true, data: { version: 3, created: true } });
    expect((await db().policyVersion.findUniqueOrThrow({ where: { id: draft.id } })).body).toEqual(draft.body);
  });
});
