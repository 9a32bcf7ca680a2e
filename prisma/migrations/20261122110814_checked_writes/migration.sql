-- ADR 0029: submit and decide send their writes, their decision-log entry and COMMIT in one
-- flight, before any of them has answered. A write whose success the app used to check from its
-- answer (the step still PENDING when decided, the request and steps all written) must then fail
-- in the database instead, so that the transaction aborts and the COMMIT already on its way
-- answers ROLLBACK. This function makes a statement fail unless `ok` is true, with the caller's
-- message and its own SQLSTATE (ARB01), which the app recognises.
CREATE FUNCTION "arbiter_check"("ok" BOOLEAN, "message" TEXT) RETURNS BOOLEAN
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF "ok" IS NOT TRUE THEN
    RAISE EXCEPTION USING MESSAGE = "message", ERRCODE = 'ARB01';
  END IF;
  RETURN TRUE;
END
$$;
