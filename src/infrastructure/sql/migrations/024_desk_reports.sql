-- The circulation desk's lists and dashboard read these figures outside transactions. Each gets an index over what
-- it filters on, so a count reads the rows it counts (today's loans, this month's payments), however long the history.

-- Loans and returns per hour and per day: range scans by checkout and by return instant.
CREATE INDEX loans_checked_out_at ON loans (checked_out_at);
CREATE INDEX loans_returned_at ON loans (returned_at) WHERE returned_at IS NOT NULL;

-- Fines collected today and this month.
CREATE INDEX payments_paid_at ON payments (paid_at);

-- Holds ready on a shelf (the waiting ones are counted from reservations_waiting).
CREATE INDEX reservations_ready ON reservations (expires_at) WHERE status = 'READY_FOR_PICKUP';

-- A branch's hold shelf, earliest pickup deadline first.
CREATE INDEX book_items_hold_shelf ON book_items (branch, hold_expires_at) WHERE status = 'RESERVED';
