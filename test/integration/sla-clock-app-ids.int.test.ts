// startClocks' `exclusive` path (ADR 0028): a caller that holds its subjects' locks (submit and
// decide hold the request's) gets clocks whose ids the app made, and their timers are sent with
// the clock insert instead of after its answer. The clocks, their timers and their log entries
// must be exactly those of the other path, roll back with the caller, and a clock that exists
// already must fail the transaction rather than leave a timer and a log entry for a clock that
// was never started.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { appendDecisions, verifyDecisionLog } from "@/lib/server/decision-log";
import { withPgTransaction } from "@/lib/server/pg-transaction";
import { startClocks } from "@/lib/server/sla/start-clocks";
import type { TClockStart } from "@/lib/server/sla/types";
import { makeUser } from "./fixtures/users";
import { publishSlaPolicy, quickSlaPolicy } from "./fixtures/sla-policy";

let owner: { id: string };

const stepStart = (subjectId: string): TClockStart => ({
  kind: "APPROVAL_STAGE",
  subjectType: "APPROVAL_STEP",
  subjectId,
  ownerId: owner.id,
  teamId: null,
  region: null,
  targetMinutes: 10,
  reason: "the manager approval stage opened",
});

const timerJobs = (clockId: string) =>
  db().$queryRaw<{ start_after: Date; data: { clockId: string; generation: number } }[]>`
    SELECT start_after, data FROM pgboss.job WHERE name = 'sla.timer' AND data->>'clockId' = ${clockId}`;

/** startClocks on a pg transaction (as submit and decide run it), its entries logged last. */
const startExclusive = (starts: TClockStart[]) =>
  withPgTransaction(async (tx) => {
    const result = await startClocks(tx, starts, { exclusive: true, knownRequests: new Map(starts.map((s) => [s.subjectId, "request-of-" + s.subjectId])) });
    await tx.last(() => appendDecisions(tx, result.decisions, { bulk: tx.query }));
    return result;
  }, { timeoutMs: 5_000 });

describe("startClocks({ exclusive })", () => {
  beforeAll(async () => {
    const revops = await makeUser("REVOPS");
    owner = await makeUser("SALES_MANAGER");
    await publishSlaPolicy(revops, quickSlaPolicy());
  });

  it("writes the clocks with the app's ids, each with its first timer and log entry", async () => {
    const steps = [randomUUID(), randomUUID()];
    const { clocks, decisions } = await startExclusive(steps.map(stepStart));
    expect(clocks.map((c) => c.subjectId)).toEqual(steps);
    for (const [i, clock] of clocks.entries()) {
      const row = await db().slaClock.findUniqueOrThrow({ where: { id: clock.id } });
      expect(row).toMatchObject({ kind: "APPROVAL_STAGE", subjectId: steps[i], status: "RUNNING", targetMinutes: 10, ownerId: owner.id, generation: 0 });
      expect(row.dueAt!.getTime() - row.startedAt.getTime()).toBe(10 * 60_000);
      // The first timer is the 50% warning, for this clock's generation 0.
      const jobs = await timerJobs(clock.id);
      expect(jobs.map((j) => [j.start_after.getTime() - row.startedAt.getTime(), j.data.generation])).toEqual([[5 * 60_000, 0]]);
      expect(decisions[i]).toMatchObject({ kind: "sla.clock_started", subjectType: "exception_request", subjectId: `request-of-${steps[i]}`, input: { clockId: clock.id, subjectId: steps[i] } });
    }
    expect(await verifyDecisionLog(db())).toMatchObject({ ok: true });
  });

  it("rolls the clocks and their timers back with the caller", async () => {
    const step = randomUUID();
    let clockId = "";
    await expect(
      withPgTransaction(async (tx) => {
        clockId = (await startClocks(tx, [stepStart(step)], { exclusive: true })).clocks[0]!.id;
        throw new Error("caller failed");
      }, { timeoutMs: 5_000 }),
    ).rejects.toThrow("caller failed");
    expect(clockId).not.toBe("");
    expect(await db().slaClock.count({ where: { subjectId: step } })).toBe(0);
    expect(await timerJobs(clockId)).toEqual([]);
  });

  it("fails the transaction when the subject has an open clock already: no second clock, no timer, no entry", async () => {
    const step = randomUUID();
    const [first] = (await startExclusive([stepStart(step)])).clocks;
    const jobsBefore = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'sla.timer'`;
    const entriesBefore = await db().decisionLog.count({ where: { kind: "sla.clock_started" } });
    await expect(startExclusive([stepStart(step)])).rejects.toThrow(/exists already/);
    expect(await db().slaClock.findMany({ where: { subjectId: step }, select: { id: true } })).toEqual([{ id: first!.id }]);
    expect(await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'sla.timer'`).toEqual(jobsBefore);
    expect(await db().decisionLog.count({ where: { kind: "sla.clock_started" } })).toBe(entriesBefore);
  });
});
