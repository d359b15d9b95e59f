-- Circulation rules (loan categories, recalls, claims returned, lost-item recovery, manual blocks).
-- Every new column has a default, so rows written before this migration load as they did.

ALTER TABLE book_items
  ADD COLUMN loan_category text NOT NULL DEFAULT 'STANDARD'
    CHECK (loan_category IN ('STANDARD', 'SHORT_LOAN', 'REFERENCE', 'MEDIA')),
  ADD COLUMN hold_original_expires_at timestamptz,
  ADD COLUMN lost_loan jsonb,
  ADD CONSTRAINT book_items_original_deadline_only_on_hold CHECK (status = 'RESERVED' OR hold_original_expires_at IS NULL),
  ADD CONSTRAINT book_items_lost_loan_only_when_lost CHECK (status = 'LOST' OR lost_loan IS NULL);

UPDATE book_items SET loan_category = 'REFERENCE' WHERE reference_only;

ALTER TABLE members
  ADD COLUMN manual_blocks jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN claims_returned_count integer NOT NULL DEFAULT 0 CHECK (claims_returned_count >= 0);

ALTER TABLE loans
  ADD COLUMN original_due_at timestamptz,
  ADD COLUMN recalled_at timestamptz,
  ADD COLUMN claimed_returned_at timestamptz,
  ADD COLUMN lost_at timestamptz;
