-- Patron card expiry, unique member email addresses and overdue fines accrued daily. See docs/policies.md.

-- A member's card expires at an instant (null: never); the jobs find the cards about to expire by it.
ALTER TABLE members ADD COLUMN card_expires_at timestamptz;
CREATE INDEX members_card_expiry ON members (card_expires_at) WHERE card_expires_at IS NOT NULL;

-- An email address belongs to one member, compared without case. Members who already shared an address keep it:
-- the earliest id holds it, the others are marked and left out of the unique index (new registrations are refused).
ALTER TABLE members ADD COLUMN email_shared boolean NOT NULL DEFAULT false;
UPDATE members m SET email_shared = true
  WHERE m.email IS NOT NULL AND EXISTS (SELECT 1 FROM members o WHERE lower(o.email) = lower(m.email) AND o.id < m.id);
CREATE UNIQUE INDEX members_email_unique ON members (lower(email)) WHERE email IS NOT NULL AND NOT email_shared;
CREATE INDEX members_email ON members (lower(email)) WHERE email IS NOT NULL;

-- An overdue fine the jobs accrue while its loan is out: ACCRUING, or STOPPED once waived; null once the loan ended.
ALTER TABLE fines
  ADD COLUMN accrual text CHECK (accrual IN ('ACCRUING', 'STOPPED')),
  ADD CONSTRAINT fines_accrual_only_overdue CHECK (accrual IS NULL OR reason = 'OVERDUE');
-- One accruing fine per loan. A loan renewed late is charged its lateness then and again at its return, so overdue
-- fines are no longer once per loan; every other reason still is.
DROP INDEX fines_once_per_loan_and_reason;
CREATE UNIQUE INDEX fines_once_per_loan_and_reason ON fines (loan_id, reason) WHERE loan_id IS NOT NULL AND reason <> 'OVERDUE';
CREATE UNIQUE INDEX fines_one_accruing_per_loan ON fines (loan_id) WHERE accrual IS NOT NULL;
-- A decision reads the open fines and the accruing ones (even paid up or waived), in ledger order.
DROP INDEX fines_open;
CREATE INDEX fines_live ON fines (member_id, ordinal) WHERE status = 'OPEN' OR accrual IS NOT NULL;
