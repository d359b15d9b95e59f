-- A member's loans live in loans and their reservations in reservations; the members row kept a second copy of
-- both, updated by hand on every checkout, return and hold. The copies go: what a member has out is read from
-- loans (loans_outstanding_member), what they wait for from reservations, through the index below.
-- Decisions about one member still serialise on the members row: the use cases save it, bumping its version.
ALTER TABLE members DROP COLUMN active_loan_count;
ALTER TABLE members DROP COLUMN active_loan_ids;
ALTER TABLE members DROP COLUMN active_reservations;

CREATE INDEX reservations_active_member ON reservations (member_id, isbn) WHERE status IN ('WAITING', 'READY_FOR_PICKUP');
