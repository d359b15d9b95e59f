-- A decision reads a member's balance and open fines only, not every fine and payment they ever had: the ledger's row
-- keeps the running balance (the open fines' outstanding amounts) and how many fines and payments it holds (the next
-- free ordinal of each), filled here from the rows already written.
ALTER TABLE fine_ledgers
  ADD COLUMN balance       bigint  NOT NULL DEFAULT 0 CHECK (balance >= 0),
  ADD COLUMN fine_count    integer NOT NULL DEFAULT 0 CHECK (fine_count >= 0),
  ADD COLUMN payment_count integer NOT NULL DEFAULT 0 CHECK (payment_count >= 0);

UPDATE fine_ledgers l SET
  balance       = coalesce((SELECT sum(f.outstanding) FROM fines f WHERE f.member_id = l.member_id AND f.status = 'OPEN'), 0),
  fine_count    = coalesce((SELECT max(f.ordinal) + 1 FROM fines f WHERE f.member_id = l.member_id), 0),
  payment_count = coalesce((SELECT max(p.ordinal) + 1 FROM payments p WHERE p.member_id = l.member_id), 0);

-- The open fines of a member, in ledger order, without reading the settled ones.
CREATE INDEX fines_open ON fines (member_id, ordinal) WHERE status = 'OPEN';
-- The fines of one loan (a lost copy that comes back settles them).
CREATE INDEX fines_of_loan ON fines (member_id, loan_id) WHERE loan_id IS NOT NULL;
