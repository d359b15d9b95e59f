-- Copies, loans, holds and digital copies of records without an ISBN: the column each of them names its title by
-- (`isbn`, the title's key) takes any record id, as long as `books.record_id` (migration 017), instead of an ISBN-13
-- only. The rows already here keep their keys (ISBN-13s are record ids). None of these columns has a CHECK on its
-- shape; the foreign keys point at books (record_id) already. `books.isbn` and `search_documents.isbn` are the
-- records' real ISBNs and stay varchar(13). Widening a varchar rewrites no table and keeps the plain indexes;
-- PostgreSQL rebuilds the partial ones on these columns (book_items_on_shelf, loans_open_title, the active holds').
ALTER TABLE book_items ALTER COLUMN isbn TYPE varchar(64);
ALTER TABLE loans ALTER COLUMN isbn TYPE varchar(64);
ALTER TABLE reservation_queues ALTER COLUMN isbn TYPE varchar(64);
ALTER TABLE reservations ALTER COLUMN isbn TYPE varchar(64);
ALTER TABLE digital_copies ALTER COLUMN isbn TYPE varchar(64);
ALTER TABLE digital_loans ALTER COLUMN isbn TYPE varchar(64);
