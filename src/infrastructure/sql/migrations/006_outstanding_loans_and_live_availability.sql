-- A member's standing (fees, overdue and lost items) is decided on every checkout, renewal and hold. It reads the
-- loans still outstanding (open or lost) through this index, never the returned history, however long that grows.
CREATE INDEX loans_outstanding_member ON loans (member_id, checked_out_at) WHERE status IN ('OPEN', 'LOST');

-- Search reads availability from book_items at query time (through book_items_on_shelf), so no second copy of the
-- counts is kept beside the documents, and a checkout or return writes nothing for the search.
DROP TABLE search_availability;
