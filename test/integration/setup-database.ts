// Runs before each integration test file: gives the file its own database, cloned from
// the migrated template, and points DATABASE_URL at it so lib/server/db.ts (created
// lazily, on first use) connects there.
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { createDatabase } from "../../lib/cli/db/scratch-database";

const name = `${inject("pgDatabasePrefix")}_${randomBytes(5).toString("hex")}`;
process.env.DATABASE_URL = await createDatabase(inject("pgAdminUrl"), name, inject("pgTemplateDatabase"));
