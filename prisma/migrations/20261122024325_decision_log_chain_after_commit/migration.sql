-- DropIndex
DROP INDEX "decision_log_hash_key";

-- AlterTable
ALTER TABLE "decision_log" ADD COLUMN     "content_hash" TEXT,
ALTER COLUMN "prev_hash" DROP NOT NULL,
ALTER COLUMN "hash" DROP NOT NULL;

-- CreateTable
CREATE TABLE "decision_chain" (
    "seq" BIGINT NOT NULL,
    "entry_id" BIGINT NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "sealed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decision_chain_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "decision_log_pending" (
    "entry_id" BIGINT NOT NULL,
    "content_hash" TEXT NOT NULL,

    CONSTRAINT "decision_log_pending_pkey" PRIMARY KEY ("entry_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "decision_chain_entry_id_key" ON "decision_chain"("entry_id");

-- Written by hand from here (Prisma's diff ignores CHECK constraints, triggers and functions).
-- The decision log is chained after commit (ADR 0023): writers insert entries with a content
-- hash and take no lock; one sealer at a time links committed entries into decision_chain.

-- Every entry is covered: by its content hash, or (entries written before this migration) by
-- the in-transaction chain it was written with.
ALTER TABLE "decision_log"
  ADD CONSTRAINT "decision_log_covered_check" CHECK (content_hash IS NOT NULL OR (hash IS NOT NULL AND prev_hash IS NOT NULL));

-- Every inserted entry waits in decision_log_pending until the sealer chains it. A statement
-- trigger with a transition table: one INSERT however many entries the statement wrote. An
-- entry written before this migration is chained by the hash it was written with.
CREATE FUNCTION arbiter_queue_decision_log_entries() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO decision_log_pending (entry_id, content_hash) SELECT id, coalesce(content_hash, hash) FROM new_entries;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "decision_log_queue_for_chain"
  AFTER INSERT ON "decision_log"
  REFERENCING NEW TABLE AS new_entries
  FOR EACH STATEMENT EXECUTE FUNCTION arbiter_queue_decision_log_entries();

-- The chain is append-only like the log it covers: the log's refusal names the table it fires on.
CREATE OR REPLACE FUNCTION arbiter_refuse_decision_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
END;
$$;

CREATE TRIGGER "decision_chain_refuse_update_delete"
  BEFORE UPDATE OR DELETE ON "decision_chain"
  FOR EACH ROW EXECUTE FUNCTION arbiter_refuse_decision_log_change();

CREATE TRIGGER "decision_chain_refuse_truncate"
  BEFORE TRUNCATE ON "decision_chain"
  FOR EACH STATEMENT EXECUTE FUNCTION arbiter_refuse_decision_log_change();

-- Seals up to max_entries committed entries, oldest id first, and returns how many (-1 when
-- another sealer holds the chain and `wait` is false). Link n's hash is
--   sha256(hex hash of link n-1 || '\n' || entry id || '\n' || entry content hash)
-- with 64 zeros before the first link; lib/server/decision-log/verify.ts verifies exactly this.
-- In a VOLATILE function each query takes a new snapshot, so the pending entries are read
-- after the lock is granted and include every commit before that moment.
CREATE FUNCTION arbiter_decision_log_seal(max_entries int, wait boolean)
RETURNS int
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  head_seq bigint;
  head_hash text;
  entry record;
  seqs bigint[] := '{}';
  ids bigint[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
BEGIN
  IF wait THEN
    PERFORM pg_advisory_xact_lock(4242001);
  ELSIF NOT pg_try_advisory_xact_lock(4242001) THEN
    RETURN -1;
  END IF;
  SELECT c.seq, c.hash INTO head_seq, head_hash FROM decision_chain c ORDER BY c.seq DESC LIMIT 1;
  head_seq := coalesce(head_seq, 0);
  head_hash := coalesce(head_hash, repeat('0', 64));
  FOR entry IN SELECT p.entry_id, p.content_hash FROM decision_log_pending p ORDER BY p.entry_id LIMIT max_entries
  LOOP
    head_seq := head_seq + 1;
    seqs := array_append(seqs, head_seq);
    ids := array_append(ids, entry.entry_id);
    prevs := array_append(prevs, head_hash);
    head_hash := encode(sha256(convert_to(head_hash || E'\n' || entry.entry_id::text || E'\n' || entry.content_hash, 'UTF8')), 'hex');
    hashes := array_append(hashes, head_hash);
  END LOOP;
  INSERT INTO decision_chain (seq, entry_id, prev_hash, hash) SELECT * FROM unnest(seqs, ids, prevs, hashes);
  DELETE FROM decision_log_pending WHERE entry_id = ANY (ids);
  RETURN cardinality(ids);
END;
$$;

-- Writers no longer claim the chain in their transaction.
DROP FUNCTION arbiter_decision_log_claim(int);

-- The entries already written are chained now, in id order (their order in the old chain).
INSERT INTO decision_log_pending (entry_id, content_hash) SELECT id, hash FROM decision_log;
SELECT arbiter_decision_log_seal(2147483647, true);
