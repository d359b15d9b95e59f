-- A branch is a row of its own, not free text on each copy: copies belong to one, and rule entries, calendars and
-- SIP2 logins name it by id. Its time zone and opening days stay its calendar's (branch_calendars, or the policy's).
CREATE TABLE branches (
  id         text PRIMARY KEY CHECK (length(id) > 0),
  version    integer NOT NULL CHECK (version > 0),
  name       text NOT NULL CHECK (length(name) > 0),
  hold_shelf text NOT NULL CHECK (length(hold_shelf) > 0)
);

-- Existing data migrates: one branch for each code already in use, named after its code.
INSERT INTO branches (id, version, name, hold_shelf)
SELECT code, 1, code, 'Hold shelf'
FROM (
  SELECT branch AS code FROM book_items
  UNION SELECT branch FROM branch_calendars
  UNION SELECT location FROM sip2_accounts
) used
WHERE length(code) > 0
ON CONFLICT (id) DO NOTHING;

ALTER TABLE book_items
  ADD CONSTRAINT book_items_branch_fk FOREIGN KEY (branch) REFERENCES branches (id) DEFERRABLE INITIALLY DEFERRED;
