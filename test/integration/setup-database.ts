// Runs before each integration test file: gives the file its own database, cloned from
// the migrated template, and points DATABASE_URL at it so lib/server/db.ts (created
// lazily, on first use) connects there.
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createDatabase } from "../../lib/cli/db/scratch-database";

const name = `${inject("pgDatabasePrefix")}_${randomBytes(5).toString("hex")}`;
process.env.DATABASE_URL = await createDatabase(inject("pgAdminUrl"), name, inject("pgTemplateDatabase"));
// Test files run side by side on one Postgres, and some (fairness, concurrency) send 100
// clients through a 10-connection pool on purpose: they assert correctness, not latency, so a
// connection may be waited for as long as a loaded CI machine needs.
process.env.DATABASE_POOL_ACQUIRE_MS ??= "60000";
