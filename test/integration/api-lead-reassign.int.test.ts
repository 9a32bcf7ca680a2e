import { beforeAll, describe, expect, it } from "vitest";
import { POST as reassign } from "@/app/api/v1/leads/[ref]/reassign/route";
import { createApiKey } from "@/lib/server/api-keys";
import { db } from "@/lib/server/db";
import { seedDemo } from "@/prisma/seed";
import { makeUser } from "./fixtures/users";

const BASE = "http://arbiter.test";

function post(key: string, leadId: string, body: unknown) {
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  return reassign(new Request(`${BASE}/api/v1/leads/${leadId}/reassign`, { method: "POST", headers, body: JSON.stringify(body) }), { params: Promise.resolve({ ref: leadId }) });
}

describe("POST /api/v1/leads/{id}/reassign", () => {
  const keys: Record<string, string> = {};
  let manager: { id: string; teamId: string | null };
  let ownLead: { id: string; ownerId: string | null };
  let otherTeamLead: { id: string };
  let target: { id: string; name: string };

  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    for (const who of ["rep", "manager", "revops"]) keys[who] = (await createApiKey({ actorId: null, userEmail: `${who}@arbiter.demo`, name: "test" })).key;
    manager = await db().user.findUniqueOrThrow({ where: { email: "manager@arbiter.demo" }, select: { id: true, teamId: true } });
    ownLead = await db().lead.findFirstOrThrow({ where: { owner: { managerId: manager.id } }, select: { id: true, ownerId: true } });
    target = await db().user.findFirstOrThrow({ where: { managerId: manager.id, role: "REP", active: true, id: { not: ownLead.ownerId! } }, select: { id: true, name: true } });
    otherTeamLead = await db().lead.findFirstOrThrow({
      where: {
        ownerId: { not: null },
        owner: { managerId: { not: manager.id }, id: { not: manager.id }, ...(manager.teamId ? { OR: [{ teamId: null }, { teamId: { not: manager.teamId } }] } : {}) },
        ...(manager.teamId ? { OR: [{ queueTeamId: null }, { queueTeamId: { not: manager.teamId } }] } : {}),
      },
      select: { id: true },
    });
  });

  it("lets a manager reassign a lead of their report, logging the override and notifying the new owner", async () => {
    const res = await post(keys.manager!, ownLead.id, { ownerId: target.id, reason: "Rebalancing after territory change" });
    expect(res.status).toBe(200);
    expect((await res.json()).data).toEqual({ leadId: ownLead.id, ownerId: target.id, previousOwnerId: ownLead.ownerId });

    const lead = await db().lead.findUniqueOrThrow({ where: { id: ownLead.id } });
    expect(lead).toMatchObject({ ownerId: target.id, queueTeamId: null });
    const log = await db().decisionLog.findFirstOrThrow({ where: { kind: "lead.reassigned", subjectId: ownLead.id } });
    expect(log.actorId).toBe(manager.id);
    expect(log.output).toMatchObject({ previousOwnerId: ownLead.ownerId, newOwnerId: target.id });
    expect(log.input).toMatchObject({ reason: "Rebalancing after territory change" });
    expect((log.reasons as string[]).join(" ")).toContain(target.name);
    const note = await db().notification.findFirstOrThrow({ where: { userId: target.id, kind: "lead.reassigned" } });
    expect(note.link).toBe(`/leads/${ownLead.id}`);
    expect(note.body).toContain("Rebalancing after territory change");
  });

  it("answers 404 for a lead of another team, and changes nothing", async () => {
    const before = await db().lead.findUniqueOrThrow({ where: { id: otherTeamLead.id }, select: { ownerId: true } });
    const res = await post(keys.manager!, otherTeamLead.id, { ownerId: target.id, reason: "Not mine to move" });
    expect(res.status).toBe(404);
    expect((await db().lead.findUniqueOrThrow({ where: { id: otherTeamLead.id }, select: { ownerId: true } })).ownerId).toBe(before.ownerId);
  });

  it("lets RevOps reassign any lead", async () => {
    expect((await post(keys.revops!, otherTeamLead.id, { ownerId: target.id, reason: "Coverage during PTO" })).status).toBe(200);
  });

  it("refuses a rep with 403", async () => {
    const repLead = await db().lead.findFirstOrThrow({ where: { owner: { email: "rep@arbiter.demo" } }, select: { id: true } });
    const res = await post(keys.rep!, repLead.id, { ownerId: target.id, reason: "I want to give this away" });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("FORBIDDEN");
  });

  it("requires a reason and an active target (422 per field)", async () => {
    const lead = await db().lead.findFirstOrThrow({ where: { owner: { managerId: manager.id }, ownerId: { not: target.id } }, select: { id: true, ownerId: true } });
    const noReason = await post(keys.manager!, lead.id, { ownerId: target.id });
    expect(noReason.status).toBe(422);
    expect((await noReason.json()).error.fields).toHaveProperty("reason");
    const shortReason = await post(keys.manager!, lead.id, { ownerId: target.id, reason: "ok" });
    expect(shortReason.status).toBe(422);

    const gone = await makeUser("REP", { name: "Gone Rep" });
    await db().user.update({ where: { id: gone.id }, data: { active: false } });
    const inactive = await post(keys.manager!, lead.id, { ownerId: gone.id, reason: "Hand it to someone who left" });
    expect(inactive.status).toBe(422);
    expect((await inactive.json()).error.fields.ownerId[0]).toContain("inactive");
    expect((await db().lead.findUniqueOrThrow({ where: { id: lead.id } })).ownerId).toBe(lead.ownerId);
  });
});
