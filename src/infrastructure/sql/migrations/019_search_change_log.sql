-- The change log a search index kept in each process follows: one row per title, copy or digital pool written,
-- added in the same transaction as the write. The rows name what changed, not how: a reader re-reads the current
-- row, so it may apply changes in any order and twice. The triggers are deferred to the commit, so a row's number
-- is drawn a moment before its transaction becomes visible, and a reader waits only briefly for a gap to fill.
CREATE TABLE search_changes (
  seq        bigserial PRIMARY KEY,
  kind       text NOT NULL CHECK (kind IN ('book', 'copy', 'pools')),
  -- book: the record id; copy: the barcode; pools: the title's record id
  key        text NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_changes_changed_at ON search_changes (changed_at);

CREATE FUNCTION search_change_of_book() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_changes (kind, key) VALUES ('book', CASE WHEN TG_OP = 'DELETE' THEN OLD.record_id ELSE NEW.record_id END);
  RETURN NULL;
END $$;

CREATE FUNCTION search_change_of_copy() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_changes (kind, key) VALUES ('copy', CASE WHEN TG_OP = 'DELETE' THEN OLD.barcode ELSE NEW.barcode END);
  RETURN NULL;
END $$;

CREATE FUNCTION search_change_of_pool() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_changes (kind, key) VALUES ('pools', CASE WHEN TG_OP = 'DELETE' THEN OLD.isbn ELSE NEW.isbn END);
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER books_search_change AFTER INSERT OR UPDATE OR DELETE ON books
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION search_change_of_book();
CREATE CONSTRAINT TRIGGER book_items_search_change AFTER INSERT OR UPDATE OR DELETE ON book_items
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION search_change_of_copy();
CREATE CONSTRAINT TRIGGER digital_copies_search_change AFTER INSERT OR UPDATE OR DELETE ON digital_copies
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION search_change_of_pool();
