// The SLA clock editor's save action on real Postgres: only roles that edit policies may
// save; saving from the published version starts a draft and leaves the published body
// alone, saving again edits that draft; invalid clocks are refused with errors on the
// form's inputs and change nothing; each change is in the decision log.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { AccessDenied } from "@/components/shell/access-denied";
import { ClockPolicyEditor } from "@/components/sla/clock-policy-editor";
import { defaultSlaPolicy } from "@/lib/schemas/policies/default-governance";
import { ZSlaPolicy } from "@/lib/schemas/policies/sla";
import { clockToForm } from "@/lib/schemas/sla-clock-form";
import type { TSessionUser } from "@/lib/server/auth/session-user";
import { db } from "@/lib/server/db";
import { slaClockEditorState } from "@/lib/server/queries/sla-clock-editor";
import { makeUser } from "./fixtures/users";

const session = vi.hoisted(() => ({ user: null as TSessionUser | null }));
vi.mock("@/lib/server/auth/current-user", () => ({ currentUser: async () => session.user, requireUser: async () => session.user }));
// Outside a Next request there is no cache to revalidate.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { saveSlaClocksAction } = await import("@/app/(app)/sla/clocks-policy/actions");
const { default: ClockPolicyPage } = await import("@/app/(app)/sla/clocks-policy/page");

let revops: TSessionUser, rep: TSessionUser, manager: TSessionUser;
let publishedId: string;
const policy = defaultSlaPolicy(2026);
const form = () => ({ clocks: policy.clocks.map(clockToForm) });

beforeAll(async () => {
  [revops, rep, manager] = await Promise.all([makeUser("REVOPS"), makeUser("REP"), makeUser("SALES_MANAGER")]);
  publishedId = (await db().policyVersion.create({ data: { kind: "SLA", version: 1, status: "PUBLISHED", activeKind: "SLA", name: "Handoff SLAs", body: policy as object } })).id;
});

const slaVersions = () => db().policyVersion.findMany({ where: { kind: "SLA" }, orderBy: { version: "asc" }, select: { id: true, version: true, status: true, body: true } });

/** The editor element inside the page's fragment, if the page rendered it. */
async function pageEditor() {
  const page = await ClockPolicyPage();
  if (page.type === AccessDenied) return AccessDenied;
  const children = (page.props as { children: { type: unknown; props: unknown }[] }).children;
  return children.find((c) => c?.type === ClockPolicyEditor);
}

describe("SLA clock settings page", () => {
  it("shows the access-denied view to everyone but RevOps, and logs the refusal", async () => {
    session.user = rep;
    expect(await pageEditor()).toBe(AccessDenied);
    session.user = manager;
    expect(await pageEditor()).toBe(AccessDenied);
    expect(await db().decisionLog.count({ where: { kind: "auth.access_denied", subjectId: "page:/sla/clocks-policy" } })).toBe(2);
  });

  it("gives RevOps the editor, filled from the published version", async () => {
    session.user = revops;
    const editor = await pageEditor();
    expect(editor).toMatchObject({ props: { baseVersionId: publishedId, initial: { clocks: form().clocks } } });
  });
});

describe("SLA clock editor action", () => {
  it("refuses reps and managers, and changes nothing", async () => {
    for (const user of [rep, manager]) {
      session.user = user;
      expect(await saveSlaClocksAction({ ...form(), baseVersionId: publishedId })).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
    expect(await slaVersions()).toHaveLength(1);
    expect(await db().decisionLog.count({ where: { kind: "auth.access_denied", subjectId: "action:saveSlaClocks" } })).toBe(2);
  });

  it("saves over the published version into a new draft, then edits that draft in place", async () => {
    session.user = revops;
    expect((await slaClockEditorState())?.baseVersionId).toBe(publishedId);
    const edited = form();
    edited.clocks[0]!.length = "2";
    edited.clocks[0]!.warnings = [{ percent: "50" }, { percent: "80" }];
    edited.clocks[0]!.ladder[1]!.delay = "90";
    edited.clocks[0]!.ladder[1]!.delayUnit = "minutes";
    edited.clocks[0]!.pausable = true;
    const first = await saveSlaClocksAction({ ...edited, baseVersionId: publishedId });
    expect(first).toMatchObject({ ok: true, data: { version: 2, created: true } });
    const draftId = first.ok ? first.data.id : "";

    let versions = await slaVersions();
    expect(versions.map((v) => [v.version, v.status])).toEqual([[1, "PUBLISHED"], [2, "DRAFT"]]);
    expect(versions[0]!.body).toEqual(policy); // the published version is untouched
    const draft = ZSlaPolicy.parse(versions[1]!.body);
    expect(draft.clocks[0]).toMatchObject({ durationMinutes: 120, warnAt: [0.5, 0.8], pausable: true });
    expect(draft.clocks[0]!.escalation[1]).toEqual({ level: 2, notify: ["REVOPS"], afterBreachMinutes: 90 });
    expect(draft.clocks.slice(1)).toEqual(policy.clocks.slice(1));
    expect(draft.calendars).toEqual(policy.calendars); // only clocks change

    expect((await slaClockEditorState())?.baseVersionId).toBe(draftId);
    edited.clocks[1]!.businessHours = true;
    edited.clocks[1]!.calendar = "TEAM";
    const second = await saveSlaClocksAction({ ...edited, baseVersionId: draftId });
    expect(second).toMatchObject({ ok: true, data: { id: draftId, version: 2, created: false } });
    versions = await slaVersions();
    expect(versions).toHaveLength(2);
    expect(ZSlaPolicy.parse(versions[1]!.body).clocks[1]).toMatchObject({ businessHours: true, calendar: "TEAM" });

    const log = await db().decisionLog.findMany({ where: { subjectId: draftId }, orderBy: { id: "asc" }, select: { kind: true, actorId: true, reasons: true } });
    expect(log.map((l) => [l.kind, l.actorId])).toEqual([
      ["policy.draft_created", revops.id],
      ["policy.draft_updated", revops.id],
    ]);
    expect(JSON.stringify(log[0]!.reasons)).toContain("LEAD_FIRST_TOUCH: 2 h business");
  });

  it("refuses a 120% warning and ladder levels out of order with errors on the inputs, and writes nothing", async () => {
    session.user = revops;
    const before = await slaVersions();
    const logBefore = await db().decisionLog.count();
    const bad = form();
    bad.clocks[0]!.warnings = [{ percent: "50" }, { percent: "120" }];
    bad.clocks[1]!.ladder[2]!.delay = "1"; // level 3 one hour after breach, level 2 eight hours after
    bad.clocks[2]!.ladder[0]!.notify = [];
    const result = await saveSlaClocksAction({ ...bad, baseVersionId: before[1]!.id });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("VALIDATION_FAILED");
      expect(result.error.fields).toMatchObject({
        "clocks.0.warnings.1.percent": [expect.stringContaining("below 100")],
        "clocks.1.ladder.2.delay": [expect.stringContaining("cannot fire before")],
        "clocks.2.ladder.0.notify": [expect.stringContaining("notify someone")],
      });
    }
    expect(await slaVersions()).toEqual(before);
    expect(await db().decisionLog.count()).toBe(logBefore);
  });

  it("refuses a version that is not an SLA policy", async () => {
    session.user = revops;
    const other = await db().policyVersion.create({ data: { kind: "ROE", version: 1, status: "DRAFT", name: "ROE", body: {} } });
    expect(await saveSlaClocksAction({ ...form(), baseVersionId: other.id })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });
});
