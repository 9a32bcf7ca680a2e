import { describe, expect, it } from "vitest";
import { POST as capacity } from "@/app/api/v1/sla/capacity/route";
import { createApiKey } from "@/lib/server/api-keys";
import { makeUser } from "./fixtures/users";

const noParams = { params: Promise.resolve<Record<string, string>>({}) };

async function call(body: unknown, key?: string) {
  const k = key ?? (await createApiKey({ actorId: null, userEmail: (await makeUser("REVOPS")).email, name: "t" })).key;
  const res = await capacity(new Request("http://arbiter.test/api/v1/sla/capacity", { method: "POST", headers: { authorization: `Bearer ${k}`, "content-type": "application/json" }, body: JSON.stringify(body) }), noParams);
  return { status: res.status, body: await res.json() };
}

describe("POST /api/v1/sla/capacity", () => {
  it("predicts the share within the SLA and the reps needed", async () => {
    // 10 erlangs (200 leads/h × 3 min), 11 reps, 20 s target.
    const { status, body } = await call({ arrivalsPerHour: 200, agents: 11, handleMinutes: 3, targetMinutes: 1 / 3, targetServiceLevel: 0.8 });
    expect(status).toBe(200);
    expect(body.data.stable).toBe(true);
    expect(body.data.offeredLoad).toBeCloseTo(10, 10);
    expect(body.data.probabilityOfWaiting).toBeCloseTo(0.6821, 3);
    expect(body.data.serviceLevel).toBeGreaterThan(0.3);
    expect(body.data.serviceLevel).toBeLessThan(0.5);
    expect(body.data.agentsForTarget).toBe(14);
  });

  it("answers an unachievable plan plainly instead of with NaN", async () => {
    const { status, body } = await call({ arrivalsPerHour: 100, agents: 4, handleMinutes: 3, targetMinutes: 5 });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ stable: false, serviceLevel: 0, probabilityOfWaiting: 1, averageSpeedOfAnswerMinutes: null });
    expect(body.data.agentsForTarget).toBeGreaterThanOrEqual(6);
    expect(body.data.reasons[0]).toMatch(/cannot keep up/);
    expect(JSON.stringify(body)).not.toContain("NaN");
  });

  it("refuses bad input per field", async () => {
    const { status, body } = await call({ arrivalsPerHour: -1, agents: 2.5, handleMinutes: 0, targetMinutes: 5, targetServiceLevel: 80 });
    expect(status).toBe(422);
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(["arrivalsPerHour", "agents", "handleMinutes", "targetServiceLevel"]));
  });
});
