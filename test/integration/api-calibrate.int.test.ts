import { beforeAll, describe, expect, it } from "vitest";
import { POST as calibrateRoute } from "@/app/api/v1/scoring/calibrate/route";
import { seedDemo } from "@/prisma/seed";
import { ZScoringPolicy } from "@/lib/schemas/policies/scoring";
import { createApiKey } from "@/lib/server/api-keys";

const keys: Record<string, string> = {};
const call = (key: string, body: unknown) =>
  calibrateRoute(new Request("http://arbiter.test/api/v1/scoring/calibrate", { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) }), { params: Promise.resolve<Record<string, string>>({}) });

/** An export with a known signal: plan tier drives conversion, the favourite colour does not. */
function exportRows(n: number) {
  let s = 7;
  const rand = () => ((s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const rate: Record<string, number> = { enterprise: 0.6, team: 0.3, free: 0.05 };
  return Array.from({ length: n }, (_, i) => {
    const plan = ["enterprise", "team", "free"][Math.floor(rand() * 3)]!;
    return { id: `row-${i}`, attributes: { plan, favouriteColour: ["red", "blue", "green"][Math.floor(rand() * 3)]!, seats: Math.floor(rand() * 200) }, outcome: rand() < rate[plan]! };
  });
}

describe("POST /api/v1/scoring/calibrate", () => {
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.3, log: () => {} });
    for (const who of ["revops", "rep"]) keys[who] = (await createApiKey({ actorId: null, userEmail: `${who}@arbiter.demo`, name: "t" })).key;
  });

  it("proposes a valid point model from any export, reporting held-out figures", async () => {
    const res = await call(keys.revops!, { rows: exportRows(3000), target: { mqlRate: 0.3 } });
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(ZScoringPolicy.safeParse(data.proposal).success).toBe(true);
    expect(data.heldOut.rows).toBeGreaterThan(400);
    expect(data.heldOut.pointAuc).toBeGreaterThan(0.7);
    const attributes = data.rules.map((r: { attribute: string }) => r.attribute);
    expect(attributes.some((a: string) => a.includes("plan"))).toBe(true);
    expect(attributes.some((a: string) => a.includes("favouriteColour"))).toBe(false);
  });

  it("calibrates from stored history with outcomes", async () => {
    const res = await call(keys.revops!, { target: { precision: 0.3 } });
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data.train.rows + data.heldOut.rows).toBeGreaterThan(50);
    expect(typeof data.threshold.value).toBe("number");
  });

  it("refuses too little data, bad targets and reps", async () => {
    expect((await call(keys.revops!, { rows: exportRows(10), target: { mqlRate: 0.2 } })).status).toBe(422);
    expect((await call(keys.revops!, { rows: exportRows(100), target: { mqlRate: 2 } })).status).toBe(422);
    expect((await call(keys.rep!, { target: { mqlRate: 0.2 } })).status).toBe(403);
  });
});
