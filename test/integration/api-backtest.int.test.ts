import { beforeAll, describe, expect, it } from "vitest";
import { POST as backtestRoute } from "@/app/api/v1/scoring/backtest/route";
import { seedDemo } from "@/prisma/seed";
import { createApiKey } from "@/lib/server/api-keys";
import { db } from "@/lib/server/db";

const keys: Record<string, string> = {};
const call = (key: string, body: unknown) =>
  backtestRoute(new Request("http://arbiter.test/api/v1/scoring/backtest", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) }), { params: Promise.resolve<Record<string, string>>({}) });

describe("POST /api/v1/scoring/backtest", () => {
  let published: { id: string; body: unknown };
  let stricter: string;

  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.3, log: () => {} });
    for (const who of ["revops", "rep"]) keys[who] = (await createApiKey({ actorId: null, userEmail: `${who}@arbiter.demo`, name: "t" })).key;
    published = await db().policyVersion.findUniqueOrThrow({ where: { activeKind: "SCORING" }, select: { id: true, body: true } });
    const body = { ...(published.body as Record<string, unknown>), mqlThreshold: 90 };
    stricter = (await db().policyVersion.create({ data: { kind: "SCORING", version: 2, name: "Stricter", body } })).id;
  });

  it("reports ranking quality on leads with known outcomes, side by side with a draft", async () => {
    const res = await call(keys.revops!, { versionId: published.id, compareVersionId: stricter });
    expect(res.status).toBe(200);
    const { data } = await res.json();
    const withOutcome = await db().lead.count({ where: { outcome: { in: ["CONVERTED", "WON", "LOST"] } } });
    expect(data.report.rows).toBe(withOutcome);
    expect(data.report.auc).toBeGreaterThan(0.5);
    expect(data.report.deciles).toHaveLength(10);
    const c = data.report.atThreshold.confusion;
    expect(c.tp + c.fp + c.tn + c.fn).toBe(withOutcome);
    expect(data.comparison.mqlRate.b).toBeLessThanOrEqual(data.comparison.mqlRate.a);
    expect(data.report.reasons[0]).toMatch(/leads, \d+ converted/);
  });

  it("exports per-lead scores as CSV", async () => {
    const res = await call(keys.revops!, { versionId: published.id, format: "csv", source: "webinar" });
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe("id,external_id,fit,engagement,negative,total,is_mql,outcome,breakdown");
    expect(lines.length - 1).toBe(await db().lead.count({ where: { source: "webinar", outcome: { in: ["CONVERTED", "WON", "LOST"] } } }));
  });

  it("refuses reps, unknown versions and bad filters", async () => {
    expect((await call(keys.rep!, { versionId: published.id })).status).toBe(403);
    expect((await call(keys.revops!, { versionId: "00000000-0000-4000-8000-000000000000" })).status).toBe(404);
    const bad = await call(keys.revops!, { versionId: published.id, from: "2026-06-01", to: "2026-01-01" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields).toHaveProperty("to");
    const none = await call(keys.revops!, { versionId: published.id, source: "carrier-pigeon" });
    expect(none.status).toBe(422);
    expect((await none.json()).error.message).toMatch(/No historical leads/);
  });
});
