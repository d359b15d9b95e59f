-- A branch's hold shelf is now found by the hold's pickup branch (the copy's own branch when it has none). 024's index
-- leads with the copy's branch, which no query filters held copies on any more: 023's book_items_pickup_shelf serves
-- that filter (a shelf's rows are read through it and sorted by deadline, a shelf's worth), and the all-branches list
-- reads book_items_hold_expiry. The dead index only costs writes, so it goes.
DROP INDEX IF EXISTS book_items_hold_shelf;
