// Queue creation under concurrency: pg-boss's create_queue deadlocks when two sessions create
// the same queue at once (bench:intake saw a chunk of 465 leads roll back for it on a fresh
// database). ensureQueue creates each queue once per process and retries a creation that lost
// a deadlock to another process.
import PgBoss from "pg-boss";
import { afterAll, describe, expect, it } from "vitest";
import { ensureQueue } from "@/lib/server/jobs/ensure-queue";
import { testDatabaseUrl } from "./support/database";

const started: PgBoss[] = [];
async function newBoss(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: testDatabaseUrl(), supervise: false, schedule: false, max: 4 });
  boss.on("error", () => {});
  await boss.start();
  started.push(boss);
  return boss;
}

afterAll(async () => {
  await Promise.all(started.map((b) => b.stop({ graceful: false, wait: true })));
});

describe("ensureQueue", () => {
  it("creates a queue once when many callers of one process ask at the same moment", async () => {
    const boss = await newBoss();
    await boss.deleteQueue("sla.timer");
    let calls = 0;
    const counted = { createQueue: (...args: Parameters<PgBoss["createQueue"]>) => (calls++, boss.createQueue(...args)) };
    await Promise.all(Array.from({ length: 20 }, () => ensureQueue(counted, "sla.timer")));
    expect(calls).toBe(1);
    expect(await boss.getQueue("sla.timer")).toMatchObject({ name: "sla.timer" });
  });

  it("survives processes creating the same queue at once (each its own pg-boss)", async () => {
    for (let round = 0; round < 4; round++) {
      const bosses = await Promise.all(Array.from({ length: 4 }, () => newBoss()));
      await bosses[0]!.deleteQueue("import.run");
      await Promise.all(bosses.map((b) => ensureQueue(b, "import.run")));
      expect(await bosses[0]!.getQueue("import.run")).toMatchObject({ name: "import.run" });
    }
  });

  it("tries a creation that lost a deadlock again, and forgets a creation that failed for good", async () => {
    let calls = 0;
    const flaky = {
      createQueue: async () => {
        calls++;
        if (calls <= 2) throw Object.assign(new Error("deadlock detected"), { code: "40P01" });
      },
    };
    await ensureQueue(flaky, "sla.timer");
    expect(calls).toBe(3);

    let attempts = 0;
    const brokenOnce = {
      createQueue: async () => {
        attempts++;
        if (attempts === 1) throw Object.assign(new Error("permission denied for schema pgboss"), { code: "42501" });
      },
    };
    await expect(ensureQueue(brokenOnce, "sla.timer")).rejects.toThrow("permission denied");
    expect(attempts).toBe(1);
    await ensureQueue(brokenOnce, "sla.timer");
    expect(attempts).toBe(2);
  });
});
