// The background worker on real pg-boss: it beats, runs queued jobs and stops cleanly.
import PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { startWorker } from "@/lib/server/jobs/worker";
import { readHealth } from "@/lib/server/queries/read-health";

describe("background worker", () => {
  it("reports its heartbeat, runs a queued job, and removes its beat on graceful stop", async () => {
    const databaseUrl = process.env.DATABASE_URL!;
    expect((await readHealth()).worker.ok).toBe(false);

    const worker = await startWorker({ databaseUrl, log: () => {} });
    try {
      const health = await readHealth();
      expect(health).toMatchObject({ status: "ok", database: { ok: true }, worker: { ok: true, alive: 1 } });

      const sender = new PgBoss({ connectionString: databaseUrl });
      await sender.start();
      const jobId = await sender.send("decision-log.verify", {});
      expect(jobId).toBeTruthy();
      let state: string | undefined;
      for (let i = 0; i < 60 && state !== "completed"; i++) {
        state = (await sender.getJobById("decision-log.verify", jobId!))?.state;
        if (state !== "completed") await new Promise((r) => setTimeout(r, 500));
      }
      expect(state).toBe("completed");
      await sender.stop({ graceful: false, wait: true });
    } finally {
      await worker.stop();
    }
    expect(await db().workerHeartbeat.count()).toBe(0);
    expect((await readHealth()).status).toBe("degraded");
  });
});
