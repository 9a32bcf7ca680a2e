-- ADR 0026: input, output and reasons are stored as json (the exact text the writer sent and
-- hashed) instead of jsonb, so a writer hashes that text instead of a canonical form of it.
-- Entries already there keep their content hash over the canonical JSON: version 1. (Adding a
-- column with a constant default and changing the column types fire no row triggers, so the
-- log's append-only triggers are not involved; the rewrite keeps every row.)
ALTER TABLE "decision_log" ADD COLUMN "content_hash_version" SMALLINT NOT NULL DEFAULT 1,
ALTER COLUMN "input" SET DATA TYPE JSON,
ALTER COLUMN "output" SET DATA TYPE JSON,
ALTER COLUMN "reasons" SET DATA TYPE JSON;

-- Entries written from now on hash their exact text.
ALTER TABLE "decision_log" ALTER COLUMN "content_hash_version" SET DEFAULT 2;

-- Verification knows these two ways only.
ALTER TABLE "decision_log" ADD CONSTRAINT "decision_log_content_hash_version_known" CHECK ("content_hash_version" IN (1, 2));
