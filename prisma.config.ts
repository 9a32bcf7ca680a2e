import path from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI downloads a native schema engine before most commands; its host is
// unreachable on our machines. `prisma generate` never uses that engine, so pointing the
// CLI at any existing file lets `generate` run offline (as postinstall). Migrations are
// applied and authored by our own scripts instead (see docs/decisions/0002-migrations-offline.md).
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = path.resolve("package.json");
}

export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
});
