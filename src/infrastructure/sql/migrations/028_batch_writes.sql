-- The optimistic check of a statement that updates many rows of a table at once (a batch of an import revising its
-- records): it must change every row it was given, at the version each was read at. Changing fewer raises
-- serialization_failure (40001), as expect_one_row does for one row, and the transaction never commits.
CREATE FUNCTION expect_rows(changed bigint, expected bigint, what text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF changed <> expected THEN
    RAISE EXCEPTION '% of % rows of % were changed by someone else', expected - changed, expected, what USING ERRCODE = 'serialization_failure';
  END IF;
END $$;

-- The search change log (019) written a statement at a time: a batch that writes 500 records and their 500 copies
-- runs two trigger calls, each one INSERT … SELECT from the statement's transition table, instead of a thousand row
-- triggers of one INSERT each. The numbers are still drawn at commit, a moment before the transaction becomes visible
-- (what lets a reader wait only briefly for a gap, see ChangeCursor): the statements put the keys aside with the
-- transaction's id, and the transaction's first one marks it, which fires one deferred trigger at commit that moves
-- its keys into the log, each changed key once. Both tables are unlogged: a transaction empties its rows before it
-- commits, and after a crash no transaction of theirs is left to commit.
CREATE UNLOGGED TABLE search_changes_pending (
  xid  xid8 NOT NULL DEFAULT pg_current_xact_id(),
  kind text NOT NULL,
  key  text NOT NULL
);
CREATE INDEX search_changes_pending_xid ON search_changes_pending (xid);
CREATE UNLOGGED TABLE search_changes_commits (xid xid8 PRIMARY KEY);

CREATE FUNCTION search_changes_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH moved AS (DELETE FROM search_changes_pending WHERE xid = NEW.xid RETURNING kind, key)
  INSERT INTO search_changes (kind, key) SELECT DISTINCT kind, key FROM moved;
  DELETE FROM search_changes_commits WHERE xid = NEW.xid;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER search_changes_at_commit AFTER INSERT ON search_changes_commits
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION search_changes_at_commit();

-- A statement's changed keys, set aside until its transaction commits: `changed` is the transition table the trigger
-- names (the new rows, or the old ones of a DELETE).
CREATE FUNCTION search_changes_of_books() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_changes_pending (kind, key) SELECT 'book', record_id FROM changed;
  IF FOUND THEN INSERT INTO search_changes_commits (xid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING; END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION search_changes_of_copies() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_changes_pending (kind, key) SELECT 'copy', barcode FROM changed;
  IF FOUND THEN INSERT INTO search_changes_commits (xid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING; END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION search_changes_of_pools() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_changes_pending (kind, key) SELECT 'pools', isbn FROM changed;
  IF FOUND THEN INSERT INTO search_changes_commits (xid) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING; END IF;
  RETURN NULL;
END $$;

DROP TRIGGER books_search_change ON books;
DROP TRIGGER book_items_search_change ON book_items;
DROP TRIGGER digital_copies_search_change ON digital_copies;
DROP FUNCTION search_change_of_book();
DROP FUNCTION search_change_of_copy();
DROP FUNCTION search_change_of_pool();

-- A trigger with transition tables fires on one kind of statement, so three per table.
CREATE TRIGGER books_search_inserted AFTER INSERT ON books REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION search_changes_of_books();
CREATE TRIGGER books_search_updated AFTER UPDATE ON books REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION search_changes_of_books();
CREATE TRIGGER books_search_deleted AFTER DELETE ON books REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION search_changes_of_books();
CREATE TRIGGER book_items_search_inserted AFTER INSERT ON book_items REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION search_changes_of_copies();
CREATE TRIGGER book_items_search_updated AFTER UPDATE ON book_items REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION search_changes_of_copies();
CREATE TRIGGER book_items_search_deleted AFTER DELETE ON book_items REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION search_changes_of_copies();
CREATE TRIGGER digital_copies_search_inserted AFTER INSERT ON digital_copies REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION search_changes_of_pools();
CREATE TRIGGER digital_copies_search_updated AFTER UPDATE ON digital_copies REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION search_changes_of_pools();
CREATE TRIGGER digital_copies_search_deleted AFTER DELETE ON digital_copies REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION search_changes_of_pools();
