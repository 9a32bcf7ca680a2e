-- Invariants that schema.prisma cannot express, written by hand. Prisma's diff ignores
-- CHECK constraints and triggers, so they do not count as drift (the drift test proves it).
-- Rules and their reasons: docs/decisions/.

-- decision_log is append-only: corrections are new rows pointing at the old one.
CREATE FUNCTION arbiter_refuse_decision_log_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'decision_log is append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER "decision_log_refuse_update_delete"
  BEFORE UPDATE OR DELETE ON "decision_log"
  FOR EACH ROW EXECUTE FUNCTION arbiter_refuse_decision_log_change();

CREATE TRIGGER "decision_log_refuse_truncate"
  BEFORE TRUNCATE ON "decision_log"
  FOR EACH STATEMENT EXECUTE FUNCTION arbiter_refuse_decision_log_change();

-- One published version per kind: active_kind is set exactly when the version is
-- PUBLISHED, always to its own kind, and is unique (policy_versions_active_kind_key).
ALTER TABLE "policy_versions"
  ADD CONSTRAINT "policy_versions_active_kind_published_check" CHECK ((status = 'PUBLISHED') = (active_kind IS NOT NULL)),
  ADD CONSTRAINT "policy_versions_active_kind_kind_check" CHECK (active_kind IS NULL OR active_kind = kind);

-- A lead is identified by its email or by the source system's id.
ALTER TABLE "leads"
  ADD CONSTRAINT "leads_identity_check" CHECK (email IS NOT NULL OR external_id IS NOT NULL);

ALTER TABLE "opportunities"
  ADD CONSTRAINT "opportunities_amounts_check" CHECK (amount >= 0 AND list_amount >= 0),
  ADD CONSTRAINT "opportunities_discount_pct_check" CHECK (discount_pct >= 0 AND discount_pct <= 100),
  ADD CONSTRAINT "opportunities_term_months_check" CHECK (term_months > 0),
  ADD CONSTRAINT "opportunities_payment_terms_days_check" CHECK (payment_terms_days >= 0);

ALTER TABLE "absences"
  ADD CONSTRAINT "absences_period_check" CHECK (ends_at > starts_at);

ALTER TABLE "delegations"
  ADD CONSTRAINT "delegations_period_check" CHECK (ends_at > starts_at),
  ADD CONSTRAINT "delegations_not_self_check" CHECK (delegator_id <> delegate_id);
