// An Idempotency-Key whose request changed data must never let a retry apply it again, even when
// the server fails between the commit and keeping the response (the database gone for a moment).
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postActivities } from "@/app/api/v1/leads/[ref]/activities/route";
import { seedDemo } from "@/prisma/seed";
import { createApiKey } from "@/lib/server/api-keys";
import { claimIdempotencyKey, requestHash } from "@/lib/server/api/idempotency";
import { SESSION_USER_SELECT } from "@/lib/server/auth/session-user";
import { intakeLead } from "@/lib/server/commands/intake/intake-lead";
import { db } from "@/lib/server/db";
import { superuserQuery } from "./support/database";

const BASE = "http://arbiter.test";
let key = "";
const ctx = (ref: string) => ({ params: Promise.resolve<Record<string, string>>({ ref }) });
const post = (leadId: string, body: unknown, idempotencyKey: string) =>
  postActivities(
    new Request(`${BASE}/api/v1/leads/${leadId}/activities`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", "idempotency-key": idempotencyKey },
      body: JSON.stringify(body),
    }),
    ctx(leadId),
  );
const body = { activities: [{ type: "pricing_page_visit", occurredAt: new Date().toISOString() }] };

/** Makes keeping a final response fail, as a database outage right after the commit would. */
async function withResponseStoreFailing<T>(work: () => Promise<T>): Promise<T> {
  await superuserQuery(`
    CREATE FUNCTION test_refuse_response() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.response_status >= 100 THEN RAISE EXCEPTION 'simulated outage'; END IF; RETURN NEW; END $$;
    CREATE TRIGGER test_refuse_response BEFORE UPDATE ON idempotency_records FOR EACH ROW EXECUTE FUNCTION test_refuse_response();`);
  try {
    return await work();
  } finally {
    await superuserQuery("DROP TRIGGER test_refuse_response ON idempotency_records; DROP FUNCTION test_refuse_response();");
  }
}

describe("Idempotency-Key after a failure to keep the response", () => {
  let leadId = "";
  let repId = "";
  beforeAll(async () => {
    await seedDemo({ databaseUrl: process.env.DATABASE_URL!, scale: 0.1, log: () => {} });
    key = (await createApiKey({ actorId: null, userEmail: "rep@arbiter.demo", name: "t" })).key;
    const rep = await db().user.findUniqueOrThrow({ where: { email: "rep@arbiter.demo" }, select: SESSION_USER_SELECT });
    leadId = (await intakeLead({ actor: rep, raw: { email: "idem.applied@idem-co.io", firstName: "Ida" }, channel: "MANUAL" })).leadId;
    repId = rep.id;
  });

  const activities = () => db().leadActivity.count({ where: { leadId } });

  it("keeps an applied key: the retry is told what happened and applies nothing again", async () => {
    const before = await activities();
    const first = await withResponseStoreFailing(() => post(leadId, body, "applied-key-0001"));
    expect(first.status).toBe(500);
    expect(await activities()).toBe(before + 1);
    const record = await db().idempotencyRecord.findFirstOrThrow({ where: { key: "applied-key-0001" } });
    expect(record.responseStatus).toBe(1);

    // Within the grace period the first request may still be finishing: retry later.
    const soon = await post(leadId, body, "applied-key-0001");
    expect(soon.status).toBe(409);
    expect((await soon.json()).error.message).toMatch(/still being processed/);

    // Long after, the server evidently failed between its commit and keeping the response.
    await superuserQuery("UPDATE idempotency_records SET created_at = now() - interval '1 hour' WHERE key = 'applied-key-0001'");
    const later = await post(leadId, body, "applied-key-0001");
    expect(later.status).toBe(409);
    expect((await later.json()).error.message).toMatch(/was applied, but the server failed before it could keep its response/);
    expect(await activities()).toBe(before + 1);
  });

  it("still frees a key whose request failed before changing anything, and replays a kept response", async () => {
    const before = await activities();
    // The lead is unknown: refused before any write (a kept 404), then a retry with the same key replays it.
    const missing = await post("00000000-0000-4000-8000-000000000000", body, "applied-key-0002");
    expect(missing.status).toBe(404);
    const replay = await post("00000000-0000-4000-8000-000000000000", body, "applied-key-0002");
    expect(replay.status).toBe(404);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");

    const ok = await post(leadId, body, "applied-key-0003");
    expect(ok.status).toBe(200);
    const again = await post(leadId, body, "applied-key-0003");
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await activities()).toBe(before + 1);
  });

  it("lets a retry take over a key whose request died before changing anything, once, however many retries race for it", async () => {
    const before = await activities();
    // A request claimed the key, then its process died: the key stays PENDING, nothing applied.
    const hash = requestHash("POST", `/api/v1/leads/${leadId}/activities`, JSON.stringify(body));
    expect(await claimIdempotencyKey(repId, "abandoned-key-0001", hash)).toBeNull();

    // Recently claimed, it may still be running: the retry waits.
    const soon = await post(leadId, body, "abandoned-key-0001");
    expect(soon.status).toBe(409);
    expect((await soon.json()).error.message).toMatch(/still being processed/);

    // Long after, another body with that key is still refused; the same body runs — exactly once.
    await superuserQuery("UPDATE idempotency_records SET created_at = now() - interval '1 hour' WHERE key = 'abandoned-key-0001'");
    const otherBody = await post(leadId, { activities: [{ type: "demo_request", occurredAt: new Date().toISOString() }] }, "abandoned-key-0001");
    expect(otherBody.status).toBe(409);
    expect((await otherBody.json()).error.message).toMatch(/different request body/);
    const retries = await Promise.all(Array.from({ length: 10 }, () => post(leadId, body, "abandoned-key-0001")));
    const ran = retries.filter((r) => r.status === 200 && r.headers.get("idempotent-replayed") !== "true");
    expect(ran).toHaveLength(1);
    for (const r of retries.filter((x) => !ran.includes(x))) {
      // The others were told to wait for it, or got its stored response.
      if (r.status === 409) expect((await r.json()).error.message).toMatch(/still being processed/);
      else expect([r.status, r.headers.get("idempotent-replayed")]).toEqual([200, "true"]);
    }
    expect(await activities()).toBe(before + 1);
    const record = await db().idempotencyRecord.findFirstOrThrow({ where: { key: "abandoned-key-0001" } });
    expect(record.responseStatus).toBe(200);
  });
});
