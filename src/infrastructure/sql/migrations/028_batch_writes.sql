-- The optimistic check of a statement that updates many rows of a table at once (a batch of an import revising its
-- records): it must change every row it was given, at the version each was read at. Changing fewer raises
-- serialization_failure (40001), as expect_one_row does for one row, and the transaction never commits.
CREATE FUNCTION expect_rows(changed bigint, expected bigint, what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF changed <> expected THEN
    RAISE EXCEPTION '% of % rows of % were changed by someone else', expected - changed, expected, what USING ERRCODE = 'serialization_failure';
  END IF;
END $$;
