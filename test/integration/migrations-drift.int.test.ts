// The migrations folder and schema.prisma must describe the same database: a change to
// one without the other fails here (fix: `npm run db:migration:new -- --name <what>`).
import { describe, expect, inject, it } from "vitest";
import { defaultSchemaFiles, diffDatabaseAgainstSchema, diffMigrationsAgainstSchema } from "../../lib/cli/db/schema-diff";
import { superuserQuery, testDatabaseUrl } from "./support/database";

describe("migrations vs schema.prisma", () => {
  it("all migrations applied to an empty database give exactly what schema.prisma describes", async () => {
    const diff = await diffMigrationsAgainstSchema({ serverUrl: inject("pgAdminUrl") });
    expect(diff.sql).toBe("");
    expect(diff.empty).toBe(true);
  });

  it("reports a column the schema has and the database lacks (the check can fail)", async () => {
    const [file] = defaultSchemaFiles();
    if (!file) throw new Error("no schema file");
    const content = file.content.replace(/(model LoginThrottle \{\n)/, "$1  driftProbe    Int?      @map(\"drift_probe\")\n");
    expect(content).not.toBe(file.content);

    const diff = await diffDatabaseAgainstSchema(testDatabaseUrl(), [{ ...file, content }]);
    expect(diff.empty).toBe(false);
    expect(diff.sql).toMatch(/ALTER TABLE "login_throttle" ADD COLUMN\s+"drift_probe" INTEGER/);
  });

  it("reports an index the database lacks", async () => {
    await superuserQuery('DROP INDEX "leads_created_at_idx"');
    const diff = await diffDatabaseAgainstSchema(testDatabaseUrl());
    expect(diff.sql).toMatch(/CREATE INDEX "leads_created_at_idx" ON "leads"\("created_at"\)/);
  });

  it("ignores the hand-written CHECK constraints and triggers (they are not drift)", async () => {
    const { rows } = await superuserQuery<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_constraint WHERE contype = 'c' AND conname LIKE '%_check'",
    );
    expect(rows[0]?.n).toBeGreaterThanOrEqual(10);
    // Append-only (2) and the queue for the chain's sealer (1); the foreign key's own triggers are internal.
    const triggers = await superuserQuery("SELECT tgname FROM pg_trigger WHERE tgrelid = 'decision_log'::regclass AND NOT tgisinternal");
    expect(triggers.rowCount).toBe(3);
  });
});
