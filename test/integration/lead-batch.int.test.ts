import { beforeAll, describe, expect, it } from "vitest";
import { POST as postBatch } from "@/app/api/v1/leads/batch/route";
import { seedDemo } from "@/prisma/seed";
import { createApiKey } from "@/lib/server/api-keys";
import { db } from "@/lib/server/db";

const BASE = "http://arbiter.test";
let key = "";
const ctx = () => ({ params: Promise.resolve<Record<string, string>>({}) });
const post = (body: unknown) =>
  postBatch(new Request(`${BASE}/api/v1/leads/batch`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) }), ctx());

describe("lead batch intake", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    key = (await createApiKey({ actorId: null, userEmail: "revops@arbiter.demo", name: "t" })).key;
  });

  it("processes valid items and reports invalid ones by index, writing only the valid ones", async () => {
    await post({ leads: [{ email: "batch.existing@batch-co.io", title: "Engineer" }] });
    const res = await post({
      leads: [
        { email: "batch.one@batch-co.io", firstName: "One" },
        { email: "not-an-email" },
        { email: "batch.existing@batch-co.io", title: "Head of Engineering" },
        { email: "batch.two@batch-co.io", favourite: 1 },
        {},
        { externalId: "batch-ext-1", company: "Batch Co" },
      ],
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.results.map((r: { index: number; status: string }) => [r.index, r.status])).toEqual([
      [0, "created"], [1, "invalid"], [2, "updated"], [3, "invalid"], [4, "invalid"], [5, "created"],
    ]);
    expect(body.summary).toEqual({ created: 2, updated: 1, invalid: 3 });
    expect(body.results[1].errors.email).toBeTruthy();
    expect(body.results[1].leadId).toBeUndefined();
    expect(body.results[0].leadId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await db().lead.count({ where: { email: { in: ["batch.one@batch-co.io"] } } })).toBe(1);
    expect(await db().lead.count({ where: { externalId: "batch-ext-1" } })).toBe(1);
    expect(await db().lead.count({ where: { email: { in: ["not-an-email", "batch.two@batch-co.io"] } } })).toBe(0);
    expect((await db().lead.findUniqueOrThrow({ where: { email: "batch.existing@batch-co.io" } })).title).toBe("Head of Engineering");
  });

  it("runs a larger batch with bounded concurrency and creates every lead once", async () => {
    const leads = Array.from({ length: 40 }, (_, i) => ({ email: `bulk.${i}@bulk-co.io` }));
    const body = await (await post({ leads })).json();
    expect(body.summary).toEqual({ created: 40, updated: 0, invalid: 0 });
    expect(body.results.map((r: { index: number }) => r.index)).toEqual(leads.map((_, i) => i));
    expect(await db().lead.count({ where: { email: { endsWith: "@bulk-co.io" } } })).toBe(40);
  });

  it("refuses an empty batch and one over 1,000 leads with 422", async () => {
    const tooMany = await post({ leads: Array.from({ length: 1001 }, (_, i) => ({ email: `x${i}@y.io` })) });
    expect(tooMany.status).toBe(422);
    expect((await tooMany.json()).error.fields.leads).toBeTruthy();
    expect((await post({ leads: [] })).status).toBe(422);
    expect(await db().lead.count({ where: { email: "x0@y.io" } })).toBe(0);
  });
});
