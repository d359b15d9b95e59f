-- A title's queue is read as its active reservations only (waiting and ready), in arrival order, without the
-- fulfilled, cancelled and expired ones of its past.
CREATE INDEX reservations_active ON reservations (isbn, sequence) WHERE status IN ('WAITING', 'READY_FOR_PICKUP');
