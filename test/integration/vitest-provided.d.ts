// Values test/integration/global-setup.ts hands to every integration test file (vitest `inject`).
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser connection to the test server's maintenance database. */
    pgAdminUrl: string;
    /** Migrated database each test file's database is cloned from. */
    pgTemplateDatabase: string;
    /** Prefix of this run's per-file databases (dropped at teardown). */
    pgDatabasePrefix: string;
  }
}
