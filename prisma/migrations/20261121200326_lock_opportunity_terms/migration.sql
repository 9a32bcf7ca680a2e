-- While an exception request is in progress (pending, waiting on the requester's answer to a
-- counter offer, or sent back for changes), the opportunity's commercial terms are locked:
-- approvers must decide on the terms they see. Enforced here rather than in commands so
-- that no writer (CRM sync, scripts, a future command) can slip a change past the approval.
--
-- The one sanctioned exception: a command that applies an outcome of the approval itself
-- (the requester accepting a counter offer) sets the transaction-local setting
-- arbiter.unlocked_opportunity to that opportunity's id. It ends with the transaction.
CREATE FUNCTION arbiter_lock_opportunity_terms() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.amount, NEW.list_amount, NEW.discount_pct, NEW.term_months, NEW.payment_terms_days)
     IS NOT DISTINCT FROM (OLD.amount, OLD.list_amount, OLD.discount_pct, OLD.term_months, OLD.payment_terms_days) THEN
    RETURN NEW;
  END IF;
  IF current_setting('arbiter.unlocked_opportunity', true) = OLD.id::text THEN
    RETURN NEW;
  END IF;
  IF EXISTS (
    SELECT 1 FROM exception_requests
    WHERE opportunity_id = OLD.id AND status IN ('PENDING', 'AWAITING_REQUESTER', 'CHANGES_REQUESTED')
  ) THEN
    RAISE EXCEPTION 'opportunity % has an exception request in progress: its commercial terms are locked until it is decided or withdrawn', OLD.id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER "opportunities_lock_terms_while_requested"
  BEFORE UPDATE OF amount, list_amount, discount_pct, term_months, payment_terms_days ON "opportunities"
  FOR EACH ROW EXECUTE FUNCTION arbiter_lock_opportunity_terms();
