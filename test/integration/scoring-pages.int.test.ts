// The scoring pages' server side: who may open them, the backtest page's data (two versions'
// ROC curves and lift), the import-batch filter, and the per-lead CSV download.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { AccessDenied } from "@/components/shell/access-denied";
import { SESSION_USER_SELECT, type TSessionUser } from "@/lib/server/auth/session-user";
import { db } from "@/lib/server/db";
import { backtestChoices, backtestParams, backtestView } from "@/lib/server/scoring/backtest-view";
import { calibrationParams } from "@/lib/server/scoring/calibration-view";
import { seedDemo } from "@/prisma/seed";

const session = vi.hoisted(() => ({ user: null as TSessionUser | null }));
vi.mock("@/lib/server/auth/current-user", () => ({ currentUser: async () => session.user, requireUser: async () => session.user }));
const { GET: exportCsv } = await import("@/app/(app)/scoring/backtest/export/route");
const { default: BacktestPage } = await import("@/app/(app)/scoring/backtest/page");
const { default: CalibratePage } = await import("@/app/(app)/scoring/calibrate/page");
const { default: EditorPage } = await import("@/app/(app)/policies/scoring/[id]/page");

const userByEmail = (email: string): Promise<TSessionUser> => db().user.findUniqueOrThrow({ where: { email }, select: SESSION_USER_SELECT });
const OUTCOMES = ["CONVERTED", "WON", "LOST"];
let published: string;
let stricter: string;
let batch: string;
let batchLeads: string[];

describe("scoring pages", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    const active = await db().policyVersion.findUniqueOrThrow({ where: { activeKind: "SCORING" }, select: { id: true, body: true } });
    published = active.id;
    stricter = (await db().policyVersion.create({ data: { kind: "SCORING", version: 99, name: "Stricter", body: { ...(active.body as object), mqlThreshold: 90 } } })).id;
    // One import batch of twelve historical leads.
    batch = (await db().jobRun.create({ data: { kind: "IMPORT_LEADS", status: "SUCCEEDED" } })).id;
    batchLeads = (await db().lead.findMany({ where: { outcome: { in: OUTCOMES } }, orderBy: { id: "asc" }, take: 12, select: { id: true } })).map((l) => l.id);
    await db().lead.updateMany({ where: { id: { in: batchLeads } }, data: { importBatchId: batch } });
  });

  it("opens only for roles that edit policies", async () => {
    session.user = await userByEmail("rep@arbiter.demo");
    expect((await BacktestPage({ searchParams: Promise.resolve({}) })).type).toBe(AccessDenied);
    expect((await CalibratePage({ searchParams: Promise.resolve({}) })).type).toBe(AccessDenied);
    expect((await EditorPage({ params: Promise.resolve({ id: stricter }) })).type).toBe(AccessDenied);
    const refused = await exportCsv(new Request(`http://arbiter.test/scoring/backtest/export?versionId=${published}`));
    expect(refused.status).toBe(403);
    expect(await db().decisionLog.count({ where: { kind: "auth.access_denied", actorId: session.user.id } })).toBeGreaterThanOrEqual(4);
    session.user = await userByEmail("revops@arbiter.demo");
    expect((await BacktestPage({ searchParams: Promise.resolve({}) })).type).not.toBe(AccessDenied);
  });

  it("shapes two versions side by side: figures, ROC curves from (0,0) to (1,1), lift per decile", async () => {
    const params = backtestParams({ versionId: published, compareVersionId: stricter, source: "", format: "csv" });
    expect(params.success && params.data).toMatchObject({ versionId: published, compareVersionId: stricter });
    const view = await backtestView(params.data!);
    if (!view.ok) throw new Error(view.message);
    for (const side of [view.a, view.b!]) {
      expect(side.roc[0]).toEqual({ fpr: 0, tpr: 0, threshold: null });
      expect(side.roc.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
      expect(side.confusion.reduce((s, c) => s + c.count, 0)).toBe(side.report.rows);
    }
    expect(view.b!.report.auc).toBe(view.a.report.auc); // a threshold change does not change the ranking
    expect(view.b!.report.atThreshold.mqlRate).toBeLessThanOrEqual(view.a.report.atThreshold.mqlRate!);
    expect(view.lift).toHaveLength(10);
    expect(view.lift[0]).toHaveProperty("liftB");
    expect(view.comparisonReasons[0]).toMatch(/^ROC AUC/);
  });

  it("filters by import batch, offers the batch, and downloads the per-lead scores CSV", async () => {
    const choices = await backtestChoices();
    expect(choices.batches).toEqual([expect.objectContaining({ value: batch, label: expect.stringContaining("(12 leads)") })]);
    expect(choices.versions.map((v) => v.id)).toEqual(expect.arrayContaining([published, stricter]));
    const res = await exportCsv(new Request(`http://arbiter.test/scoring/backtest/export?versionId=${published}&importBatchId=${batch}`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe("id,external_id,fit,engagement,negative,total,is_mql,outcome,breakdown");
    expect(lines.slice(1).map((l) => l.split(",")[0]).sort()).toEqual([...batchLeads].sort());
    const bad = await exportCsv(new Request(`http://arbiter.test/scoring/backtest/export?versionId=${published}&from=2026-06-01&to=2026-01-01`));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toMatch(/from must not be after to/);
  });

  it("reads the calibration settings, refusing impossible targets", () => {
    expect(calibrationParams({ target: "mqlRate", percent: "15", run: "1" })).toMatchObject({ success: true, data: { target: "mqlRate", percent: 15, run: "1" } });
    expect(calibrationParams({}).data).toMatchObject({ target: "precision", percent: 30 });
    expect(calibrationParams({ percent: "140" }).error?.issues[0]?.message).toBe("The target is at most 100%");
  });
});
