-- Copies gain DAMAGED, IN_REPAIR, MISSING and IN_TRANSIT; a copy in transit names the branch it travels to (and
-- the hold it travels for, while that hold lasts); a held copy names the hold shelf it waits on when that is not its
-- own branch's.
ALTER TABLE book_items DROP CONSTRAINT book_items_status_check;
ALTER TABLE book_items
  ADD CONSTRAINT book_items_status_check
    CHECK (status IN ('AVAILABLE', 'RESERVED', 'LOANED', 'LOST', 'DAMAGED', 'IN_REPAIR', 'MISSING', 'IN_TRANSIT')),
  ADD COLUMN hold_pickup_branch text REFERENCES branches (id) DEFERRABLE INITIALLY DEFERRED,
  ADD COLUMN transit_to text REFERENCES branches (id) DEFERRABLE INITIALLY DEFERRED,
  ADD COLUMN transit_sent_at timestamptz,
  ADD COLUMN transit_member_id text,
  ADD COLUMN transit_reservation_id text,
  ADD CONSTRAINT book_items_pickup_branch_only_on_hold CHECK (status = 'RESERVED' OR hold_pickup_branch IS NULL),
  ADD CONSTRAINT book_items_transit_only_in_transit
    CHECK ((status = 'IN_TRANSIT') = (transit_to IS NOT NULL AND transit_sent_at IS NOT NULL)),
  ADD CONSTRAINT book_items_transit_hold_only_in_transit
    CHECK (status = 'IN_TRANSIT' OR (transit_member_id IS NULL AND transit_reservation_id IS NULL));
CREATE INDEX book_items_pickup_shelf ON book_items ((coalesce(hold_pickup_branch, branch)), barcode COLLATE "C") WHERE status = 'RESERVED';
CREATE INDEX book_items_in_transit ON book_items (transit_to, barcode COLLATE "C") WHERE status = 'IN_TRANSIT';

-- Holds gain a pickup branch, a "not needed after" instant, and the states SUSPENDED (skipped by allocation, keeping
-- its place), IN_TRANSIT (a copy travels to the pickup branch) and LAPSED (unfilled at its "not needed after").
ALTER TABLE reservations DROP CONSTRAINT reservations_status_check;
ALTER TABLE reservations DROP CONSTRAINT reservations_check1;
ALTER TABLE reservations
  ADD CONSTRAINT reservations_status_check
    CHECK (status IN ('WAITING', 'SUSPENDED', 'IN_TRANSIT', 'READY_FOR_PICKUP', 'FULFILLED', 'EXPIRED', 'CANCELLED', 'LAPSED')),
  ADD CONSTRAINT reservations_open_until_closed
    CHECK ((status IN ('WAITING', 'SUSPENDED', 'IN_TRANSIT', 'READY_FOR_PICKUP')) = (closed_at IS NULL)),
  ADD COLUMN pickup_branch text REFERENCES branches (id) DEFERRABLE INITIALLY DEFERRED,
  ADD COLUMN not_needed_after timestamptz,
  ADD COLUMN suspended_until timestamptz,
  ADD CONSTRAINT reservations_in_transit_names_copy CHECK (status <> 'IN_TRANSIT' OR barcode IS NOT NULL),
  ADD CONSTRAINT reservations_wakes_only_when_suspended CHECK (status = 'SUSPENDED' OR suspended_until IS NULL);

-- "Active" now spans the four open states: the indexes that select active reservations are rebuilt with it.
DROP INDEX reservations_one_active_per_member;
CREATE UNIQUE INDEX reservations_one_active_per_member ON reservations (isbn, member_id)
  WHERE status IN ('WAITING', 'SUSPENDED', 'IN_TRANSIT', 'READY_FOR_PICKUP');
DROP INDEX reservations_active_member;
CREATE INDEX reservations_active_member ON reservations (member_id, isbn)
  WHERE status IN ('WAITING', 'SUSPENDED', 'IN_TRANSIT', 'READY_FOR_PICKUP');
DROP INDEX reservations_active;
CREATE INDEX reservations_active ON reservations (isbn, sequence)
  WHERE status IN ('WAITING', 'SUSPENDED', 'IN_TRANSIT', 'READY_FOR_PICKUP');
-- What the sweeps scan: unfilled holds with a "not needed after", suspended holds with an end.
CREATE INDEX reservations_not_needed_after ON reservations (not_needed_after) WHERE status IN ('WAITING', 'SUSPENDED');
CREATE INDEX reservations_suspended_until ON reservations (suspended_until) WHERE status = 'SUSPENDED';
