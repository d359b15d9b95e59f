-- The optimistic save's check, made inside the database: an UPDATE or DELETE of an aggregate root that finds its
-- row at another version raises serialization_failure (40001) there and then, which aborts the transaction. The
-- store can so send COMMIT behind its writes without waiting for their answers: a transaction one of whose saves
-- lost a race never commits, because the database has already rolled it back.
CREATE FUNCTION expect_one_row(changed bigint, what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF changed <> 1 THEN
    RAISE EXCEPTION '% was changed by someone else', what USING ERRCODE = 'serialization_failure';
  END IF;
END $$;
