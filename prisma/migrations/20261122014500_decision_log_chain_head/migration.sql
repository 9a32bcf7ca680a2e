-- Written by hand (Prisma does not model functions; its diff ignores them, as the drift test proves).
-- The decision log's chain lock and the chain head in ONE round trip (ADR 0022): the lock is held
-- from its grant to COMMIT, and every writer waits for it, so a round trip less inside it is a
-- round trip less for everyone. In a VOLATILE function each query takes a new snapshot (READ
-- COMMITTED), so the head is read after the lock is granted and sees the last writer's commit;
-- one SELECT holding both would read the head from a snapshot taken before its own lock wait.
CREATE FUNCTION arbiter_decision_log_claim(entries int)
RETURNS TABLE (last_hash text, claimed_at timestamptz, last_id bigint)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(4242001);
  RETURN QUERY
    SELECT (SELECT d.hash FROM decision_log d ORDER BY d.id DESC LIMIT 1),
           date_trunc('milliseconds', clock_timestamp()),
           -- One range of ids: nextval, then setval to its end; safe because every writer takes ids here, under the lock.
           setval(pg_get_serial_sequence('decision_log', 'id'), nextval(pg_get_serial_sequence('decision_log', 'id')) + entries - 1);
END;
$$;
