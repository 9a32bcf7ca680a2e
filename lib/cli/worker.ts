// `npm run worker`: the background worker as its own process (production runs one or more).
import { startWorker } from "@/lib/server/jobs/worker";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set. The worker needs the app's PostgreSQL (or run `npm run dev`, which starts everything).");
  process.exit(1);
}

const worker = await startWorker({ databaseUrl });
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    worker.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("[worker] stop failed", error);
        process.exit(1);
      },
    );
  });
}
