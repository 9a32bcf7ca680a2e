// POST /api/v1/sla/clocks/{id}/pause | resume: RevOps any clock, a manager their reports'
// clocks, everyone else refused; pausing only where the policy allows; logged.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as pause } from "@/app/api/v1/sla/clocks/[id]/pause/route";
import { POST as resume } from "@/app/api/v1/sla/clocks/[id]/resume/route";
import { createApiKey } from "@/lib/server/api-keys";
import { db } from "@/lib/server/db";
import { appendDecisions } from "@/lib/server/decision-log";
import { startClocks } from "@/lib/server/sla/start-clocks";
import type { TClockStart } from "@/lib/server/sla/types";
import { makeUser } from "./fixtures/users";
import { publishSlaPolicy, quickSlaPolicy } from "./fixtures/sla-policy";

const BASE = "http://arbiter.test";
const keys: Record<string, string> = {};
let rep: { id: string; email: string };

function call(route: typeof pause, action: string, key: string, clockId: string, body: unknown) {
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  return route(new Request(`${BASE}/api/v1/sla/clocks/${clockId}/${action}`, { method: "POST", headers, body: JSON.stringify(body) }), { params: Promise.resolve({ id: clockId }) });
}

async function clockFor(kind: TClockStart["kind"]): Promise<string> {
  const lead = randomUUID();
  return db().$transaction(async (tx) => {
    const { clocks, decisions } = await startClocks(tx, [{ kind, subjectType: "LEAD", subjectId: lead, ownerId: rep.id, teamId: null, region: null, reason: "test" }]);
    await appendDecisions(tx, decisions);
    return clocks[0]!.id;
  });
}

describe("SLA clock pause / resume API", () => {
  beforeAll(async () => {
    const revops = await makeUser("REVOPS");
    const manager = await makeUser("SALES_MANAGER");
    const otherManager = await makeUser("SALES_MANAGER");
    rep = await makeUser("REP");
    await db().user.update({ where: { id: rep.id }, data: { managerId: manager.id } });
    for (const [who, user] of Object.entries({ revops, manager, otherManager, rep })) keys[who] = (await createApiKey({ actorId: null, userEmail: user.email, name: "t" })).key;
    await publishSlaPolicy(revops, quickSlaPolicy({ MQL_ACCEPT: { pausable: true, durationMinutes: 30 } }));
  });

  it("lets the owner's manager pause and RevOps resume a pausable clock, each logged", async () => {
    const clockId = await clockFor("MQL_ACCEPT");
    const paused = await call(pause, "pause", keys.manager!, clockId, { reason: "Waiting on the customer's budget call" });
    expect(paused.status).toBe(200);
    expect((await paused.json()).data).toMatchObject({ clockId, status: "PAUSED", dueAt: null, targetMinutes: 30 });
    const resumed = await call(resume, "resume", keys.revops!, clockId, { reason: "The customer answered" });
    expect(resumed.status).toBe(200);
    const data = (await resumed.json()).data;
    expect(data).toMatchObject({ status: "RUNNING" });
    expect(new Date(data.dueAt).getTime()).toBeGreaterThan(Date.now());
    const lead = (await db().slaClock.findUniqueOrThrow({ where: { id: clockId } })).subjectId;
    const kinds = (await db().decisionLog.findMany({ where: { subjectId: lead }, orderBy: { id: "asc" } })).map((d) => d.kind);
    expect(kinds).toEqual(["sla.clock_started", "sla.clock_paused", "sla.clock_resumed"]);
  });

  it("refuses a rep (403), hides the clock from another team's manager (404), and checks the input (422)", async () => {
    const clockId = await clockFor("MQL_ACCEPT");
    expect((await call(pause, "pause", keys.rep!, clockId, { reason: "Waiting on the customer" })).status).toBe(403);
    expect((await call(pause, "pause", keys.otherManager!, clockId, { reason: "Waiting on the customer" })).status).toBe(404);
    const bad = await call(pause, "pause", keys.revops!, clockId, { reason: "x" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.fields.reason).toBeTruthy();
    expect((await db().slaClock.findUniqueOrThrow({ where: { id: clockId } })).status).toBe("RUNNING");
  });

  it("refuses to pause a clock the policy does not let pause, and to resume a running one", async () => {
    const clockId = await clockFor("LEAD_FIRST_TOUCH");
    const refused = await call(pause, "pause", keys.revops!, clockId, { reason: "Waiting on the customer" });
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/does not allow pausing/) });
    const notPaused = await call(resume, "resume", keys.revops!, clockId, { reason: "Nothing to resume" });
    expect((await notPaused.json()).error.message).toMatch(/only a paused clock can be resumed/);
  });
});
